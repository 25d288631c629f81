package org.jesptool.flash;

import java.util.function.IntBinaryOperator;
import org.jesptool.loader.Loader;
import org.jesptool.target.Chip;

/**
 * The chip facts the flash operations need, taken from the connected {@link Chip} in one place so that the
 * operations themselves hold no per-chip knowledge.
 *
 * @param name chip name for messages
 * @param bootloaderOffset where the second-stage bootloader lives (header patching)
 * @param imageChipId the chip id in ESP32-family image headers, or -1 when images carry none (ESP8266)
 * @param romDeflate whether the ROM loader takes compressed data (FLASH_DEFL_*)
 * @param romMd5 whether the ROM loader computes SPI_FLASH_MD5
 * @param romSlowRead whether the ROM loader has READ_FLASH_SLOW
 * @param legacyRevIsMinor whether the legacy min_rev header byte is compared with the minor revision (ESP32-C3)
 * @param above16Mb whether the loader in use can address flash past 16 MiB
 * @param romEraseSize FLASH_BEGIN erase size the ROM needs for (offset, size)
 * @param romOvererases whether the ROM erases more than the stub for the same FLASH_BEGIN (ESP8266)
 * @param romEraseExtent bytes from the sector of offset that the ROM erases for a FLASH_BEGIN of (offset, size)
 */
record ChipFacts(String name, int bootloaderOffset, int imageChipId, boolean romDeflate, boolean romMd5,
        boolean romSlowRead, boolean legacyRevIsMinor, boolean above16Mb, IntBinaryOperator romEraseSize,
        boolean romOvererases, IntBinaryOperator romEraseExtent) {

    static ChipFacts of(Loader loader) {
        Chip chip = loader.chip();
        return new ChipFacts(chip.displayName(), chip.bootloaderFlashOffset(), chip.imageChipId(),
                chip.romSupportsCompressedFlash(), chip.romSupportsFlashMd5(), chip.romSupportsReadFlashSlow(),
                chip.legacyMinRevIsMinor(), loader.isStub() && chip.stubSupportsFlashAbove16MiB(),
                chip::romEraseSize, chip.romOvereraseOnBegin(),
                chip::romEraseExtent);
    }
}
