package org.jesptool.virtual;

import java.security.MessageDigest;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.jesptool.protocol.LoaderError;

/**
 * JEsptool's own flasher stub's write path, as agreed in its contract (recognised by its marker, see
 * {@link org.jesptool.protocol.StubMarker}):
 *
 * <ul>
 * <li>FLASH_BEGIN records the range; its erase window is [offset rounded down to 4 KiB, offset + size rounded
 *     up) and nothing outside it is ever erased. Right after the reply the first erase unit is started.
 * <li>Erase units are 64 KiB blocks where aligned with at least 64 KiB of the window left, else 4 KiB sectors.
 *     A unit is read whole first and not erased when it reads back all 0xFF.
 * <li>Between blocks (the block acknowledged and written, the CPU about to wait for the next one) the stub
 *     starts the next unit's erase when the flash chip is idle and less than 64 KiB of erased flash lies ahead
 *     of the data received: exactly one erase running ahead of the program pointer, while the line is busy.
 *     A write that reaches past the erased part erases (and waits) first.
 * <li>Data is programmed one 4 KiB sector at a time as it comes in (inflated or plain; the last block's
 *     padding dropped), each sector read back right after programming into a running MD5 of the range written
 *     since the BEGIN. SPI_FLASH_MD5 of exactly that range answers from it at once ({@link #writtenRangeMd5}).
 * <li>FLASH_END answers after every byte is programmed: writing happens while the blocks are handled.
 * </ul>
 *
 * <p>Errors found after a block was acknowledged (SPI failure, inflate error, too much or not enough data) answer
 * the next command of any kind but SYNC, which is then not run, and end flash mode; FLASH_END with bytes still
 * expected answers 0xC8 and ends it too. Encrypted writes go through the chip's flash encryption as with the
 * esptool stub, should a later version take the "encrypted" word (this one is refused it by {@link FlasherStub}).
 */
final class OwnStubFlashWriter extends StubWriterBase {
    private static final int SECTOR = NorFlash.SECTOR;
    private static final int BLOCK = NorFlash.BLOCK;

    private long windowEnd;
    /** Everything in the window below this is erased, found blank, or being erased by the chip. */
    private long erasedTo;
    private long nextWrite;
    private long remaining;
    private Inflater inflater;
    private final byte[] inflated = new byte[32768];
    private final byte[] pending = new byte[SECTOR];
    private int pendingLen;
    private MessageDigest readBack;
    private long rangeStart;
    private long rangeSize;
    /** MD5 of the flash read back over the whole range of the last BEGIN, once it is all written. */
    private byte[] rangeDigest;

    OwnStubFlashWriter(Device device, long chipSize) {
        super(device, chipSize);
    }

    @Override
    public int takeError() {
        int e = lastError;
        lastError = 0;
        inFlashMode = false;
        return e;
    }

    @Override
    public void begin(long totalSize, long offset, boolean deflate, boolean encrypt) {
        device.awaitFlash(); // the unlock polls the status register until the chip is idle
        device.spiFlash.unlock();
        this.encrypted = encrypt && device.cipher != null;
        inFlashMode = true;
        nextWrite = offset;
        remaining = totalSize;
        erasedTo = offset & ~(long) (SECTOR - 1);
        windowEnd = (offset + totalSize + SECTOR - 1) & ~(long) (SECTOR - 1);
        lastError = 0;
        pendingLen = 0;
        if (inflater != null) {
            inflater.end();
        }
        inflater = deflate ? new Inflater() : null;
        readBack = FlashDigest.newMd5();
        rangeStart = offset;
        rangeSize = totalSize;
        rangeDigest = null;
    }

    @Override
    void plainData(byte[] buf, int off, int len) {
        accept(buf, off, (int) Math.min(len, remaining - pendingLen)); // the last block's padding is dropped
    }

