package org.jesptool.virtual;

import java.util.Map;

/** ESP32-C3: chip id 5; its ROM magic value changed with the ROM revision (the v4-era detection). */
final class Esp32C3 extends ModernChip {
    Esp32C3() {
        name = "esp32c3";
        displayName = "ESP32-C3";
        imageChipId = 5;
        esp32FamilyRomOps(true);
        gpioStrapReg = 0x60004038;
        uartDateValue = 0x2008270;
        efuseBase = 0x60008800;
        macReg = 0x60008844;
        spi = SpiLayout.modern(0x60002000);
        ram(0x3FC80000L, 0x3FCE0000L);
        ram(0x4037C000L, 0x403E0000L);
        ram(0x50000000L, 0x50002000L);
        defaultKeyPurposes = new byte[] {0, 0, 0, 0, 0, 0, 0x0C};
        defaultMac = new byte[] {0x58, (byte) 0xCF, 0x79, 0x00, 0x00, 0x02};
        defaultMajor = 0;
        defaultMinor = 3;
        rtcWdtConfig0 = 0x60008090;
        usbJtagSerial = true;
        romBanner = "ESP-ROM:esp32c3-api1-20210207\r\nBuild:Feb  7 2021\r\n";
        resetNames = ResetNames.S3_C3;
        bootStyle = BootStyle.ESP_ROM;
        bootFailLine = 333;
        downloadBootValue = 0x5;
        downloadBootText = "DOWNLOAD(USB/UART0/1)";
        flashBootValue = 0xc;
        flashBootText = "SPI_FAST_FLASH_BOOT";
    }

    @Override
    int magic(DeviceConfig config) {
        int rev = config.major() * 100 + config.minor();
        if (rev < 3) {
            return 0x6921506F;
        }
        if (rev == 3) {
            return 0x1B31506F;
        }
        return rev < 100 ? 0x4881606F : 0x4361606F;
    }

    @Override
    void writeRevision(Map<Integer, Integer> regs, int major, int minor, int pkg) {
        setField(regs, block1(5), 24, 2, major);
        setField(regs, block1(5), 23, 1, minor >> 3);
        setField(regs, block1(3), 18, 3, minor);
        setField(regs, block1(3), 21, 3, pkg);
    }

    /** FLASH_CAP in BLOCK1 word3 bits 27-29, FLASH_VENDOR in word4 bits 0-2. */
    @Override
    void writeEmbeddedMemory(Map<Integer, Integer> regs, DeviceConfig config) {
        setField(regs, block1(3), 27, 3, config.flashCap);
        setField(regs, block1(4), 0, 3, config.flashVendor);
    }
}
