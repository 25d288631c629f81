package org.jesptool.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an ESP8266 v1 image from raw segment files, as the reference v4's {@code make_image}: like elf2image's
 * v1 output, the output name is a prefix; a segment in the IROM range goes to {@code <prefix>0xNNNNN.bin} as
 * raw bytes and every other segment into {@code <prefix>0x00000.bin} (header, segments, checksum).
 */
public final class MakeImage {
    private static final long IROM_START = 0x40200000L;
    private static final long IROM_END = 0x40300000L;

    private MakeImage() {
    }

    /** One segment: load address and bytes. */
    public record SegmentFile(long address, byte[] data) {
    }

    /** Output files by name suffix (appended to the output prefix), in the order the reference writes them. */
    public static Map<String, byte[]> build(List<SegmentFile> files, long entry) {
        List<Segment> segments = new ArrayList<>();
        for (SegmentFile f : files) {
            segments.add(new Segment(f.address(), f.data(), null, -1));
        }
        List<Segment> irom = segments.stream().filter(s -> s.address() >= IROM_START && s.address() < IROM_END)
                .toList();
        if (irom.size() > 1) {
            throw new ImageException("Found " + irom.size() + " segments that could be irom0. Bad ELF file?");
        }
        List<Segment> normal = segments.stream().filter(s -> !irom.contains(s)).toList();
        if (normal.size() > 255) {
            throw new ImageException("Too many segments: " + normal.size());
        }
        ByteSink f = new ByteSink(1024);
        f.u8(FirmwareImage.ESP_IMAGE_MAGIC);
        f.u8(normal.size());
        f.u8(0);
        f.u8(0);
        f.u32(entry);
        int checksum = FirmwareImage.CHECKSUM_MAGIC;
        for (Segment s : normal) {
            f.u32(s.address());
            f.u32(s.length());
            f.write(s.data());
            checksum = FirmwareImage.checksum(s.data(), checksum);
        }
        f.alignForChecksum();
        f.u8(checksum);
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (!irom.isEmpty()) {
            out.put(String.format("0x%05x.bin", irom.get(0).address() - IROM_START), irom.get(0).data());
        }
        out.put("0x00000.bin", f.toByteArray());
        return out;
    }
}
