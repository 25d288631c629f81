package org.jesptool.image;

import java.util.List;

/**
 * Builds an ESP8266 v1 image from raw segment files (the reference v4's {@code make_image}): header, each
 * segment at its load address, checksum.
 */
public final class MakeImage {
    private MakeImage() {
    }

    /** One segment: load address and bytes. */
    public record SegmentFile(long address, byte[] data) {
    }

    /** The image bytes for {@code segments} with entry point {@code entry}. */
    public static byte[] build(List<SegmentFile> segments, long entry) {
        if (segments.size() > 16) {
            throw new ImageException("Invalid segment count " + segments.size() + " (max 16).");
        }
        ByteSink f = new ByteSink(1024);
        f.u8(FirmwareImage.ESP_IMAGE_MAGIC);
        f.u8(segments.size());
        f.u8(0);
        f.u8(0);
        f.u32(entry);
        int checksum = FirmwareImage.CHECKSUM_MAGIC;
        for (SegmentFile s : segments) {
            byte[] data = Segment.padTo(s.data(), 4);
            if (s.address() == 0) {
                data = s.data();
            }
            if ((data.length & 3) != 0) {
                throw new ImageException(String.format("Invalid segment length 0x%x at address 0x%x. It has to be"
                        + " multiple of 4.", data.length, s.address()));
            }
            f.u32(s.address());
            f.u32(data.length);
            f.write(data);
            checksum = FirmwareImage.checksum(data, checksum);
        }
        f.alignForChecksum();
        f.u8(checksum);
        return f.toByteArray();
    }
}
