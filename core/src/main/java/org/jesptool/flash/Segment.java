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
record Segment(int address, byte[] raw, byte[] payload, boolean compressed) implements Outgoing {

    @Override
    public int rawLength() {
        return raw.length;
    }

    @Override
    public int payloadLength() {
        return payload.length;
    }

    /** Block {@code i}; uncompressed last blocks are padded with 0xFF to the block size. */
    @Override
    public byte[] block(int i, int blockSize) {
        int from = i * blockSize;
        int to = Math.min(payload.length, from + blockSize);
        byte[] block = Arrays.copyOfRange(payload, from, compressed ? to : from + blockSize);
        if (!compressed && to - from < blockSize) {
            Arrays.fill(block, to - from, blockSize, (byte) 0xFF);
        }
        return block;
    }
}
