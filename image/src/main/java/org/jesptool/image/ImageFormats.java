package org.jesptool.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Registry of the image-format facts of every supported chip. Chip names are matched case-insensitively with
 * {@code -}, {@code (} and {@code )} removed, so {@code ESP32-S3} and {@code esp32s3} name the same chip.
 */
public final class ImageFormats {
    private static final Map<String, ImageChip> CHIPS = new LinkedHashMap<>();

    private static final Map<String, Integer> ESP32_SIZES = ImageChip.orderedMap("1MB", 0x00, "2MB", 0x10,
            "4MB", 0x20, "8MB", 0x30, "16MB", 0x40, "32MB", 0x50, "64MB", 0x60, "128MB", 0x70);
    private static final Map<String, Integer> FREQ_80_40_26_20 =
            ImageChip.orderedMap("80m", 0xF, "40m", 0x0, "26m", 0x1, "20m", 0x2);
    private static final Map<String, Integer> FREQ_80_40_20 = ImageChip.orderedMap("80m", 0xF, "40m", 0x0, "20m", 0x2);
    private static final Map<String, Integer> FREQ_48_24_16_12 =
            ImageChip.orderedMap("48m", 0xF, "24m", 0x0, "16m", 0x1, "12m", 0x2);
    private static final List<Integer> PAGES_8_TO_64 = List.of(0x2000, 0x4000, 0x8000, 0x10000);

