package org.jesptool.virtual;

import java.util.Map;

/** ESP32-C6: chip id 13; MAC words carry an EUI-64 extension (MAC_EXT ff:fe). */
final class Esp32C6 extends ModernChip {
    Esp32C6() {
        name = "esp32c6";
        displayName = "ESP32-C6";
        imageChipId = 13;
        esp32FamilyRomOps(true);
        gpioStrapReg = 0x60091038;
        uartDateValue = 0x2303130;
        efuseBase = 0x600B0800;
        macReg = 0x600B0844;
        macExt = 0xFFFE;
        spi = SpiLayout.modern(0x60003000);
        ram(0x40800000L, 0x40880000L);
        ram(0x50000000L, 0x50004000L);
        defaultMac = new byte[] {0x40, 0x4C, (byte) 0xCA, 0x00, 0x00, 0x01};
        defaultMajor = 0;
        defaultMinor = 1;
        usbJtagSerial = true;
        romBanner = "ESP-ROM:esp32c6-20220919\r\nBuild:Sep 19 2022\r\n";
        resetNames = ResetNames.C6;
        bootStyle = BootStyle.ESP_ROM;
        bootFailLine = 331;
        downloadBootValue = 0x4;
        downloadBootText = "DOWNLOAD(USB/UART/SDIO_FEI_FEO)";
        flashBootValue = 0xc;
        flashBootText = "SPI_FAST_FLASH_BOOT";
        softResetText = "LP_SW_HPSYS";
    }

    @Override
    void writeRevision(Map<Integer, Integer> regs, int major, int minor, int pkg) {
        setField(regs, block1(3), 18, 4, minor);
        setField(regs, block1(3), 22, 2, major);
        setField(regs, block1(3), 24, 3, pkg);
    }

    /** FLASH_CAP in BLOCK1 word4 bits 0-2. */
    @Override
    void writeEmbeddedMemory(Map<Integer, Integer> regs, DeviceConfig config) {
        setField(regs, block1(4), 0, 3, config.flashCap);
    }
}
