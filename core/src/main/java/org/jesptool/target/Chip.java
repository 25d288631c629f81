package org.jesptool.target;

/**
 * Facts about one chip family, as the host side needs them. One subclass per chip; operations ask the
 * chip object instead of testing chip names.
 *
 * <p>Contract between the loader and the flasher: the methods below exist from the start; subclasses and
 * the loader work may add more facts (registers, eFuse layout, reset rules, ...).
 */
public abstract class Chip {

    /** Canonical lower-case name without dashes, e.g. {@code esp32c3}. */
    public abstract String name();

    /** Display name, e.g. {@code ESP32-C3}. */
    public abstract String displayName();

    /** Image header chip id (extended header), or -1 for chips without one (ESP8266). */
    public abstract int imageChipId();

    /** Flash offset of the second-stage bootloader image (0x0, 0x1000 or 0x2000). */
    public abstract int bootloaderFlashOffset();

    /** Whether the ROM loader understands FLASH_DEFL_* (all but ESP8266). */
    public boolean romSupportsCompressedFlash() {
        return true;
    }

    /** Whether the ROM loader has READ_FLASH_SLOW (all but ESP8266). */
    public boolean romSupportsReadFlashSlow() {
        return true;
    }

    /** Whether the ROM loader has SPI_FLASH_MD5 (all but ESP8266). */
    public boolean romSupportsFlashMd5() {
        return true;
    }

    /** Number of status bytes at the end of a ROM reply (2 on ESP8266, 4 on the ESP32 family). */
    public int romStatusBytes() {
        return 4;
    }

    /**
     * The erase size to put in the ROM's FLASH_BEGIN for writing {@code size} bytes at {@code offset}.
     * ESP8266 overrides this with its ROM erase-size workaround; all others erase exactly {@code size}.
     */
    public int romEraseSize(int offset, int size) {
        return size;
    }

    /** Whether the stub of this chip can address flash beyond 16 MiB. */
    public boolean stubSupportsFlashAbove16MiB() {
        return false;
    }

    /** Alignment (bytes) of encrypted flash writes. */
    public int flashEncryptionWriteAlignment() {
        return 16;
    }

    @Override
    public String toString() {
        return displayName();
    }
}
