package org.jesptool.virtual;

import java.util.Map;

/** ESP32-C2 (ESP8684): 26 MHz crystal by default, so its ROM prints at 74880 and scales CHANGE_BAUDRATE. */
final class Esp32C2 extends ModernChip {
    Esp32C2() {
        name = "esp32c2";
        displayName = "ESP32-C2";
        imageChipId = 12;
        esp32FamilyRomOps(true);
        gpioStrapReg = 0x60004038;
        uartDateValue = 0x2107150;
        efuseBase = 0x60008800;
        macReg = 0x60008840;
        manualEncryptBit = 6;
        cryptCountAt = new int[] {0x30, 7};
        secureBootAt = new int[] {0x30, 21};
        defaultXtalMhz = 26;
        baudQuirk = BaudQuirk.XTAL_OVER_40;
        spi = SpiLayout.modern(0x60002000);
        ram(0x3FCA0000L, 0x3FCE0000L);
        ram(0x4037C000L, 0x403C0000L);
        defaultMac = new byte[] {0x08, 0x3A, (byte) 0x8D, 0x00, 0x00, 0x01};
        defaultMajor = 1;
        defaultMinor = 0;
        romBanner = "ESP-ROM:esp8684-api2-20220127\r\nBuild:Jan 27 2022\r\n";
        resetNames = ResetNames.C2;
        bootStyle = BootStyle.ESP_ROM;
        bootFailLine = 321;
        downloadBootValue = 0x4;
        downloadBootText = "DOWNLOAD(UART0)";
        flashBootValue = 0xc;
        flashBootText = "SPI_FAST_FLASH_BOOT";
    }

    @Override
    EfuseLayout efuseLayout() {
        return EfuseLayout.c2(efuseBase);
    }

    /** C2: BLOCK_KEY0 holds the whole XTS-AES-128 key once XTS_KEY_LENGTH_256 (word 1 bit 10) is set. */
    @Override
    byte[] flashKeyFromFuses(java.util.function.IntUnaryOperator fuse) {
        byte[] key = reversedBlock(fuse, efuseBase + 0x60, 8);
        if (allZero(key)) {
            return null;
        }
        if ((fuse.applyAsInt(efuseBase + 0x30) >>> 10 & 1) != 0) {
            return key;
        }
        // XTS_AES_128_KEY_DERIVED_FROM_128_EFUSE_BITS: the low 128 bits (the key file's 16 bytes, reversed).
        byte[] low = reversedBlock(fuse, efuseBase + 0x60, 4);
        return allZero(low) ? null : low;
    }

    @Override
    int magic(DeviceConfig config) {
        return config.major() >= 1 ? 0x7C41A06F : 0x6F51306F;
    }

    @Override
    void writeRevision(Map<Integer, Integer> regs, int major, int minor, int pkg) {
        setField(regs, block1(1), 16, 4, minor);
        setField(regs, block1(1), 20, 2, major);
        setField(regs, block1(1), 22, 3, pkg);
    }
}