    static {
        add(new ImageChip("esp8266", "ESP8266", -1, 0x0,
                ImageChip.orderedMap("512KB", 0x00, "256KB", 0x10, "1MB", 0x20, "2MB", 0x30, "4MB", 0x40,
                        "2MB-c1", 0x50, "4MB-c1", 0x60, "8MB", 0x80, "16MB", 0x90),
                FREQ_80_40_26_20, r(0x40200000L, 0x40300000L), r(0, 0),
                map(0x3FF00000L, 0x3FF00010L, "DPORT", 0x3FFE8000L, 0x40000000L, "DRAM",
                        0x40100000L, 0x40108000L, "IRAM", 0x40201010L, 0x402E1010L, "IROM"),
                List.of(), 0x7EAB61EDL));
        add(new ImageChip("esp32", "ESP32", 0, 0x1000, ESP32_SIZES, FREQ_80_40_26_20,
                r(0x400D0000L, 0x40400000L), r(0x3F400000L, 0x3F800000L),
                map(0x00000000L, 0x00010000L, "PADDING", 0x3F400000L, 0x3F800000L, "DROM",
                        0x3F800000L, 0x3FC00000L, "EXTRAM_DATA", 0x3FF80000L, 0x3FF82000L, "RTC_DRAM",
                        0x3FF90000L, 0x40000000L, "BYTE_ACCESSIBLE", 0x3FFAE000L, 0x40000000L, "DRAM",
                        0x3FFE0000L, 0x3FFFFFFCL, "DIRAM_DRAM", 0x40000000L, 0x40070000L, "IROM",
                        0x40070000L, 0x40078000L, "CACHE_PRO", 0x40078000L, 0x40080000L, "CACHE_APP",
                        0x40080000L, 0x400A0000L, "IRAM", 0x400A0000L, 0x400BFFFCL, "DIRAM_IRAM",
                        0x400C0000L, 0x400C2000L, "RTC_IRAM", 0x400D0000L, 0x40400000L, "IROM",
                        0x50000000L, 0x50002000L, "RTC_DATA"),
                List.of(), 0x1C5F21B0L));
        CHIPS.get("esp32").secureBootV1Padding = true;
        CHIPS.get("esp32").flashSegmentEndGap = true;
        add(new ImageChip("esp32s2", "ESP32-S2", 2, 0x1000, ESP32_SIZES, FREQ_80_40_26_20,
                r(0x40080000L, 0x40B80000L), r(0x3F000000L, 0x3F3F0000L),
                map(0x00000000L, 0x00010000L, "PADDING", 0x3F000000L, 0x3FF80000L, "DROM",
                        0x3F500000L, 0x3FF80000L, "EXTRAM_DATA", 0x3FF9E000L, 0x3FFA0000L, "RTC_DRAM",
                        0x3FF9E000L, 0x40000000L, "BYTE_ACCESSIBLE", 0x3FF9E000L, 0x40072000L, "MEM_INTERNAL",
                        0x3FFB0000L, 0x40000000L, "DRAM", 0x40000000L, 0x4001A100L, "IROM_MASK",
                        0x40020000L, 0x40070000L, "IRAM", 0x40070000L, 0x40072000L, "RTC_IRAM",
                        0x40080000L, 0x40800000L, "IROM", 0x50000000L, 0x50002000L, "RTC_DATA"),
                List.of(), 0xBFDD4EEEL));
        add(new ImageChip("esp32s3", "ESP32-S3", 9, 0x0, ESP32_SIZES, FREQ_80_40_26_20,
                r(0x42000000L, 0x44000000L), r(0x3C000000L, 0x3E000000L),
                map(0x00000000L, 0x00010000L, "PADDING", 0x3C000000L, 0x3D000000L, "DROM",
                        0x3D000000L, 0x3E000000L, "EXTRAM_DATA", 0x600FE000L, 0x60100000L, "RTC_DRAM",
                        0x3FC88000L, 0x3FD00000L, "BYTE_ACCESSIBLE", 0x3FC88000L, 0x403E2000L, "MEM_INTERNAL",
                        0x3FC88000L, 0x3FD00000L, "DRAM", 0x40000000L, 0x4001A100L, "IROM_MASK",
                        0x40370000L, 0x403E0000L, "IRAM", 0x600FE000L, 0x60100000L, "RTC_IRAM",
                        0x42000000L, 0x42800000L, "IROM", 0x50000000L, 0x50002000L, "RTC_DATA"),
                List.of(), 0xC47E5767L));
        add(new ImageChip("esp32c2", "ESP32-C2", 12, 0x0, ESP32_SIZES,
                ImageChip.orderedMap("60m", 0xF, "30m", 0x0, "20m", 0x1, "15m", 0x2),
                r(0x42000000L, 0x42400000L), r(0x3C000000L, 0x3C400000L),
                map(0x00000000L, 0x00010000L, "PADDING", 0x3C000000L, 0x3C400000L, "DROM",
                        0x3FCA0000L, 0x3FCE0000L, "DRAM", 0x3FC88000L, 0x3FD00000L, "BYTE_ACCESSIBLE",
                        0x3FF00000L, 0x3FF50000L, "DROM_MASK", 0x40000000L, 0x40090000L, "IROM_MASK",
                        0x42000000L, 0x42400000L, "IROM", 0x4037C000L, 0x403C0000L, "IRAM"),
                List.of(0x4000, 0x8000, 0x10000), 0x2B88D29CL));
        add(new ImageChip("esp32c3", "ESP32-C3", 5, 0x0, ESP32_SIZES, FREQ_80_40_26_20,
                r(0x42000000L, 0x42800000L), r(0x3C000000L, 0x3C800000L),
                map(0x00000000L, 0x00010000L, "PADDING", 0x3C000000L, 0x3C800000L, "DROM",
                        0x3FC80000L, 0x3FCE0000L, "DRAM", 0x3FC88000L, 0x3FD00000L, "BYTE_ACCESSIBLE",
                        0x3FF00000L, 0x3FF20000L, "DROM_MASK", 0x40000000L, 0x40060000L, "IROM_MASK",
                        0x42000000L, 0x42800000L, "IROM", 0x4037C000L, 0x403E0000L, "IRAM",
                        0x50000000L, 0x50002000L, "RTC_IRAM", 0x50000000L, 0x50002000L, "RTC_DRAM",
                        0x600FE000L, 0x60100000L, "MEM_INTERNAL2"),
                List.of(), 0xD42BA06CL));
        add(new ImageChip("esp32c5", "ESP32-C5", 23, 0x2000, ESP32_SIZES, FREQ_80_40_20,
                r(0x42000000L, 0x44000000L), r(0x42000000L, 0x44000000L),
                map(0x00000000L, 0x00010000L, "PADDING", 0x42000000L, 0x44000000L, "DROM",
                        0x40800000L, 0x40860000L, "DRAM", 0x40800000L, 0x40860000L, "BYTE_ACCESSIBLE",
                        0x4003A000L, 0x40040000L, "DROM_MASK", 0x40000000L, 0x4003A000L, "IROM_MASK",
                        0x42000000L, 0x44000000L, "IROM", 0x40800000L, 0x40860000L, "IRAM",
                        0x50000000L, 0x50004000L, "RTC_IRAM", 0x50000000L, 0x50004000L, "RTC_DRAM",
                        0x600FE000L, 0x60100000L, "MEM_INTERNAL2"),
                List.of(), 0xF71C0343L));
        List<MemoryRegion> c6Map = map(0x00000000L, 0x00010000L, "PADDING", 0x42800000L, 0x43000000L, "DROM",
                0x40800000L, 0x40880000L, "DRAM", 0x40800000L, 0x40880000L, "BYTE_ACCESSIBLE",
                0x4004AC00L, 0x40050000L, "DROM_MASK", 0x40000000L, 0x4004AC00L, "IROM_MASK",
                0x42000000L, 0x42800000L, "IROM", 0x40800000L, 0x40880000L, "IRAM",
                0x50000000L, 0x50004000L, "RTC_IRAM", 0x50000000L, 0x50004000L, "RTC_DRAM",
                0x600FE000L, 0x60100000L, "MEM_INTERNAL2");
        add(new ImageChip("esp32c6", "ESP32-C6", 13, 0x0, ESP32_SIZES,
                ImageChip.orderedMap("80m", 0x0, "40m", 0x0, "20m", 0x2),
                r(0x42000000L, 0x42800000L), r(0x42800000L, 0x43000000L), c6Map, PAGES_8_TO_64, 0x540DDF62L));
        add(new ImageChip("esp32c61", "ESP32-C61", 20, 0x0, ESP32_SIZES, FREQ_80_40_20,
                r(0x42000000L, 0x42800000L), r(0x42800000L, 0x43000000L),
                map(0x00000000L, 0x00010000L, "PADDING", 0x42000000L, 0x44000000L, "DROM",
                        0x40800000L, 0x40860000L, "DRAM", 0x40800000L, 0x40860000L, "BYTE_ACCESSIBLE",
                        0x4004AC00L, 0x40050000L, "DROM_MASK", 0x40000000L, 0x4004AC00L, "IROM_MASK",
                        0x42000000L, 0x44000000L, "IROM", 0x40800000L, 0x40860000L, "IRAM",
                        0x50000000L, 0x50004000L, "RTC_IRAM", 0x50000000L, 0x50004000L, "RTC_DRAM",
                        0x600FE000L, 0x60100000L, "MEM_INTERNAL2"),
                PAGES_8_TO_64, 0x77D850C4L));
        add(new ImageChip("esp32h2", "ESP32-H2", 16, 0x0, ESP32_SIZES, FREQ_48_24_16_12,
                r(0x42000000L, 0x42800000L), r(0x42800000L, 0x43000000L), c6Map, PAGES_8_TO_64, 0x332726F6L));
        add(new ImageChip("esp32h21", "ESP32-H21", 25, 0x0, ESP32_SIZES, FREQ_48_24_16_12,
                r(0x42000000L, 0x42800000L), r(0x42800000L, 0x43000000L), c6Map, PAGES_8_TO_64, 0xB6DD00AFL));
        add(new ImageChip("esp32h4", "ESP32-H4", 28, 0x2000, ESP32_SIZES, FREQ_48_24_16_12,
                r(0x42000000L, 0x42800000L), r(0x42800000L, 0x43000000L), c6Map, PAGES_8_TO_64, 0x9E0BAA8AL));
        add(new ImageChip("esp32p4", "ESP32-P4", 18, 0x2000, ESP32_SIZES, FREQ_80_40_26_20,
                r(0x40000000L, 0x4C000000L), r(0x40000000L, 0x4C000000L),
                map(0x00000000L, 0x00010000L, "PADDING", 0x40000000L, 0x4C000000L, "DROM",
                        0x4FF00000L, 0x4FFA0000L, "DRAM", 0x4FF00000L, 0x4FFA0000L, "BYTE_ACCESSIBLE",
                        0x4FC00000L, 0x4FC20000L, "DROM_MASK", 0x4FC00000L, 0x4FC20000L, "IROM_MASK",
                        0x40000000L, 0x4C000000L, "IROM", 0x4FF00000L, 0x4FFA0000L, "IRAM",
                        0x50108000L, 0x50110000L, "RTC_IRAM", 0x50108000L, 0x50110000L, "RTC_DRAM",
                        0x600FE000L, 0x60100000L, "MEM_INTERNAL2"),
                List.of(), 0x3D308E94L));
        add(new ImageChip("esp32s31", "ESP32-S31", 32, 0x2000, ESP32_SIZES, FREQ_80_40_20,
                r(0x40000000L, 0x54000000L), r(0x40000000L, 0x54000000L),
                map(0x00000000L, 0x00010000L, "PADDING", 0x40000000L, 0x54000000L, "DROM",
                        0x2F000000L, 0x2F080000L, "DRAM", 0x2F000000L, 0x2F080000L, "BYTE_ACCESSIBLE",
                        0x2F800000L, 0x2F850000L, "DROM_MASK", 0x2F800000L, 0x2F850000L, "IROM_MASK",
                        0x40000000L, 0x54000000L, "IROM", 0x2F000000L, 0x2F080000L, "IRAM",
                        0x2E000000L, 0x2E008000L, "RTC_IRAM", 0x2E000000L, 0x2E008000L, "RTC_DRAM"),
                List.of(0x8000, 0x10000, 0x20000, 0x40000), 0x3101F7C1L));
        add(new ImageChip("esp32e22", "ESP32-E22", 31, 0x0, ESP32_SIZES, FREQ_80_40_26_20,
                r(0x3C000000L, 0x40000000L), r(0x3C000000L, 0x40000000L),
                map(0x00000000L, 0x00010000L, "PADDING", 0x3C000000L, 0x40000000L, "DROM",
                        0x31000000L, 0x31200000L, "DRAM", 0x31000000L, 0x31200000L, "BYTE_ACCESSIBLE",
                        0x30000000L, 0x30120000L, "DROM_MASK", 0x30000000L, 0x30120000L, "IROM_MASK",
                        0x3C000000L, 0x40000000L, "IROM", 0x30FE0000L, 0x31200000L, "IRAM",
                        0xC0000000L, 0xC0008000L, "RTC_IRAM", 0xC0000000L, 0xC0008000L, "RTC_DRAM"),
                List.of(), 0x1C5F21B0L));
    }

