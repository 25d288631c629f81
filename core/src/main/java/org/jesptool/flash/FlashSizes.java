package org.jesptool.flash;

import java.util.Locale;

/** Flash size names and size detection from the JEDEC id (numbers are parsed by the image module's Numbers). */
public final class FlashSizes {
    private FlashSizes() {
    }

    /**
     * Bytes of a size name such as {@code 4MB}, {@code 256KB} or {@code 2MB-c1}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static long parseName(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        if (n.endsWith("-C1")) {
            n = n.substring(0, n.length() - 3);
        }
        long unit;
        if (n.endsWith("MB")) {
            unit = 1L << 20;
        } else if (n.endsWith("KB")) {
            unit = 1L << 10;
        } else {
            throw new IllegalArgumentException("Unknown flash size '" + name + "': use e.g. 2MB, 4MB, 16MB.");
        }
        try {
            return Long.parseLong(n.substring(0, n.length() - 2)) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Unknown flash size '" + name + "': use e.g. 2MB, 4MB, 16MB.");
        }
    }

    /** "4MB", "512KB", or a byte count when not a whole number of KB. */
    public static String format(long bytes) {
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "MB";
        }
        if (bytes % 1024 == 0) {
            return (bytes >> 10) + "KB";
        }
        return bytes + " bytes";
    }

    /**
     * The flash size the JEDEC id (manufacturer bits 0..7, type 8..15, capacity 16..23) announces, or 0 when the
     * id is not one the reference knows.
     */
    public static long fromJedecId(int id) {
        return Math.max(0, org.jesptool.loader.SpiFlash.sizeFromJedecId(id));
    }
}
