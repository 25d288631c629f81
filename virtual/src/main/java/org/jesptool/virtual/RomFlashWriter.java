package org.jesptool.virtual;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The ROM's flash download: FLASH_BEGIN erases the whole range up front (ESP8266: with its erase-size
 * bug), FLASH_DATA programs block {@code seq} at {@code offset + seq * block_size}, FLASH_DEFL_DATA
 * inflates a zlib stream and programs the output sequentially. Accesses beyond the size set by
 * SPI_SET_PARAMS fail.
 */
final class RomFlashWriter {
    private final Device device;
    private long chipSize;
    private boolean active;
    private long offset;
    private long blockSize;
    private Inflater inflater;
    private long inflatedWritten;

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

    int begin(boolean deflate, long eraseSize, int numBlocks, int blockSize, long offset, boolean esp8266Quirk) {
        if (offset + eraseSize > chipSize) {
            return RomLoader.ERR_RESULT;
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
            device.work(device.flash.program(at, buf, off, len));
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
                long at = offset + inflatedWritten;
                if (at + n > chipSize) {
                    return RomLoader.ERR_RESULT;
                }
                device.work(device.flash.program(at, out, 0, n));
                inflatedWritten += n;
            }
        } catch (DataFormatException e) {
            return RomLoader.ERR_DEFLATE;
        }
        return 0;
    }

    void end() {
        active = false;
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }
}
