package org.jesptool.cli.secure;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Integers as the reference accepts them: decimal or 0x-prefixed hex. */
final class Numbers implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        try {
            String v = value.trim().toLowerCase(java.util.Locale.ROOT);
            return v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number (use decimal or 0x-prefixed hex)");
        }
    }
}
