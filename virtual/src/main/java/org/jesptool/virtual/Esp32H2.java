package org.jesptool.virtual;

import java.util.Map;

/** ESP32-H2: chip id 16, 32 MHz crystal, EUI-64 MAC extension. */
final class Esp32H2 extends ModernChip {
    Esp32H2() {
        name = "esp32h2";
        displayName = "ESP32-H2";
        imageChipId = 16;
        esp32FamilyRomOps(true);
        gpioStrapReg = 0x60091038;
        uartDateValue = 0x2303130;
        efuseBase = 0x600B0800;
        macReg = 0x600B0844;
        macExt = 0xFFFE;
        defaultXtalMhz = 32;
        spi = SpiLayout.modern(0x60003000);
        ram(0x40800000L, 0x40850000L);
        ram(0x50000000L, 0x50001000L);
        defaultMac = new byte[] {0x60, 0x55, (byte) 0xF9, 0x00, 0x00, 0x01};
        defaultMajor = 0;
        defaultMinor = 1;
        usbJtagSerial = true;
        romBanner = "ESP-ROM:esp32h2-20221101\r\nBuild:Nov  1 2022\r\n";
        resetNames = ResetNames.H2;
        bootStyle = BootStyle.ESP_ROM;
        bootFailLine = 320;
        downloadBootValue = 0x4;
        downloadBootText = "DOWNLOAD(USB/UART0)";
        flashBootValue = 0xc;
        flashBootText = "SPI_FAST_FLASH_BOOT";
        softResetText = "LP_SW_HPSYS";
    }

    @Override
    void writeRevision(Map<Integer, Integer> regs, int major, int minor, int pkg) {
        setField(regs, block1(3), 18, 3, minor);
        setField(regs, block1(3), 21, 2, major);
        setField(regs, block1(4), 0, 3, pkg); // PKG_VERSION: BLOCK1 word4 bits 0-2
    }
}
