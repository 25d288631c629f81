package org.jesptool.cli;

import java.util.function.ToLongFunction;
import org.jesptool.image.Numbers;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for the numbers on esptool's and espsecure's command lines, all parsed by {@link Numbers}
 * so that the same bad text gets the same message (and exit status 2) in every command.
 */
public final class CliNumbers {
    private CliNumbers() {
    }

    /** A conversion failure whose message is complete as it stands (printed without picocli's prefix). */
    public static final class BadNumber extends TypeConversionException {
        private static final long serialVersionUID = 1L;

        public BadNumber(String message) {
            super(message);
        }
    }

    /** Any integer in Python's {@code int(x, 0)} forms. */
    public static long parseLong(String s) {
        return Numbers.parse(s);
    }

    /**
     * A 32-bit value (address, register value, count) as an int: -2147483648 to 0xFFFFFFFF, values above
     * 0x7FFFFFFF wrapping negative as the register they stand for.
     */
    public static int parseInt32(String s) {
        long v = Numbers.parse(s);
        if (v < Integer.MIN_VALUE || v > 0xFFFFFFFFL) {
            throw new NumberFormatException("Invalid value '" + s.strip() + "': does not fit in 32 bits.");
        }
        return (int) v;
    }

    /**
     * A number parsed in a command's own code (address/file pairs, values read from text): a bad one becomes the
     * same usage error the converters give.
     */
    public static long unsigned32(CommandSpec spec, String text) {
        try {
            return Numbers.parseUnsigned32(text);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The message to print for a usage error: a bad number's own message, else picocli's. */
    public static String message(ParameterException ex) {
        return ex.getCause() instanceof BadNumber b ? b.getMessage() : ex.getMessage();
    }

    /** {@code parse(value)}, with a failure as a {@link BadNumber} picocli reports as it stands. */
    private static long converted(String value, ToLongFunction<String> parse) {
        try {
            return parse.applyAsLong(value);
        } catch (NumberFormatException e) {
            throw new BadNumber(e.getMessage());
        }
    }

    /** picocli converter for {@link #parseInt32}. */
    public static final class Int32 implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) converted(value, CliNumbers::parseInt32);
        }
    }

    /** picocli converter for a 32-bit unsigned value kept as a long (0 to 0xFFFFFFFF). */
    public static final class Unsigned32 implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return converted(value, Numbers::parseUnsigned32);
        }
    }

    /** picocli converter for any integer. */
    public static final class Int64 implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return converted(value, Numbers::parse);
        }
    }
}
