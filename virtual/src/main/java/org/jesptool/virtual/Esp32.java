package org.jesptool.virtual;

import java.util.Map;

/** ESP32 ROM loader: 16-byte FLASH_BEGIN, no GET_SECURITY_INFO, MAC with CRC in eFuse BLK0 words 1-2. */
final class Esp32 extends Chip {
    static final int EFUSE = 0x3FF5A000;
    static final int APB_CTL_DATE = 0x3FF6607C;

    Esp32() {
        name = "esp32";
        displayName = "ESP32";
        magic = 0x00F01D83;
        imageChipId = 0;
        securityInfoLength = 0;
        romFlashBeginLength = 16;
        romResidueSurvives = true;
        esp32FamilyRomOps(false);
        uartDateReg = 0x60000078;
        gpioStrapReg = 0x3FF44038;
        uartDateValue = 0x15122500;
        uartClkdivReg = 0x3FF40014;
        baudQuirk = BaudQuirk.ESP32;
        spi = new SpiLayout(0x3FF42000, 0x1C, 0x20, 0x24, 0x28, 0x2C, 0x80, true, 0x00000000, 0x40000000);
        ram(0x3FFAE000L, 0x40000000L);
        ram(0x40070000L, 0x400C2000L);
        ram(0x3FF80000L, 0x3FF82000L);
        ram(0x50000000L, 0x50002000L);
        fixedRegisters.put(0x3FF48074, 0);
        defaultMac = new byte[] {0x24, 0x0A, (byte) 0xC4, 0x00, 0x00, 0x01};
        defaultMajor = 3;
        defaultMinor = 0;
        bootloaderOffset = 0x1000;
        encryption = FlashCipher.Scheme.ESP32;
        romBanner = "ets Jun  8 2016 00:22:57\r\n\r\n";
        resetNames = ResetNames.ESP32;
        bootStyle = BootStyle.ESP32;
        bootFailLine = 371;
        downloadBootValue = 0x3;
        downloadBootText = "DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2)";
        flashBootValue = 0x13;
        flashBootText = "SPI_FAST_FLASH_BOOT";
        powerOnText = "POWERON_RESET";
        softResetCause = 0x3; // the ROM's software_reset() is a system reset
        softResetText = "SW_RESET";
    }

    @Override
    int[] securityFuses(java.util.function.IntUnaryOperator fuse) {
        return new int[] {fuse.applyAsInt(EFUSE) >>> 20 & 0x7F, fuse.applyAsInt(EFUSE + 24) >>> 4 & 1};
    }

    /** BLOCK1 (flash_encryption), reversed as espefuse burns it. */
    @Override
    byte[] flashKeyFromFuses(java.util.function.IntUnaryOperator fuse) {
        byte[] key = reversedBlock(fuse, EFUSE + 0x38, 8);
        return allZero(key) ? null : key;
    }

    @Override
    EfuseLayout efuseLayout() {
        return EfuseLayout.esp32(EFUSE);
    }

    @Override
    void writeEfuses(Map<Integer, Integer> regs, DeviceConfig config) {
        byte[] mac = config.mac();
        // FLASH_CRYPT_CNT; a programmed flash encryption key is read-protected (RD_DIS bit 0 = BLOCK1, bit 16)
        regs.put(EFUSE, config.flashCryptCnt << 20 & 0x07F00000 | (config.flashKey != null ? 1 << 16 : 0));
        regs.put(EFUSE + 4, be(mac, 2, 4));
        regs.put(EFUSE + 8, crc8(mac) << 16 | be(mac, 0, 2));
        int major = config.major();
        boolean bit0 = major >= 1;
        boolean bit1 = major >= 2;
        boolean bit2 = major >= 3;
        regs.put(EFUSE + 12, (bit0 ? 0x8000 : 0) | (config.pkg & 7) << 9 | (config.pkg >> 3 & 1) << 2);
        regs.put(EFUSE + 16, CK8M_EFUSE);
        regs.put(RTC_CALI_CFG1, romCalibration(config) << 7);
        regs.put(EFUSE + 20, (bit1 ? 1 << 20 : 0) | (config.minor() & 3) << 24 | config.flashCryptConfig << 28);
        // ABS_DONE_0 (secure boot), DIS_DL_ENCRYPT (bit 7)
        regs.put(EFUSE + 24, (config.secureBoot ? 1 << 4 : 0) | (config.manualEncryptDisabled ? 1 << 7 : 0));
        regs.put(APB_CTL_DATE, 0x16042000 | (bit2 ? 1 << 31 : 0));
    }

    /** RTC calibration result register; the ROM derives its crystal estimate from it (bits 7..31). */
    static final int RTC_CALI_CFG1 = 0x3FF5F06C;
    /** eFuse CK8M_FREQ (word 4 bits 0..7) of the modelled chips. */
    private static final int CK8M_EFUSE = 0x50;

    /** The calibration count whose estimate {@code cali x 15625 x CK8M / 40} is closest to the ROM's crystal. */
    static int romCalibration(DeviceConfig config) {
        return (int) Math.round(config.romXtalHz() / (15625.0 * CK8M_EFUSE / 40));
    }

    /** The crystal frequency (Hz) the ROM believes in, as it computes it from the calibration count. */
    static double romCrystalEstimateHz(DeviceConfig config) {
        return romCalibration(config) * 15625.0 * CK8M_EFUSE / 40;
    }

    /** The CRC-8 (Dallas/Maxim, reflected 0x31) the ESP32 stores next to its MAC. */
    static int crc8(byte[] mac) {
        int crc = 0;
        for (byte b : mac) {
            crc ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x8C : crc >> 1;
            }
        }
        return crc;
    }

}
