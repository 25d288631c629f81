package org.jesptool.image;

import java.util.Arrays;

/** A growable byte buffer with little-endian writers; the position is always the end. */
final class ByteSink {
    private byte[] buf;
    private int size;

    ByteSink(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    int position() {
        return size;
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    void u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    void u16(int v) {
        u8(v);
        u8(v >>> 8);
    }

    void u32(long v) {
        u16((int) (v & 0xFFFF));
        u16((int) ((v >>> 16) & 0xFFFF));
    }

    void write(byte[] b) {
        write(b, 0, b.length);
    }

    void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    void fill(int value, long count) {
        if (count <= 0) {
            return;
        }
        ensure((int) count);
        Arrays.fill(buf, size, size + (int) count, (byte) value);
        size += (int) count;
    }

    void set(int offset, int value) {
        buf[offset] = (byte) value;
    }

    /** Pads with zeros so that the next byte written lands at an offset with {@code offset % 16 == 15}. */
    void alignForChecksum() {
        fill(0, 15 - (size % 16));
    }

    byte[] array() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