    @Override
    public void deflatedData(byte[] buf, int off, int len) {
        if (inflater == null) {
            lastError = LoaderError.STUB_INFLATE_ERROR;
            return;
        }
        inflater.setInput(buf, off, len);
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(inflated);
                if (n == 0) {
                    if (inflater.needsDictionary()) {
                        lastError = LoaderError.STUB_INFLATE_ERROR;
                        return;
                    }
                    break; // the block is used up: the rest comes with the next one
                }
                int room = (int) Math.min(n, remaining - pendingLen);
                if (room < n) {
                    lastError = LoaderError.STUB_TOO_MUCH_DATA;
                }
                accept(inflated, 0, room);
            }
        } catch (DataFormatException e) {
            lastError = LoaderError.STUB_INFLATE_ERROR;
            return;
        }
        if (inflater.finished() && remaining > 0) {
            lastError = LoaderError.STUB_NOT_ENOUGH_DATA;
        } else if (inflater.finished() && inflater.getRemaining() > 0) {
            lastError = LoaderError.STUB_TOO_MUCH_DATA; // bytes after the end of the zlib stream
        }
    }

    /** Collects bytes sector by sector; programs each sector once it is complete, and the stream's tail. */
    private void accept(byte[] buf, int off, int len) {
        while (len > 0) {
            long at = nextWrite + pendingLen;
            int take = (int) Math.min(len, SECTOR - at % SECTOR);
            System.arraycopy(buf, off, pending, pendingLen, take);
            pendingLen += take;
            off += take;
            len -= take;
            if ((nextWrite + pendingLen) % SECTOR == 0 || pendingLen == remaining) {
                program();
            }
        }
    }

    private void program() {
        long end = nextWrite + pendingLen;
        while (erasedTo < end && erasedTo < windowEnd) {
            eraseNextUnit(); // the data outran the erase-ahead: erase here (the program below waits for it)
        }
        if (end > chipSize || encrypted && !device.cipher.aligned(nextWrite, pendingLen)) {
            lastError = LoaderError.STUB_FAILED_SPI_OP;
        } else {
            byte[] data = encrypted ? device.cipher.encrypt(nextWrite, pending, 0, pendingLen) : pending;
            device.flashWork(device.flash.program(nextWrite, data, 0, pendingLen));
            device.awaitFlash();
            readBack.update(device.flash.read(nextWrite, pendingLen));
            device.work(FlashDigest.nanos(pendingLen));
        }
        nextWrite = end;
        remaining -= pendingLen;
        pendingLen = 0;
        if (remaining == 0 && lastError == 0) {
            rangeDigest = readBack.digest();
        }
    }

    /** Between blocks: keep one erase running ahead of the data, while the chip would otherwise idle. */
    @Override
    public void idle() {
        if (inFlashMode && erasedTo < windowEnd && erasedTo < nextWrite + pendingLen + BLOCK && device.flashIdle()) {
            eraseNextUnit();
        }
    }

    /** Reads the next unit of the window; erases it (without waiting) unless it is blank. */
    private void eraseNextUnit() {
        long at = erasedTo;
        boolean block = at % BLOCK == 0 && windowEnd - at >= BLOCK;
        int size = block ? BLOCK : SECTOR;
        erasedTo += size;
        if (at >= chipSize) {
            return; // the write there fails with an SPI error
        }
        device.awaitFlash();
        int read = blankPrefix(at, size);
        device.work(FlashDigest.nanos(size)); // the whole unit is read
        if (read < size) {
            device.startFlash(block ? device.flash.eraseBlock64(at) : device.flash.eraseSector(at));
        }
    }

    /** How many bytes from {@code at} read as 0xFF, up to {@code size}. */
    private int blankPrefix(long at, int size) {
        byte[] b = device.flash.read(at, size);
        for (int i = 0; i < size; i++) {
            if (b[i] != (byte) 0xFF) {
                return i;
            }
        }
        return size;
    }

    @Override
    public int end() {
        if (!inFlashMode) {
            return LoaderError.STUB_NOT_IN_FLASH_MODE;
        }
        inFlashMode = false; // ours leaves flash mode whatever the outcome
        if (remaining > 0 || inflater != null && !inflater.finished()) {
            return LoaderError.STUB_NOT_ENOUGH_DATA; // bytes still expected, or the zlib end not yet arrived
        }
        return lastError;
    }

    @Override
    public byte[] writtenRangeMd5(long addr, long size) {
        return rangeDigest != null && addr == rangeStart && size == rangeSize ? rangeDigest.clone() : null;
    }

    @Override
    public void flashChanged() {
        rangeDigest = null;
    }
}
