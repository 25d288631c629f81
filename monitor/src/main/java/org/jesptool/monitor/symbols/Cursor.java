package org.jesptool.monitor.symbols;

import java.nio.charset.StandardCharsets;

/** A little-endian reader over one ELF section's bytes, with the LEB128 encodings DWARF uses. */
final class Cursor {
    final byte[] b;
    int pos;
    final int limit;

    Cursor(byte[] b, int pos, int limit) {
        this.b = b;
        this.pos = pos;
        this.limit = limit;
    }

    /** A cursor over all of {@code b} at {@code pos}, which must lie inside it (an offset read from the file). */
    static Cursor at(byte[] b, long pos) {
        if (pos < 0 || pos > b.length) {
            throw new DwarfException("offset " + pos + " lies outside its section");
        }
        return new Cursor(b, (int) pos, b.length);
    }

    boolean more() {
        return pos < limit;
    }

    int u8() {
        check(1);
        return b[pos++] & 0xFF;
    }

    int u16() {
        check(2);
        int v = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    long u32() {
        check(4);
        long v = (b[pos] & 0xFFL) | (b[pos + 1] & 0xFFL) << 8 | (b[pos + 2] & 0xFFL) << 16 | (b[pos + 3] & 0xFFL) << 24;
        pos += 4;
        return v;
    }

    long u64() {
        long lo = u32();
        return lo | u32() << 32;
    }

    /** An unsigned value of {@code size} bytes (1, 2, 4 or 8). */
    long unsigned(int size) {
        switch (size) {
            case 1: return u8();
            case 2: return u16();
            case 3: return u16() | (long) u8() << 16;
            case 4: return u32();
            case 8: return u64();
            default: throw new DwarfException("unsupported size " + size);
        }
    }

    long uleb() {
        long v = 0;
        int shift = 0;
        while (true) {
            int x = u8();
            if (shift < 64) {
                v |= (long) (x & 0x7F) << shift;
            }
            shift += 7;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
    }

    long sleb() {
        long v = 0;
        int shift = 0;
        int x;
        do {
            x = u8();
            if (shift < 64) {
                v |= (long) (x & 0x7F) << shift;
            }
            shift += 7;
        } while ((x & 0x80) != 0);
        if (shift < 64 && (x & 0x40) != 0) {
            v |= -1L << shift;
        }
        return v;
    }

    String cstring() {
        int start = pos;
        while (pos < limit && b[pos] != 0) {
            pos++;
        }
        String s = new String(b, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        return s;
    }

    /** Moves to {@code to}, which must lie between the current position and the limit. */
    void seek(long to) {
        if (to < pos || to > limit) {
            throw new DwarfException("offset " + to + " lies outside its section");
        }
        pos = (int) to;
    }

    void skip(long n) {
        if (n < 0 || pos + n > limit) {
            throw new DwarfException("data runs past the end of its section");
        }
        pos += (int) n;
    }

    private void check(int n) {
        if (pos < 0 || pos + n > limit) {
            throw new DwarfException("data runs past the end of its section");
        }
    }

    /** The NUL-terminated string at {@code offset} of a string section, or null outside it. */
    static String stringAt(byte[] section, long offset) {
        if (section == null || offset < 0 || offset >= section.length) {
            return null;
        }
        int end = (int) offset;
        while (end < section.length && section[end] != 0) {
            end++;
        }
        return new String(section, (int) offset, end - (int) offset, StandardCharsets.UTF_8);
    }
}
