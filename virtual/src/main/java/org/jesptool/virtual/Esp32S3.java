package org.jesptool.virtual;

import java.util.Map;

/** ESP32-S3: identified by chip id 9 in the 20-byte security info. */
final class Esp32S3 extends ModernChip {
    Esp32S3() {
        name = "esp32s3";
        displayName = "ESP32-S3";
        magic = 0x00000009;
        imageChipId = 9;
        esp32FamilyRomOps(true);
        uartDateReg = 0x60000080;
        gpioStrapReg = 0x60004038;
        uartDateValue = 0x2008270;
        efuseBase = 0x60007000;
        macReg = 0x60007044;
        spi = SpiLayout.modern(0x60002000);
        ram(0x3FC88000L, 0x3FD00000L);
        ram(0x40370000L, 0x403E0000L);
        ram(0x600FE000L, 0x60100000L);
        ram(0x50000000L, 0x50002000L);
        defaultMac = new byte[] {(byte) 0xF4, 0x12, (byte) 0xFA, 0x00, 0x00, 0x01};
        defaultMajor = 0;
        defaultMinor = 2;
        romHookAddress = 0x3FCEF688;
        romHookOriginal = 0x4000A0B4; // a ROM address; the real value is not recorded
        rtcWdtConfig0 = 0x60008098;
        forceDownloadReg = 0x6000812C;
        usbJtagSerial = true;
        usbOtg = true;
        romBanner = "ESP-ROM:esp32s3-20210327\r\nBuild:Mar 27 2021\r\n";
        resetNames = ResetNames.S3_C3;
        bootStyle = BootStyle.ESP_ROM;
        bootFailLine = 329;
        downloadBootValue = 0x0;
        downloadBootText = "DOWNLOAD(USB/UART0)";
        flashBootValue = 0x8;
        flashBootText = "SPI_FAST_FLASH_BOOT";
    }

    @Override
    void writeRevision(Map<Integer, Integer> regs, int major, int minor, int pkg) {
        setField(regs, block1(5), 24, 2, major);
        setField(regs, block1(5), 23, 1, minor >> 3);
        setField(regs, block1(3), 18, 3, minor);
        setField(regs, block1(3), 21, 3, pkg);
    }

    /** FLASH_CAP word3 bits 27-29, FLASH_VENDOR word4 bits 0-2, PSRAM_CAP word4 bits 3-4 (+ word5 bit 19), PSRAM_VENDOR word4 bits 7-8. */
    @Override
    void writeEmbeddedMemory(Map<Integer, Integer> regs, DeviceConfig config) {
        setField(regs, block1(3), 27, 3, config.flashCap);
        setField(regs, block1(4), 0, 3, config.flashVendor);
        setField(regs, block1(4), 3, 2, config.psramCap);
        setField(regs, block1(5), 19, 1, config.psramCap >> 2);
        setField(regs, block1(4), 7, 2, config.psramVendor);
    }
}
