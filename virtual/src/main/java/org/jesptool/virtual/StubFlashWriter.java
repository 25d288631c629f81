package org.jesptool.virtual;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.jesptool.protocol.LoaderError;

/**
 * The flasher stub's write path: FLASH_BEGIN only records the range, sectors are erased lazily just
 * ahead of the data (64 KiB blocks where aligned), the final block's padding is trimmed, and errors
 * found while writing are reported with the next DATA or END command. Deflated data is inflated into a
 * 32 KiB buffer that is written when full or at the end of the stream.
 *
 * <p>Timing (real-time model), as the stub does it: the block was acknowledged before any of this runs.
 * Before each inflate step the stub issues the next erase if the flash chip is idle and does not wait
 * for it ("opportunistic" erase-ahead, running in the chip while the CPU inflates or receives the next
 * block). Before programming it issues the erases the write still needs, each once the chip is idle,
 * then waits for the chip and programs page by page, waiting for each page. Plain data gets no
 * erase-ahead, only the erases its write needs.
 *
 * <p>Encrypted writes (FLASH_BEGIN / FLASH_DEFL_BEGIN with the "encrypted" word set, or FLASH_ENCRYPT_DATA)
 * go through the chip's flash encryption; a chunk that does not lie on whole encryption blocks fails the way
 * the stub's encrypted SPI write does.
 */
final class StubFlashWriter extends StubWriterBase {
    private static final int OUT_BUFFER = 32768;
    private static final int SECTORS_PER_BLOCK = 16;

    private long nextWrite;
    private long nextEraseSector;
    private long remaining;
    private long remainingEraseSectors;
    private Inflater inflater;
    private final byte[] out = new byte[OUT_BUFFER];
    private int outFill;

    StubFlashWriter(Device device, long chipSize) {
        super(device, chipSize);
    }

    @Override
    public void begin(long totalSize, long offset, boolean deflate, boolean encrypted) {
        this.encrypted = encrypted && device.cipher != null;
        device.awaitFlash(); // the unlock polls the status register until the chip is idle
        inFlashMode = true;
        nextWrite = offset;
        nextEraseSector = offset / NorFlash.SECTOR;
        remaining = totalSize;
        remainingEraseSectors = ((offset % NorFlash.SECTOR) + totalSize + NorFlash.SECTOR - 1) / NorFlash.SECTOR;
        lastError = 0;
        // Quirk kept from the stub: its inflate buffer is static and only emptied when written, so what a
        // stream left in it when it broke off is written ahead of the next stream's first bytes.
        if (inflater != null) {
            inflater.end();
        }
        inflater = deflate ? new Inflater() : null;
        device.spiFlash.unlock();
    }

    @Override
    void plainData(byte[] buf, int off, int len) {
        write(buf, off, (int) Math.min(len, remaining));
    }

    /** Compressed data (after the ACK was sent). */
    @Override
    public void deflatedData(byte[] buf, int off, int len) {
        if (inflater == null) {
            lastError = LoaderError.STUB_INFLATE_ERROR;
            return;
        }
        inflater.setInput(buf, off, len);
        try {
            // one step per output buffer or per rest of the input, as the stub's inflate loop
            while (remaining > 0 && !inflater.finished()) {
                if (inflater.getRemaining() > 0) {
                    startNextErase(false);
                }
                int n = inflater.inflate(out, outFill, OUT_BUFFER - outFill);
                outFill += n;
                if (inflater.finished() || outFill == OUT_BUFFER) {
                    write(out, 0, (int) Math.min(outFill, remaining));
                    outFill = 0;
                }
                if (n == 0 || inflater.getRemaining() == 0 && outFill > 0) {
                    break; // the block is used up: the rest comes with the next one
                }
            }
        } catch (DataFormatException e) {
            lastError = LoaderError.STUB_INFLATE_ERROR;
            return;
        }
        if (inflater.finished() && remaining > 0) {
            lastError = LoaderError.STUB_NOT_ENOUGH_DATA;
        }
        if (!inflater.finished() && remaining == 0) {
            lastError = LoaderError.STUB_TOO_MUCH_DATA;
        }
    }

    /** FLASH_END / FLASH_DEFL_END. */
    @Override
    public int end() {
        if (!inFlashMode) {
            return LoaderError.STUB_NOT_IN_FLASH_MODE;
        }
        if (remaining > 0) {
            return LoaderError.STUB_NOT_ENOUGH_DATA;
        }
        inFlashMode = false;
        return lastError;
    }

    private void write(byte[] buf, int off, int len) {
        if (len <= 0) {
            return;
        }
        long lastSector = (nextWrite + len) / NorFlash.SECTOR;
        while (remainingEraseSectors > 0 && nextEraseSector <= lastSector) {
            startNextErase(true);
        }
        if (nextWrite + len > chipSize || encrypted && !device.cipher.aligned(nextWrite, len)) {
            lastError = LoaderError.STUB_FAILED_SPI_OP;
        } else if (encrypted) {
            device.flashWork(device.flash.program(nextWrite, device.cipher.encrypt(nextWrite, buf, off, len), 0, len));
        } else {
            device.flashWork(device.flash.program(nextWrite, buf, off, len));
        }
        nextWrite += len;
        remaining -= len;
    }

    /**
     * Issues the next erase (a 64 KiB block where aligned and wholly in range, else a sector) without
     * waiting for it to finish. With {@code waitForChip} false it does nothing while the chip is busy.
     */
    private void startNextErase(boolean waitForChip) {
        if (remainingEraseSectors <= 0 || !waitForChip && !device.flashIdle()) {
            return;
        }
        boolean block = remainingEraseSectors >= SECTORS_PER_BLOCK && nextEraseSector % SECTORS_PER_BLOCK == 0;
        long addr = nextEraseSector * NorFlash.SECTOR;
        if (addr < chipSize) {
            device.startFlash(block ? device.flash.eraseBlock64(addr) : device.flash.eraseSector(addr));
        }
        long n = block ? SECTORS_PER_BLOCK : 1;
        remainingEraseSectors -= n;
        nextEraseSector += n;
    }
}
