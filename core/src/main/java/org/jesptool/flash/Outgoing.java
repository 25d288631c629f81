package org.jesptool.flash;

/** What one FLASH_BEGIN or FLASH_DEFL_BEGIN sends, block by block. */
interface Outgoing {
    /** Flash offset of the first raw byte. */
    int address();

    /** Raw bytes written to flash. */
    int rawLength();

    /** Bytes on the wire (before padding the last plain block). */
    int payloadLength();

    /** Whether the payload is a zlib stream. */
    boolean compressed();

    /** Block {@code i}; uncompressed last blocks are padded with 0xFF to the block size. */
    byte[] block(int i, int blockSize);

    default long end() {
        return (address() & 0xFFFFFFFFL) + rawLength();
    }

    default int blockCount(int blockSize) {
        return (payloadLength() + blockSize - 1) / blockSize;
    }

    /**
     * Plain bytes {@code [offset, offset + rawLength)} of {@code data}, read block by block as they go out (a run
     * of merged plain units is never copied into one array).
     */
    record Plain(int address, Bytes data, int offset, int rawLength) implements Outgoing {
        @Override
        public int payloadLength() {
            return rawLength;
        }

        @Override
        public boolean compressed() {
            return false;
        }

        @Override
        public byte[] block(int i, int blockSize) {
            int from = i * blockSize;
            int n = Math.min(rawLength - from, blockSize);
            byte[] block = new byte[blockSize];
            data.copy(offset + from, block, 0, n);
            java.util.Arrays.fill(block, n, blockSize, (byte) 0xFF);
            return block;
        }
    }
}