    private ImageFormats() {
    }

    /** Facts of the named chip; throws {@link ImageException} listing the known chips when unknown. */
    public static ImageChip forChip(String chipName) {
        ImageChip chip = find(chipName);
        if (chip == null) {
            throw new ImageException("Invalid chip choice: '" + chipName + "' (choose from "
                    + String.join(", ", CHIPS.keySet()) + ")");
        }
        return chip;
    }

    /** Facts of the named chip, or null when unknown. */
    public static ImageChip find(String chipName) {
        if (chipName == null) {
            return null;
        }
        return CHIPS.get(normalize(chipName));
    }

    /** The chip whose extended header carries {@code imageChipId}, or null. */
    public static ImageChip forImageChipId(int imageChipId) {
        for (ImageChip c : CHIPS.values()) {
            if (c.hasExtendedHeader() && c.imageChipId() == imageChipId) {
                return c;
            }
        }
        return null;
    }

    /** The chip whose images have no extended header (ESP8266): what an image without one is taken for. */
    public static ImageChip withoutExtendedHeader() {
        return CHIPS.values().stream().filter(c -> !c.hasExtendedHeader()).findFirst().orElseThrow();
    }

    /** Every supported chip, ESP8266 first. */
    public static List<ImageChip> all() {
        return List.copyOf(CHIPS.values());
    }

    /** Chip name in canonical form: lower case with {@code -()} removed. */
    public static String normalize(String chipName) {
        return chipName.toLowerCase(Locale.ROOT).replaceAll("[-()]", "");
    }

    private static void add(ImageChip chip) {
        CHIPS.put(chip.name(), chip);
    }

    private static long[] r(long start, long end) {
        return new long[] {start, end};
    }

    private static List<MemoryRegion> map(Object... entries) {
        List<MemoryRegion> regions = new ArrayList<>();
        for (int i = 0; i < entries.length; i += 3) {
            regions.add(new MemoryRegion((Long) entries[i], (Long) entries[i + 1], (String) entries[i + 2]));
        }
        return regions;
    }
}
