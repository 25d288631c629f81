package org.jesptool.cli;

import java.util.Locale;
import picocli.CommandLine;

/** Number parsing as esptool does it: Python {@code int(x, 0)} forms and size suffixes. */
public final class CliNumbers {
    private CliNumbers() {
    }

    /**
     * Parses {@code 0x1000}, {@code 0o17}, {@code 0b101}, {@code 4096} (underscores allowed) as a 32-bit value
     * (values up to 0xFFFFFFFF wrap to negative ints).
     *
     * @throws NumberFormatException with a readable message
     */
    public static long parseLong(String s) {
        String t = s.trim().replace("_", "").toLowerCase(Locale.ROOT);
        boolean neg = t.startsWith("-");
        if (neg || t.startsWith("+")) {
            t = t.substring(1);
        }
        int radix = 10;
        if (t.startsWith("0x")) {
            radix = 16;
            t = t.substring(2);
        } else if (t.startsWith("0o")) {
            radix = 8;
            t = t.substring(2);
        } else if (t.startsWith("0b")) {
            radix = 2;
            t = t.substring(2);
        } else if (t.length() > 1 && t.startsWith("0") && !t.matches("0+")) {
            throw new NumberFormatException("'" + s + "' is not a valid number (leading zeros are not allowed; use 0x or 0o)");
        }
        try {
            long v = Long.parseLong(t, radix);
            return neg ? -v : v;
        } catch (NumberFormatException e) {
            throw new NumberFormatException("'" + s + "' is not a valid number (use decimal, 0x.., 0o.. or 0b..)");
        }
    }

    /** A 32-bit value (address, register value), accepting 0..0xFFFFFFFF. */
    public static int parseInt32(String s) {
        long v = parseLong(s);
        if (v < Integer.MIN_VALUE || v > 0xFFFFFFFFL) {
            throw new NumberFormatException("'" + s + "' does not fit in 32 bits");
        }
        return (int) v;
    }

    /**
     * A size with optional {@code k}/{@code M} suffix (×1024, ×1048576); {@code all}/{@code ALL} returns -1
     * (the caller substitutes the detected flash size).
     */
    public static long parseSize(String s) {
        String t = s.trim();
        if (t.equalsIgnoreCase("all")) {
            return -1;
        }
        long mul = 1;
        if (t.endsWith("k") || t.endsWith("K")) {
            mul = 1024;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("M") || t.endsWith("m")) {
            mul = 1024 * 1024;
            t = t.substring(0, t.length() - 1);
        }
        return parseLong(t) * mul;
    }

    /** picocli converter for {@link #parseInt32}. */
    public static final class Int32 implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return parseInt32(value);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** picocli converter for {@link #parseSize}. */
    public static final class Size implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parseSize(value);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
