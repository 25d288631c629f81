package org.jesptool.virtual;

import java.util.Map;

/** ESP32-C61: chip id 20; revision in BLOCK1 word 2 like the C5. */
final class Esp32C61 extends ModernChip {
    Esp32C61() {
        name = "esp32c61";
        displayName = "ESP32-C61";
        imageChipId = 20;
        esp32FamilyRomOps(true);
        gpioStrapReg = 0x60091038;
        uartDateValue = 0x2303130;
        efuseBase = 0x600B4800;
        macReg = 0x600B4844;
        manualEncryptBit = 14;
        cryptCountAt = new int[] {0x30, 23};
        secureBootAt = new int[] {0x34, 26};
        keyPurposeBits = new int[] {0, 4, 8, 12, 16, 20};
        spi = SpiLayout.modern(0x60003000);
        ram(0x40800000L, 0x40860000L);
        ram(0x50000000L, 0x50004000L);
        defaultMac = new byte[] {0x54, 0x32, 0x04, 0x00, 0x00, 0x01};
        defaultMajor = 1;
        defaultMinor = 0;
        usbJtagSerial = true;
        romBanner = "ESP-ROM:esp32c61-eco2-20240912\r\nBuild:Sep 12 2024\r\n";
        resetNames = ResetNames.C5_C61;
        bootStyle = BootStyle.ESP_ROM;
        spiModeLine = true;
        skipsFlashSegments = true;
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
}
