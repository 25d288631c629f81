package org.jesptool.flash;

import java.util.Locale;

/** Flash size names, number parsing as the reference accepts it, and size detection from the JEDEC id. */
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

    /** An integer in any of Python's {@code int(x, 0)} forms: decimal, 0x.., 0o.., 0b... */
    public static long parseInt(String text) {
        String t = text.trim().replace("_", "");
        boolean negative = t.startsWith("-");
        if (negative || t.startsWith("+")) {
            t = t.substring(1);
        }
        String lower = t.toLowerCase(Locale.ROOT);
        long v;
        try {
            if (lower.startsWith("0x")) {
                v = Long.parseLong(t.substring(2), 16);
            } else if (lower.startsWith("0o")) {
                v = Long.parseLong(t.substring(2), 8);
            } else if (lower.startsWith("0b")) {
                v = Long.parseLong(t.substring(2), 2);
            } else {
                v = Long.parseLong(t, 10);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number (use e.g. 4096 or 0x1000).");
        }
        return negative ? -v : v;
    }

    /**
     * A size argument: a number, a number with {@code k}/{@code M} suffix (x1024 / x1048576), or {@code all}
     * (returned as -1: the caller substitutes the detected flash size).
     */
    public static long parseSizeArg(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("all")) {
            return -1;
        }
        if (t.endsWith("k") || t.endsWith("K")) {
            return parseInt(t.substring(0, t.length() - 1)) * 1024;
        }
        if (t.endsWith("M") || t.endsWith("m")) {
            return parseInt(t.substring(0, t.length() - 1)) * 1024 * 1024;
        }
        return parseInt(t);
    }
}
