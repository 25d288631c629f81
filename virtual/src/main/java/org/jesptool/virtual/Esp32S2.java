package org.jesptool.virtual;

import java.util.Map;

/** ESP32-S2: the first ROM with GET_SECURITY_INFO (12-byte form, no chip id); magic value detection. */
final class Esp32S2 extends ModernChip {
    Esp32S2() {
        name = "esp32s2";
        displayName = "ESP32-S2";
        magic = 0x000007C6;
        imageChipId = 2;
        securityInfoLength = 12;
        esp32FamilyRomOps(true);
        uartDateReg = 0x60000078;
        gpioStrapReg = 0x3F404038;
        uartDateValue = 0x19031400;
        uartClkdivReg = 0x3F400014;
        efuseBase = 0x3F41A000;
        manualEncryptBit = 19;
        macReg = 0x3F41A044;
        spi = SpiLayout.modern(0x3F402000);
        ram(0x3FFB0000L, 0x40000000L);
        ram(0x40020000L, 0x40072000L);
        ram(0x3FF9E000L, 0x3FFA0000L);
        ram(0x50000000L, 0x50002000L);
        defaultMac = new byte[] {0x7C, (byte) 0xDF, (byte) 0xA1, 0x00, 0x00, 0x01};
        defaultMajor = 1;
        bootloaderOffset = 0x1000;
        usbOtg = true;
        romBanner = "ESP-ROM:esp32s2-rc4-20191025\r\nBuild:Oct 25 2019\r\n";
        resetNames = ResetNames.S2;
        bootStyle = BootStyle.ESP_ROM;
        bootFailLine = 386;
        downloadBootValue = 0x0;
        downloadBootText = "DOWNLOAD(USB/UART0/1)";
        flashBootValue = 0x8;
        flashBootText = "SPI_FAST_FLASH_BOOT";
    }

    @Override
    void writeRevision(Map<Integer, Integer> regs, int major, int minor, int pkg) {
        setField(regs, block1(3), 18, 2, major);
        setField(regs, block1(3), 20, 1, minor >> 3);
        setField(regs, block1(4), 4, 3, minor);
        setField(regs, block1(4), 0, 4, pkg);
    }

    /** FLASH_CAP in BLOCK1 word3 bits 21-24, PSRAM_CAP in bits 28-31. */
    @Override
    void writeEmbeddedMemory(Map<Integer, Integer> regs, DeviceConfig config) {
        setField(regs, block1(3), 21, 4, config.flashCap);
        setField(regs, block1(3), 28, 4, config.psramCap);
    }

    @Override
    EfuseLayout efuseLayout() {
        return EfuseLayout.modern(efuseBase, 0x1D4, 0x194).withKeyPurposeGuards(keyPurposeBits, keyPurposeWidth);
    }
}
