package org.jesptool.gui;

import java.util.Locale;

/** Addresses as people type them: 0x10000, 65536, 64k, 0x1000 with spaces or underscores. */
final class Numbers {
    private Numbers() {
    }

    /** The address, or -1 when the text is not a number. */
    static long parseAddress(String text) {
        if (text == null) {
            return -1;
        }
        String t = text.trim().replace("_", "").replace(" ", "").toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return -1;
        }
        long mult = 1;
        if (t.endsWith("k") || t.endsWith("m")) {
            mult = t.endsWith("k") ? 1024 : 1024 * 1024;
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
            return v < 0 ? -1 : v * mult;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String hex(long v) {
        return String.format("0x%x", v);
    }

    /** 1.5 MB, 64 KB, 96 bytes. */
    static String bytes(long n) {
        if (n >= 1 << 20) {
            return n % (1 << 20) == 0 ? (n >> 20) + " MB" : String.format("%.1f MB", n / 1048576.0);
        }
        if (n >= 1 << 10) {
            return n % (1 << 10) == 0 ? (n >> 10) + " KB" : String.format("%.1f KB", n / 1024.0);
        }
        return n + " bytes";
    }
}
