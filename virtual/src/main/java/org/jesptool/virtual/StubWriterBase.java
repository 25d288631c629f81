package org.jesptool.virtual;

/**
 * The state every modelled stub's write path keeps (chip size, flash mode, the pending error, whether the
 * write is encrypted) and the FLASH_ENCRYPT_DATA rule they share; how the data reaches flash is the subclass's.
 */
abstract class StubWriterBase implements StubWriter {
    final Device device;
    long chipSize;
    boolean inFlashMode;
    int lastError;
    /** The current write goes through the chip's flash encryption. */
    boolean encrypted;

    StubWriterBase(Device device, long chipSize) {
        this.device = device;
        this.chipSize = chipSize;
    }

    @Override
    public long chipSize() {
        return chipSize;
    }

    @Override
    public void setChipSize(long size) {
        chipSize = size;
    }

    @Override
    public boolean inFlashMode() {
        return inFlashMode;
    }

    @Override
    public int lastError() {
        return lastError;
    }

    /** Plain data (after the ACK was sent); {@code encrypt} for FLASH_ENCRYPT_DATA encrypts this block only. */
    @Override
    public final void data(byte[] buf, int off, int len, boolean encrypt) {
        boolean was = encrypted;
        encrypted |= encrypt && device.cipher != null;
        plainData(buf, off, len);
        encrypted = was;
    }

    /** One block of plain data, with {@link #encrypted} set for it. */
    abstract void plainData(byte[] buf, int off, int len);
}
