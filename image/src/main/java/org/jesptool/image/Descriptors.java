package org.jesptool.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** The ESP-IDF application and bootloader descriptors found at the start of image segments. */
public final class Descriptors {
    private Descriptors() {
    }

    /** esp_app_desc_t (first 256 bytes of the first DROM segment, magic 0xABCD5432). */
    public record AppDescriptor(long secureVersion, String version, String projectName, String time, String date,
                                String idfVersion, String elfSha256, int minEfuseBlockRevFull,
                                int maxEfuseBlockRevFull, int mmuPageSizeLog2) {
        /**
         * MMU page size like "64 KB", or null when the descriptor does not set it. Any log2 (a byte) gives a
         * size as the reference prints it (2**n // 1024), not a shift that wraps past 63.
         */
        public String mmuPageSize() {
            return mmuPageSizeLog2 == 0 ? null : java.math.BigInteger.ONE.shiftLeft(mmuPageSizeLog2).shiftRight(10)
                    + " KB";
        }
    }

    /** esp_bootloader_desc_t (first 80 bytes of a DRAM segment, magic byte 0x50). */
    public record BootloaderDescriptor(long version, String idfVersion, String dateTime) {
    }

    /** Parses an app descriptor, or returns null when the data is too short or the magic is wrong. */
    public static AppDescriptor app(byte[] data) {
        if (data.length < 256) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0xABCD5432) {
            return null;
        }
        return new AppDescriptor(b.getInt(4) & 0xFFFFFFFFL, text(data, 16, 32), text(data, 48, 32),
                text(data, 80, 16), text(data, 96, 16), text(data, 112, 32),
                HexFormat.of().formatHex(data, 144, 176), b.getShort(176) & 0xFFFF, b.getShort(178) & 0xFFFF,
                data[180] & 0xFF);
    }

    /** Parses a bootloader descriptor, or returns null when the data is too short or the magic is wrong. */
    public static BootloaderDescriptor bootloader(byte[] data) {
        if (data.length < 80 || (data[0] & 0xFF) != 0x50) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        return new BootloaderDescriptor(b.getInt(4) & 0xFFFFFFFFL, text(data, 8, 32), text(data, 40, 24));
    }

    /** Decodes a fixed-size C string field: UTF-8 (invalid bytes dropped) with NUL characters removed. */
    static String text(byte[] data, int offset, int length) {
        String s = new String(data, offset, length, StandardCharsets.UTF_8);
        return s.replace("\0", "").replace("\uFFFD", "");
    }

    /** "major.minor" of a full revision number. */
    public static String revision(int full) {
        return (full / 100) + "." + (full % 100);
    }
}
