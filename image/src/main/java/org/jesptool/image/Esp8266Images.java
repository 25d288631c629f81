package org.jesptool.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;

/** ESP8266 image layouts written by elf2image: v1 (two files), v2 (rboot / Espressif bootloader) and v3. */
final class Esp8266Images {
    static final long ESP8266_IROM_START = 0x40200000L;
    static final long ESP8266_IROM_END = 0x40300000L;

    private Esp8266Images() {
    }

    static Segment iromSegment(List<Segment> segments) {
        List<Segment> irom = segments.stream()
                .filter(s -> s.address() >= ESP8266_IROM_START && s.address() < ESP8266_IROM_END).toList();
        if (irom.size() > 1) {
            throw new ImageException("Found " + irom.size() + " segments that could be irom0. Bad ELF file?");
        }
        return irom.isEmpty() ? null : irom.get(0);
    }

    static void saveV1(List<Segment> segments, SegmentWriter w, List<Elf2Image.Part> parts) {
        Segment irom = iromSegment(segments);
        List<Segment> normal = segments.stream().filter(s -> s != irom).toList();
        ByteSink f = new ByteSink(Elf2Image.estimateSize(segments, 0));
        w.commonHeader(f, FirmwareImage.ESP_IMAGE_MAGIC, normal.size());
        int checksum = FirmwareImage.CHECKSUM_MAGIC;
        for (Segment s : normal) {
            checksum = w.save(f, s, checksum, s.name());
        }
        f.alignForChecksum();
        f.u8(checksum);
        if (irom != null) {
            parts.add(new Elf2Image.Part(String.format("0x%05x.bin", irom.address() - ESP8266_IROM_START), irom.data()));
        }
        parts.add(new Elf2Image.Part("0x00000.bin", f.toByteArray()));
    }

    static byte[] saveV2(List<Segment> segments, SegmentWriter w) {
        ByteSink f = new ByteSink(Elf2Image.estimateSize(segments, 0));
        w.commonHeader(f, FirmwareImage.ESP8266_V2_MAGIC, 4);
        Segment irom = iromSegment(segments);
        if (irom != null) {
            Segment copy = new Segment(0, Segment.padTo(irom.data(), 16), irom.name(), 0);
            w.save(f, copy, 0, irom.name());
        }
        List<Segment> normal = segments.stream().filter(s -> s != irom).toList();
        w.commonHeader(f, FirmwareImage.ESP_IMAGE_MAGIC, normal.size());
        int checksum = FirmwareImage.CHECKSUM_MAGIC;
        for (Segment s : normal) {
            checksum = w.save(f, s, checksum, s.name());
        }
        f.alignForChecksum();
        f.u8(checksum);
        CRC32 crc = new CRC32();
        crc.update(f.array(), 0, f.position());
        long value = crc.getValue();
        value = (value & 0x80000000L) != 0 ? value ^ 0xFFFFFFFFL : value + 1;
        f.u32(value);
        return f.toByteArray();
    }

    static byte[] saveV3(List<Segment> segments, SegmentWriter w, int pageSize) {
        ByteSink f = new ByteSink(Elf2Image.estimateSize(segments, 0));
        w.commonHeader(f, FirmwareImage.ESP_IMAGE_MAGIC, segments.size());
        int checksum = FirmwareImage.CHECKSUM_MAGIC;
        List<Segment> sorted = new ArrayList<>(segments);
        sorted.sort(Comparator.comparingLong(Segment::address));
        List<Segment> flash = new ArrayList<>();
        List<Segment> ram = new ArrayList<>();
        for (Segment s : sorted) {
            if (s.length() > 0) {
                (s.address() > ESP8266_IROM_START ? flash : ram).add(s.copy());
            }
        }
        Elf2Image.requireOneSegmentPerFlashPage(flash, pageSize);
        int total = 0;
        for (Segment s : flash) {
            if (".flash.rodata".equals(s.name())) {
                s.setData(Arrays.copyOfRange(s.data(), Math.min(8, s.length()), s.length()));
            }
            checksum = w.save(f, s, checksum, s.name());
            total++;
        }
        for (Segment s : ram) {
            checksum = w.save(f, s, checksum, s.name());
            total++;
        }
        f.alignForChecksum();
        f.u8(checksum);
        int imageLength = f.position();
        f.set(1, total);
        // the reference always appends a digest to v3 images (--dont-append-digest is ignored for ESP8266)
        f.write(FirmwareImage.sha256(f.array(), 0, imageLength));
        return f.toByteArray();
    }
}
