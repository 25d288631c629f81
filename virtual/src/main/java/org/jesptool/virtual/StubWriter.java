package org.jesptool.virtual;

/** A flasher stub's write path: FLASH_BEGIN / DATA / END as the modelled stub carries them out. */
interface StubWriter {
    long chipSize();

    void setChipSize(long size);

    boolean inFlashMode();

    /** The error found while writing an earlier block, reported by the next DATA or END. */
    int lastError();

    /** Reports the pending error once: returns it, clears it and leaves flash mode (our stub's rule). */
    default int takeError() {
        return lastError();
    }

    void begin(long totalSize, long offset, boolean deflate, boolean encrypted);

    /** Plain data (after the ACK was sent); {@code encrypt} for FLASH_ENCRYPT_DATA. */
    void data(byte[] buf, int off, int len, boolean encrypt);

    /** Compressed data (after the ACK was sent). */
    void deflatedData(byte[] buf, int off, int len);

    /** FLASH_END / FLASH_DEFL_END: the status to answer. */
    int end();

    /** Work the stub does between blocks, once the reply to a DATA block and its writing are done. */
    default void idle() {
    }

    /** MD5 of {@code [addr, addr + size)} when the writer knows it without reading flash, else null. */
    default byte[] writtenRangeMd5(long addr, long size) {
        return null;
    }

    /** Flash was erased by another command: nothing known about its contents holds any more. */
    default void flashChanged() {
    }
}
