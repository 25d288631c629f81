package org.jesptool.gui;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jesptool.image.FirmwareImage;
import org.jesptool.image.ImageChip;
import org.jesptool.image.ImageFormats;

/**
 * Reads a file's first bytes and says what it is (bootloader, partition table, application, merged image,
 * ESP8266 firmware, plain data), which chip it was built for, and where it usually goes in flash.
 */
final class ImageSniffer {
    /** What a file is, as far as choosing its flash address goes. */
    enum Kind {
        BOOTLOADER("bootloader"), PARTITION_TABLE("partition table"), APP("application"),
        MERGED("merged image (bootloader, partition table and app)"), OTA_DATA("OTA data"),
        ESP8266_FIRMWARE("ESP8266 firmware"), INIT_DATA("ESP8266 SDK init data"), BLANK("blank sector (0xFF)"),
        DATA("data");

        final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    /**
     * @param kind what the file is
     * @param chip the chip its header names (null: no chip in the header)
     */
    record Sniff(Kind kind, ImageChip chip) {
        String describe() {
            return kind.words + (chip == null || kind.words.contains(chip.displayName()) ? ""
                    : " for " + chip.displayName());
        }
    }

    static final int PARTITION_TABLE_OFFSET = 0x8000;
    static final int APP_OFFSET = 0x10000;
    private static final int APP_DESC_MAGIC = 0xABCD5432;
    private static final Pattern HEX_IN_NAME = Pattern.compile("(?i)(?:^|[^0-9a-z])0x([0-9a-f]{1,8})(?![0-9a-z])");

    private ImageSniffer() {
    }

    static Sniff sniff(String fileName, byte[] d) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.contains("esp_init_data")) {
            return new Sniff(Kind.INIT_DATA, ImageFormats.find("esp8266"));
        }
        if (d.length >= 2 && (d[0] & 0xFF) == 0xAA && (d[1] & 0xFF) == 0x50) {
            return new Sniff(Kind.PARTITION_TABLE, null);
        }
        if (d.length > PARTITION_TABLE_OFFSET + 2 && (d[PARTITION_TABLE_OFFSET] & 0xFF) == 0xAA
                && (d[PARTITION_TABLE_OFFSET + 1] & 0xFF) == 0x50) {
            ImageChip c = esp32Chip(d, 0);
            if (c == null && d.length > 0x1000 + 24) {
                c = esp32Chip(d, 0x1000);
            }
            return new Sniff(Kind.MERGED, c);
        }
        if (d.length >= 24 && (d[0] & 0xFF) == 0xEA) {
            return new Sniff(Kind.ESP8266_FIRMWARE, ImageFormats.find("esp8266"));
        }
        if (d.length >= 24 && (d[0] & 0xFF) == FirmwareImage.ESP_IMAGE_MAGIC) {
            if (looksEsp8266(d)) {
                return new Sniff(Kind.ESP8266_FIRMWARE, ImageFormats.find("esp8266"));
            }
            ImageChip c = esp32Chip(d, 0);
            boolean app = d.length >= 36 && u32(d, 32) == APP_DESC_MAGIC;
            if (app || d.length >= APP_OFFSET - PARTITION_TABLE_OFFSET) {
                return new Sniff(Kind.APP, c);
            }
            return new Sniff(Kind.BOOTLOADER, c);
        }
        if (name.contains("ota_data") || name.contains("boot_app0")) {
            return new Sniff(Kind.OTA_DATA, null);
        }
        return new Sniff(Kind.DATA, null);
    }

    /** An ESP8266 v1 image: the first segment loads to 0x3FFxxxxx or 0x40xxxxxx where later chips keep their ext header. */
    private static boolean looksEsp8266(byte[] d) {
        int seg = u32(d, 8);
        return (seg >>> 24) == 0x40 || (seg >>> 20) == 0x3FF;
    }

    /** The chip named by an ESP32-family extended header at {@code at}, or null. */
    private static ImageChip esp32Chip(byte[] d, int at) {
        if (d.length < at + 24 || (d[at] & 0xFF) != FirmwareImage.ESP_IMAGE_MAGIC) {
            return null;
        }
        int id = (d[at + 12] & 0xFF) | (d[at + 13] & 0xFF) << 8;
        return ImageFormats.forImageChipId(id);
    }

    /**
     * Where a file of this kind goes on {@code chip} (the detected chip, else the file's own), or -1 when it cannot
     * be told (the user types it). {@code flashSize} is the detected size, 0 when unknown.
     */
    static long suggestAddress(String fileName, Sniff s, ImageChip chip, long flashSize) {
        ImageChip c = chip != null ? chip : s.chip();
        switch (s.kind()) {
            case BOOTLOADER:
                return c == null ? -1 : c.bootloaderOffset();
            case PARTITION_TABLE:
                return PARTITION_TABLE_OFFSET;
            case APP:
                return APP_OFFSET;
            case MERGED:
            case ESP8266_FIRMWARE:
                return hexInName(fileName) >= 0 ? hexInName(fileName) : 0;
            case INIT_DATA:
                return flashSize > 0 ? flashSize - 0x4000 : -1;
            case BLANK:
                return flashSize > 0 ? flashSize - 0x2000 : -1;
            case OTA_DATA:
                return fileName.toLowerCase(Locale.ROOT).contains("boot_app0") ? 0xE000 : 0xD000;
            default:
                return hexInName(fileName);
        }
    }

    /** NodeMCU style names such as {@code 0x10000.bin} or {@code firmware-0x00000.bin}: the address, else -1. */
    static long hexInName(String fileName) {
        Matcher m = HEX_IN_NAME.matcher(fileName);
        return m.find() ? Long.parseLong(m.group(1), 16) : -1;
    }

    private static int u32(byte[] d, int at) {
        return (d[at] & 0xFF) | (d[at + 1] & 0xFF) << 8 | (d[at + 2] & 0xFF) << 16 | (d[at + 3] & 0xFF) << 24;
    }
}
