package org.jesptool.image;

import java.util.Locale;
import java.util.Map;

/**
 * The one parser for numbers written on esptool's and espsecure's command lines, as the reference reads them with
 * Python's {@code int(text, 0)}: decimal, {@code 0x..}, {@code 0o..} or {@code 0b..}, an optional sign, single
 * underscores between digits (and after the prefix), and no leading zeros on a decimal number ({@code 010000}
 * is refused: in Python it is neither decimal nor octal). Every bad text gets the same message, whichever
 * command it was given to.
 */
public final class Numbers {
    private Numbers() {
    }

    /**
     * Parses an integer like Python's {@code int(text, 0)}.
     *
     * @throws NumberFormatException with a message naming the text and the accepted forms
     */
    public static long parse(String text) {
        String t = text.strip();
        boolean negative = false;
        if (t.startsWith("-") || t.startsWith("+")) {
            negative = t.charAt(0) == '-';
            t = t.substring(1);
        }
        String lower = t.toLowerCase(Locale.ROOT);
        int radix = 10;
        String digits = lower;
        if (lower.length() >= 2 && lower.charAt(0) == '0' && "xob".indexOf(lower.charAt(1)) >= 0) {
            radix = lower.charAt(1) == 'x' ? 16 : lower.charAt(1) == 'o' ? 8 : 2;
            digits = lower.substring(2);
            if (digits.startsWith("_")) {
                digits = digits.substring(1); // Python allows one underscore right after the prefix
            }
        }
        if (!wellFormed(digits, radix)) {
            throw new NumberFormatException(invalid(text));
        }
        String plain = digits.replace("_", "");
        if (radix == 10 && plain.length() > 1 && plain.charAt(0) == '0' && !plain.matches("0+")) {
            throw new NumberFormatException("Invalid number '" + text.strip() + "': a decimal number cannot start "
                    + "with 0. Write 0x" + plain.replaceFirst("^0+", "") + " for hexadecimal or "
                    + plain.replaceFirst("^0+", "") + " for decimal.");
        }
        try {
            long v = Long.parseLong(plain, radix);
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            throw new NumberFormatException("Invalid number '" + text.strip() + "': too large.");
        }
    }

    /** Digits of the radix with single underscores between them (no leading, trailing or doubled ones). */
    private static boolean wellFormed(String digits, int radix) {
        if (digits.isEmpty() || digits.startsWith("_") || digits.endsWith("_") || digits.contains("__")) {
            return false;
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c != '_' && Character.digit(c, radix) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String invalid(String text) {
        return "Invalid number '" + text.strip() + "': write it in decimal (4096), hexadecimal (0x1000), "
                + "octal (0o10000) or binary (0b1000000000000).";
    }

    /**
     * An unsigned 32-bit value such as an address or a register value (0 to 0xFFFFFFFF).
     *
     * @throws NumberFormatException when the text is no number or out of range
     */
    public static long parseUnsigned32(String text) {
        long v = parse(text);
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new NumberFormatException("Invalid value '" + text.strip() + "': must be between 0 and 0xFFFFFFFF.");
        }
        return v;
    }

    /**
     * A size argument of read-flash and erase-region: a number with an optional {@code k}/{@code K} (x1024) or
     * {@code m}/{@code M} (x1048576) suffix, or {@code all} (returned as -1: the caller substitutes the detected
     * flash size).
     */
    public static long parseSize(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("all")) {
            return -1;
        }
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        if (last == 'k' || last == 'K') {
            unit = 1024;
        } else if (last == 'm' || last == 'M') {
            unit = 1024 * 1024;
        }
        if (unit == 1) {
            return parse(t);
        }
        try {
            return parse(t.substring(0, t.length() - 1)) * unit;
        } catch (NumberFormatException e) {
            if (e.getMessage().contains("cannot start with 0")) {
                throw e;
            }
            throw new NumberFormatException("Invalid size '" + t + "': write a number (4096, 0x1000), optionally "
                    + "with k or M (4k, 1M), or 'all'.");
        }
    }

    /** The esptool 2.x megabit flash size names and the sizes they stand for today. */
    private static final Map<String, String> MEGABIT = Map.ofEntries(
            Map.entry("2m", "256KB"), Map.entry("4m", "512KB"), Map.entry("8m", "1MB"), Map.entry("16m", "2MB"),
            Map.entry("32m", "4MB"), Map.entry("64m", "8MB"), Map.entry("128m", "16MB"),
            Map.entry("16m-c1", "2MB-c1"), Map.entry("32m-c1", "4MB-c1"), Map.entry("32m-c2", "4MB"));

    /**
     * The current name of an esptool 2.x megabit flash size ({@code 32m} is {@code 4MB}, {@code 16m-c1} is
     * {@code 2MB-c1}), or null when {@code size} is not one. {@code 32m-c2} (a 1 MB + 1 MB layout that no later
     * esptool names) maps to plain {@code 4MB}.
     */
    public static String megabitFlashSize(String size) {
        return size == null ? null : MEGABIT.get(size.strip());
    }

    /** The note printed when a megabit flash size is used: it names the current spelling. */
    public static String megabitNote(String given, String current) {
        return "Flash size '" + given + "' is in megabits, as esptool 2.x wrote it; using '" + current
                + "' (write -fs " + current + " from now on).";
    }
}
