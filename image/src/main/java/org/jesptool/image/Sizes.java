package org.jesptool.image;

import java.util.Locale;

/** Parsing of numbers and sizes the way the reference accepts them on its command line. */
public final class Sizes {
    private Sizes() {
    }

    /**
     * Parses an integer like Python's {@code int(text, 0)}: {@code 0x..}, {@code 0o..}, {@code 0b..} or decimal,
     * with optional sign and underscores between digits.
     */
    public static long parseInt(String text) {
        String s = text.trim().replace("_", "");
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.startsWith("-");
            s = s.substring(1);
        }
        String lower = s.toLowerCase(Locale.ROOT);
        long value;
        try {
            if (lower.startsWith("0x")) {
                value = Long.parseLong(lower.substring(2), 16);
            } else if (lower.startsWith("0o")) {
                value = Long.parseLong(lower.substring(2), 8);
            } else if (lower.startsWith("0b")) {
                value = Long.parseLong(lower.substring(2), 2);
            } else {
                if (lower.length() > 1 && lower.startsWith("0") && !lower.matches("0+")) {
                    throw new NumberFormatException();
                }
                value = Long.parseLong(lower, 10);
            }
        } catch (NumberFormatException e) {
            throw new ImageException("'" + text + "' is not a valid integer.");
        }
        return negative ? -value : value;
    }

    /**
     * Bytes of a size written like {@code 4MB} or {@code 64KB} (text after the unit, as in {@code 4MB-c1}, is
     * ignored). As in the reference, a size without an upper-case MB or KB unit is refused.
     */
    public static long flashSizeBytes(String size) {
        int mb = size.indexOf("MB");
        int kb = size.indexOf("KB");
        try {
            if (mb >= 0) {
                return Long.parseLong(size.substring(0, mb).trim().replace("_", "")) * 1024 * 1024;
            } else if (kb >= 0) {
                return Long.parseLong(size.substring(0, kb).trim().replace("_", "")) * 1024;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new ImageException("Unknown size " + size);
    }
}
