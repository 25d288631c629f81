package org.jesptool.flash;

/**
 * Refuses ESP32-family images built for another chip or another chip revision range (the reference's checks;
 * skipped with --force).
 */
final class ImageCheck {
    private static final int MAGIC = 0xE9;
    private static final int EXTENDED_HEADER_END = 24;

    private ImageCheck() {
    }

    static void check(FlashFile f, ChipFacts chip, int chipRevision) throws FlashException {
        byte[] d = f.data();
        if (chip.imageChipId() < 0 || d.length < EXTENDED_HEADER_END || (d[0] & 0xFF) != MAGIC) {
            return;
        }
        int hashAppended = d[23] & 0xFF;
        if (hashAppended > 1) {
            return; // not an ESP32-family header (for example an ESP8266 image): not ours to judge
        }
        int chipId = u16(d, 12);
        if (chipId != chip.imageChipId()) {
            throw new FlashException(String.format("%s is not an %s image (its header says chip id %d, %s is %d). "
                    + "Use --force to flash anyway. Nothing was written.", f.name(), chip.name(), chipId,
                    chip.name(), chip.imageChipId()));
        }
        if (chipRevision < 0) {
            return;
        }
        int legacyMin = d[14] & 0xFF;
        int minFull = u16(d, 15);
        int maxFull = u16(d, 17);
        boolean useFull = maxFull != 0 && !(maxFull == 0xFFFF && minFull == 0 && legacyMin != 0);
        if (useFull) {
            if (chipRevision < minFull || chipRevision > maxFull) {
                throw new FlashException(String.format("%s requires chip revision in range [v%d.%d - %s] (this "
                        + "chip is revision v%d.%d). Use --force to flash anyway. Nothing was written.", f.name(),
                        minFull / 100, minFull % 100, maxFull == 0xFFFF ? "max rev not set"
                                : "v" + maxFull / 100 + "." + maxFull % 100,
                        chipRevision / 100, chipRevision % 100));
            }
        } else {
            int compared = chip.legacyRevIsMinor() ? chipRevision % 100 : chipRevision / 100;
            if (compared < legacyMin) {
                throw new FlashException(String.format("%s requires chip revision %d or higher (this chip is "
                        + "revision v%d.%d). Use --force to flash anyway. Nothing was written.", f.name(), legacyMin,
                        chipRevision / 100, chipRevision % 100));
            }
        }
    }

    private static int u16(byte[] d, int off) {
        return (d[off] & 0xFF) | (d[off + 1] & 0xFF) << 8;
    }
}
