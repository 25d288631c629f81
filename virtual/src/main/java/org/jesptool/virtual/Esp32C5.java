package org.jesptool.virtual;

import java.util.Map;

/** ESP32-C5: chip id 23, 48 MHz crystal, second-stage bootloader at 0x2000. */
final class Esp32C5 extends ModernChip {
    Esp32C5() {
        name = "esp32c5";
        displayName = "ESP32-C5";
        imageChipId = 23;
        esp32FamilyRomOps(true);
        gpioStrapReg = 0x60091038;
        uartDateValue = 0x2303130;
        efuseBase = 0x600B4800;
        macReg = 0x600B4844;
        cryptCountAt = new int[] {0x34, 16};
        secureBootAt = new int[] {0x38, 25};
        keyPurposeBits = new int[] {22, 27, 32, 37, 42, 47};
        keyPurposeWidth = 5;
        keyManagerShift = 10;
        defaultXtalMhz = 48;
        spi = SpiLayout.modern(0x60003000);
        ram(0x40800000L, 0x40860000L);
        ram(0x50000000L, 0x50004000L);
        defaultMac = new byte[] {0x3C, (byte) 0xDC, 0x75, 0x00, 0x00, 0x01};
        defaultMajor = 1;
        defaultMinor = 0;
        bootloaderOffset = 0x2000;
        usbJtagSerial = true;
        romBanner = "ESP-ROM:esp32c5-eco2-20250121\r\nBuild:Jan 21 2025\r\n";
        resetNames = ResetNames.C5_C61;
        bootStyle = BootStyle.ESP_ROM;
        spiModeLine = true;
        skipsFlashSegments = true;
        invalidHeaderRetries = 3;
        downloadBootValue = 0x18;
        downloadBootText = "DOWNLOAD(USB/UART0/SDIO_FEI_FEO)";
        flashBootValue = 0x1c;
        flashBootText = "SPI_FAST_FLASH_BOOT";
        softResetText = "LP_SW_HPSYS";
    }

    @Override
    void writeRevision(Map<Integer, Integer> regs, int major, int minor, int pkg) {
        setField(regs, block1(2), 0, 4, minor);
        setField(regs, block1(2), 4, 2, major);
        setField(regs, block1(2), 26, 3, pkg);
    }

    @Override
    EfuseLayout efuseLayout() {
        return EfuseLayout.modern(efuseBase, 0x1D8, 0x190);
    }
}
