package org.jesptool.flash;

import org.jesptool.image.FirmwareImage;
import org.jesptool.image.ImageChip;
import org.jesptool.image.ImageException;
import org.jesptool.image.ImageFormats;

/**
 * Refuses ESP32-family images built for another chip or another chip revision range (the reference's checks;
 * skipped with --force). Like the reference, a file that does not parse as an image of the connected chip is
 * not judged: it is written as data.
 */
final class ImageCheck {
    private static final int MAX_REV_NOT_SET = 0xFFFF;

    private ImageCheck() {
    }

    static void check(FlashFile f, ChipFacts chip, int chipRevision) throws FlashException {
        byte[] d = f.data();
        ImageChip format = chip.imageChipId() < 0 ? null : ImageFormats.forImageChipId(chip.imageChipId());
        if (format == null || d.length == 0 || (d[0] & 0xFF) != FirmwareImage.ESP_IMAGE_MAGIC) {
            return;
        }
        FirmwareImage image;
        try {
            image = FirmwareImage.parse(d, format);
        } catch (ImageException e) {
            return; // not an image of this chip family (for example an ESP8266 image or plain data)
        }
        if (image.chipId() != chip.imageChipId()) {
            throw new FlashException(String.format("%s is not an %s image (its header says chip id %d, %s is %d). "
                    + "Use --force to flash anyway. Nothing was written.", f.name(), chip.name(), image.chipId(),
                    chip.name(), chip.imageChipId()));
        }
        if (chipRevision >= 0) {
            checkRevision(f.name(), image.minRev(), image.minRevFull(), image.maxRevFull(), chip, chipRevision);
        }
    }

    /**
     * The revision rule (facts 2.10): min/max_rev_full unless max_rev_full is 0, or is "not set" (0xFFFF) while
     * min_rev_full is 0 and the legacy min_rev is not; then the legacy min_rev against the major revision (the
     * minor one on chips whose facts say so, ESP32-C3).
     */
    private static void checkRevision(String name, int legacyMin, int minFull, int maxFull, ChipFacts chip,
            int chipRevision) throws FlashException {
        boolean legacy = maxFull == 0 || (maxFull == MAX_REV_NOT_SET && minFull == 0 && legacyMin != 0);
        if (!legacy) {
            if (chipRevision < minFull || chipRevision > maxFull) {
                throw new FlashException(String.format("%s requires chip revision in range [v%d.%d - %s] (this "
                        + "chip is revision v%d.%d). Use --force to flash anyway. Nothing was written.", name,
                        minFull / 100, minFull % 100, maxFull == MAX_REV_NOT_SET ? "max rev not set"
                                : "v" + maxFull / 100 + "." + maxFull % 100,
                        chipRevision / 100, chipRevision % 100));
            }
            return;
        }
        int compared = chip.legacyRevIsMinor() ? chipRevision % 100 : chipRevision / 100;
        if (compared < legacyMin) {
            throw new FlashException(String.format("%s requires chip revision %d or higher (this chip is "
                    + "revision v%d.%d). Use --force to flash anyway. Nothing was written.", name, legacyMin,
                    chipRevision / 100, chipRevision % 100));
        }
    }
}
