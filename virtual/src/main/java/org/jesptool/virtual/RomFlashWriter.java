package org.jesptool.virtual;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The ROM's flash download: FLASH_BEGIN erases the whole range up front (ESP8266: with its erase-size
 * bug), FLASH_DATA programs block {@code seq} at {@code offset + seq * block_size}, FLASH_DEFL_DATA
 * inflates a zlib stream and programs the output sequentially. Accesses beyond the size set by
 * SPI_SET_PARAMS fail. After a FLASH_BEGIN / FLASH_DEFL_BEGIN whose fifth word asks for it (ROMs from the
 * ESP32-S2 on), data is encrypted by the chip's flash encryption on its way into flash; inflated data is
 * encrypted in whole encryption blocks as they complete.
 */
final class RomFlashWriter {
    private final Device device;
    private long chipSize;
    private boolean active;
    private long offset;
    private long blockSize;
    private Inflater inflater;
    private long inflatedWritten;
    private boolean encrypted;
    /** Inflated bytes waiting for the rest of their encryption block. */
    private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

    RomFlashWriter(Device device, long chipSize) {
        this.device = device;
        this.chipSize = chipSize;
    }

    long chipSize() {
        return chipSize;
    }

    void setChipSize(int size) {
        chipSize = size & 0xFFFFFFFFL;
    }

    int begin(boolean deflate, long eraseSize, int numBlocks, int blockSize, long offset, boolean esp8266Quirk,
            boolean encrypted) {
        if (offset + eraseSize > chipSize) {
            return RomLoader.ERR_RESULT;
        }
        if (encrypted && device.cipher == null) {
            return RomLoader.ERR_INVALID_PARAM;
        }
        long eraseBytes = eraseSize;
        if (esp8266Quirk && eraseSize > 0) {
            long sectors = (eraseSize + NorFlash.SECTOR - 1) / NorFlash.SECTOR;
            long head = 16 - (offset / NorFlash.SECTOR) % 16;
            eraseBytes = (sectors + Math.min(head, sectors)) * NorFlash.SECTOR;
            eraseBytes = Math.min(eraseBytes, chipSize - (offset & ~(long) (NorFlash.SECTOR - 1)));
        }
        device.work(device.flash.eraseRange(offset, eraseBytes));
        this.active = true;
        this.offset = offset;
        this.blockSize = blockSize & 0xFFFFFFFFL;
        this.inflatedWritten = 0;
        this.encrypted = encrypted;
        pending.reset();
        if (inflater != null) {
            inflater.end();
        }
        this.inflater = deflate ? new Inflater() : null;
        return 0;
    }

    int data(boolean deflate, int seq, byte[] buf, int off, int len) {
        if (!active || deflate != (inflater != null)) {
            return RomLoader.ERR_INVALID_PARAM;
        }
        if (!deflate) {
            long at = offset + (seq & 0xFFFFFFFFL) * blockSize;
            if (at + len > chipSize) {
                return RomLoader.ERR_RESULT;
            }
            if (!encrypted) {
                device.work(device.flash.program(at, buf, off, len));
                return 0;
            }
            if (!device.cipher.aligned(at, len)) {
                return RomLoader.ERR_INVALID_PARAM;
            }
            device.work(device.flash.program(at, device.cipher.encrypt(at, buf, off, len), 0, len));
            return 0;
        }
        inflater.setInput(buf, off, len);
        byte[] out = new byte[32768];
        try {
            while (!inflater.needsInput() && !inflater.finished()) {
                int n = inflater.inflate(out);
                if (n == 0 && (inflater.needsDictionary() || inflater.needsInput())) {
                    break;
                }
                int error = encrypted ? programEncrypted(out, n) : program(out, 0, n);
                if (error != 0) {
                    return error;
                }
            }
        } catch (DataFormatException e) {
            return RomLoader.ERR_DEFLATE;
        }
        if (inflater.finished() && pending.size() > 0) {
            return RomLoader.ERR_INVALID_PARAM; // the stream ended inside an encryption block
        }
        return 0;
    }

    private int program(byte[] b, int off, int n) {
        long at = offset + inflatedWritten;
        if (at + n > chipSize) {
            return RomLoader.ERR_RESULT;
        }
        device.work(device.flash.program(at, b, off, n));
        inflatedWritten += n;
        return 0;
    }

    /** Buffers inflated bytes and programs the whole encryption blocks among them, encrypted. */
    private int programEncrypted(byte[] out, int n) {
        pending.write(out, 0, n);
        int block = device.cipher.block();
        int whole = pending.size() / block * block;
        if (whole == 0) {
            return 0;
        }
        byte[] all = pending.toByteArray();
        pending.reset();
        pending.write(all, whole, all.length - whole);
        long at = offset + inflatedWritten;
        if (at % block != 0) {
            return RomLoader.ERR_INVALID_PARAM;
        }
        return program(device.cipher.encrypt(at, all, 0, whole), 0, whole);
    }

    void end() {
        active = false;
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }
}
