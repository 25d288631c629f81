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

    static final int IMAGE_MAGIC = FirmwareImage.ESP_IMAGE_MAGIC;

    static void check(FlashFile f, ChipFacts chip, int chipRevision) throws FlashException {
        ImageChip format = chip.imageChipId() < 0 ? null : ImageFormats.forImageChipId(chip.imageChipId());
        if (format == null || f.length() == 0) {
            return;
        }
        byte[] header = new byte[Math.min(f.length(), HEADER)];
        f.readBytes(0, header, 0, header.length);
        if ((header[0] & 0xFF) != IMAGE_MAGIC) {
            return;
        }
        Header image;
        if (format.hasExtendedHeader()) {
            image = Header.read(f, header);
            if (image == null) {
                return; // would not parse: not an image of this chip family
            }
        } else {
            try {
                FirmwareImage parsed = FirmwareImage.parse(f.data(), format);
                image = new Header(parsed.chipId(), parsed.minRev(), parsed.minRevFull(), parsed.maxRevFull());
            } catch (ImageException e) {
                return; // not an image of this chip family (for example an ESP8266 image or plain data)
            }
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

    private static final int HEADER = 24;

    /**
     * The fields of an ESP32-family image header that the check needs, read from the file's headers without
     * loading the segments; null where {@link FirmwareImage#parse} would refuse the file (truncated, a segment
     * past the end, no checksum byte, an invalid digest flag, more than 16 segments).
     */
    record Header(int chipId, int minRev, int minRevFull, int maxRevFull) {
        static Header read(FlashFile f, byte[] header) {
            if (header.length < HEADER || (header[23] & 0xFF) > 1) {
                return null;
            }
            int count = header[1] & 0xFF;
            long pos = HEADER;
            byte[] seg = new byte[8];
            for (int i = 0; i < count; i++) {
                if (pos + 8 > f.length()) {
                    return null;
                }
                f.readBytes((int) pos, seg, 0, 8);
                pos += 8 + u32(seg, 4);
                if (pos > f.length()) {
                    return null;
                }
            }
            pos += 15 - pos % 16;
            if (pos >= f.length() || count > 16) {
                return null;
            }
            return new Header(u16(header, 12), header[14] & 0xFF, u16(header, 15), u16(header, 17));
        }

        private static int u16(byte[] b, int at) {
            return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
        }

        private static long u32(byte[] b, int at) {
            return (u16(b, at) | (long) u16(b, at + 2) << 16) & 0xFFFFFFFFL;
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
