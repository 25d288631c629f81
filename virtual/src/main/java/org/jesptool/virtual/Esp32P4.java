package org.jesptool.virtual;

import java.util.Map;

/** ESP32-P4: chip id 18, bootloader at 0x2000, UART and SPI in the 0x500xxxxx peripheral space. */
final class Esp32P4 extends ModernChip {
    Esp32P4() {
        name = "esp32p4";
        displayName = "ESP32-P4";
        imageChipId = 18;
        esp32FamilyRomOps(true);
        uartDateReg = 0x500CA08C;
        gpioStrapReg = 0x500E0038;
        uartDateValue = 0x2303130;
        uartClkdivReg = 0x500CA014;
        efuseBase = 0x5012D000;
        macReg = 0x5012D044;
        spi = SpiLayout.modern(0x5008D000);
        ram(0x4FF00000L, 0x4FFC0000L);
        ram(0x50108000L, 0x50110000L);
        defaultMac = new byte[] {0x30, (byte) 0xED, (byte) 0xA0, 0x00, 0x00, 0x01};
        defaultMajor = 1;
        defaultMinor = 0;
        bootloaderOffset = 0x2000;
        rtcWdtConfig0 = 0x50116000;
        usbJtagSerial = true;
        usbOtg = true;
        romBanner = "ESP-ROM:esp32p4-eco2-20230929\r\nBuild:Sep 29 2023\r\n";
        resetNames = ResetNames.P4;
        bootStyle = BootStyle.ESP_ROM;
        bootFailLine = 337;
        spiModeLine = true;
        downloadBootValue = 0x20f;
        downloadBootText = "DOWNLOAD(USB/UART0/SPI)";
        flashBootValue = 0x30f;
        flashBootText = "SPI_FAST_FLASH_BOOT";
        softResetText = "LP_SW_HPSYS";
    }

    @Override
    void writeRevision(Map<Integer, Integer> regs, int major, int minor, int pkg) {
        setField(regs, block1(2), 0, 4, minor);
        setField(regs, block1(2), 4, 2, major);
        setField(regs, block1(2), 23, 1, major >> 2);
        setField(regs, block1(2), 20, 3, pkg);
    }
}
