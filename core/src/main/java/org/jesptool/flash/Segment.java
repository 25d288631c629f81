package org.jesptool.flash;

import java.util.Arrays;

/**
 * A slice of a file written with its own FLASH_BEGIN / FLASH_DEFL_BEGIN, encoded and ready to send.
 * Slices start on absolute {@link SegmentEncoder#SEGMENT} boundaries (except a file's first), so a slice can be
 * skipped or rewritten on its own without touching its neighbours' sectors.
 *
 * @param address flash offset of the first raw byte
 * @param raw the raw bytes
 * @param payload what goes on the wire: zlib stream when {@code compressed}, else {@code raw}
 * @param compressed whether {@code payload} is compressed
 */
record Segment(int address, byte[] raw, byte[] payload, boolean compressed) {

    /** Adjacent plain segments as one. */
    static Segment concat(java.util.List<Segment> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int length = 0;
        for (Segment p : parts) {
            length += p.raw.length;
        }
        byte[] raw = new byte[length];
        int pos = 0;
        for (Segment p : parts) {
            System.arraycopy(p.raw, 0, raw, pos, p.raw.length);
            pos += p.raw.length;
        }
        return new Segment(parts.get(0).address, raw, raw, false);
    }

    long end() {
        return (address & 0xFFFFFFFFL) + raw.length;
    }

    int blockCount(int blockSize) {
        return (payload.length + blockSize - 1) / blockSize;
    }

    /** Block {@code i}; uncompressed last blocks are padded with 0xFF to the block size. */
    byte[] block(int i, int blockSize) {
        int from = i * blockSize;
        int to = Math.min(payload.length, from + blockSize);
        byte[] block = Arrays.copyOfRange(payload, from, compressed ? to : from + blockSize);
        if (!compressed && to - from < blockSize) {
            Arrays.fill(block, to - from, blockSize, (byte) 0xFF);
        }
        return block;
    }
}
