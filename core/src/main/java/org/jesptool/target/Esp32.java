package org.jesptool.target;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** ESP32 facts (esptool facts sheet, sections 5.1-5.5). */
final class Esp32 extends Chip {
    private static final int EFUSE = 0x3FF5A000;
    private static final int APB_CTL_DATE = 0x3FF6607C;

    @Override public String name() { return "esp32"; }
    @Override public String legacyBannerMark() { return "ets Jun  8 2016"; }

    /** RTC_CNTL_SDIO_CONF: force the regulator (ignoring the eFuse), on unless OFF, 1.9V raises DREFH/M/L. */
    @Override public RegisterWrite vddSdioOverride(String level) {
        int reg = 1 << 22 | 1 << 21; // SDIO_FORCE (ignore the eFuse setting), SDIO_PD_EN
        if (!level.equals("OFF")) {
            reg |= 1 << 31; // XPD_SDIO: regulator on
        }
        if (level.equals("1.9V")) {
            reg |= 3 << 29 | 3 << 27 | 3 << 25; // DREFH/DREFM/DREFL: raise the output
        }
        return new RegisterWrite(0x3FF48074, reg);
    }
    @Override public int magicValue() { return 0x00F01D83; }
    @Override public int efuseBase() { return EFUSE; }
    @Override public int macEfuseReg() { return EFUSE + 4; }
    @Override public int uartDateReg() { return 0x60000078; }
    @Override public int uartClkDivReg() { return 0x3FF40014; }
    @Override public int fixedCrystalMhz() { return 0; }
    @Override public boolean romTakesEncryptedFlag() { return false; }
    @Override public int flashEncryptionWriteAlignment() { return 32; }

    /**
     * ESP32 security fuses (BLOCK0): FLASH_CRYPT_CNT word0 bits 20-26; word6 bit 7 DIS_DL_ENCRYPT, bit 4
     * ABS_DONE_0 (Secure Boot V1), bit 5 ABS_DONE_1 (Secure Boot V2, revision 3 and later); the key is valid when
     * BLOCK1 is read-protected (word0 bit 16) or reads non-zero (words 14-20); FLASH_CRYPT_CONFIG is word5 bits
     * 28-31, taken as 0xF when read-protected (word0 bit 19).
     */
    @Override public FlashSecurity readFlashSecurity(RegisterReader r) throws IOException {
        int w0 = r.read(EFUSE);
        int w6 = r.read(EFUSE + 24);
        boolean v1 = (w6 & 1 << 4) != 0;
        boolean v2 = (w6 & 1 << 5) != 0 && chipRevision(r) >= 300;
        boolean keyValid = (w0 & 1 << 16) != 0;
        for (int i = 14; i <= 20 && !keyValid; i++) {
            keyValid = r.read(EFUSE + 4 * i) != 0;
        }
        int cryptConfig = (w0 & 1 << 19) != 0 ? 0xF : r.read(EFUSE + 20) >>> 28;
        return new FlashSecurity(FlashSecurity.oddBits(w0 >>> 20 & 0x7F), v1 || v2, v1, (w6 & 1 << 7) != 0,
                cryptConfig, keyValid, false);
    }

    /** Coding scheme (word6 bits 0-1) names. */
    private static final String[] CODING_SCHEMES = {"None", "3/4", "Repeat (UNSUPPORTED)", "Invalid"};

    /** Package version: word3 bits 9-11, with bit 2 as its fourth bit. */
    private static int packageVersion(int word3) {
        return ((word3 >>> 9) & 7) | ((word3 >>> 2) & 1) << 3;
    }

    /**
     * Package name from the package version; single-core parts (word3 bit 0, DIS_APP_CPU) are "S" instead
     * of "D", and revision 3 dual-core D0WD/D0WDQ6 and the PICO get their "-V3" names.
     */
    @Override public String description(RegisterReader r) throws IOException {
        int w3 = r.read(EFUSE + 12);
        boolean singleCore = (w3 & 1) != 0;
        boolean rev3 = chipRevision(r) / 100 == 3;
        return switch (packageVersion(w3)) {
            case 0 -> singleCore ? "ESP32-S0WDQ6" : rev3 ? "ESP32-D0WDQ6-V3" : "ESP32-D0WDQ6";
            case 1 -> singleCore ? "ESP32-S0WD" : rev3 ? "ESP32-D0WD-V3" : "ESP32-D0WD";
            case 2 -> "ESP32-D2WD";
            case 3 -> singleCore ? "ESP32-S0WD-OEM" : "ESP32-D0WD-OEM";
            case 4 -> "ESP32-U4WDH";
            case 5 -> rev3 ? "ESP32-PICO-V3" : "ESP32-PICO-D4";
            case 6 -> "ESP32-PICO-V3-02";
            case 7 -> "ESP32-D0WDR2-V3";
            default -> "unknown ESP32";
        };
    }

    /**
     * From word3: BT unless DIS_BT (bit 1), single/dual core (bit 0), the rated CPU clock when bit 13 says
     * it is rated (bit 12: 160 MHz, else 240 MHz), embedded flash/PSRAM by package, BLK3 partially reserved
     * (bit 14); VRef calibration when word4 bits 8-12 are set; the coding scheme from word6 bits 0-1.
     */
    @Override public List<String> features(RegisterReader r) throws IOException {
        int w3 = r.read(EFUSE + 12);
        List<String> f = new ArrayList<>();
        f.add("Wi-Fi");
        if ((w3 & 2) == 0) {
            f.add("BT");
        }
        f.add((w3 & 1) != 0 ? "Single Core + LP Core" : "Dual Core + LP Core"); // the ULP coprocessor, as esptool v5 prints it
        if ((w3 & (1 << 13)) != 0) {
            f.add((w3 & (1 << 12)) != 0 ? "160MHz" : "240MHz");
        }
        int pkg = packageVersion(w3);
        if (pkg == 2 || pkg == 4 || pkg == 5 || pkg == 6) {
            f.add("Embedded Flash");
        }
        if (pkg == 6) {
            f.add("Embedded PSRAM");
        }
        if (((r.read(EFUSE + 16) >>> 8) & 0x1F) != 0) {
            f.add("VRef calibration in efuse");
        }
        if ((w3 & (1 << 14)) != 0) {
            f.add("BLK3 partially reserved");
        }
        f.add("Coding Scheme " + CODING_SCHEMES[r.read(EFUSE + 24) & 3]);
        return f;
    }

    @Override public SpiRegisters spiRegisters() {
        int b = 0x3FF42000;
        return new SpiRegisters(b, b + 0x1C, b + 0x20, b + 0x24, b + 0x28, b + 0x2C, b + 0x80, true);
    }

    /** RTC calibration register the ROM's crystal estimate comes from (value in bits 7..31). */
    private static final int RTC_CALI_CFG1 = 0x3FF5F06C;

    /**
     * The ROM sets its UART divider from its own crystal estimate ({@code cali x 15625 x CK8M / 40}, CK8M =
     * eFuse word 4 bits 0..7), which drifts with the internal 8 MHz clock. Asking for
     * {@code baud x estimate / crystal} makes the real line rate come out at {@code baud}.
     */
    @Override public int romBaudArgument(int baud, int crystalMhz, RegisterReader r) throws IOException {
        long cali = (r.read(RTC_CALI_CFG1) >>> 7) & 0x1FFFFFF;
        long ck8m = r.read(EFUSE + 16) & 0xFF;
        double romEstimateHz = cali * 15625.0 * ck8m / 40;
        double crystalHz = romEstimateHz > 33_000_000 ? 40_000_000 : 26_000_000;
        return (int) Math.floor(baud * romEstimateHz / crystalHz);
    }

    /** MAC = the last 6 bytes of big-endian (word2, word1); the top 16 bits of word2 are a CRC. */
    @Override public byte[] readMac(RegisterReader r) throws IOException {
        int w2 = r.read(EFUSE + 8);
        int w1 = r.read(EFUSE + 4);
        return new byte[] {(byte) (w2 >> 8), (byte) w2, (byte) (w1 >> 24), (byte) (w1 >> 16), (byte) (w1 >> 8), (byte) w1};
    }

    /** SPI pads from eFuse: CLK/Q/D/CS in word5 bits 0..19 (5 bits each), HD in word3 bits 4..8; 0 = default pins. */
    @Override public int defaultSpiAttach(RegisterReader r) throws IOException {
        int cfg = r.read(EFUSE + 20) & 0xFFFFF;
        if (cfg == 0) {
            return 0;
        }
        int clk = cfg & 0x1F;
        int q = (cfg >> 5) & 0x1F;
        int d = (cfg >> 10) & 0x1F;
        int cs = (cfg >> 15) & 0x1F;
        int hd = (r.read(EFUSE + 12) >> 4) & 0x1F;
        return hd << 24 | cs << 18 | d << 12 | q << 6 | clk;
    }

    /**
     * Major from eFuse word3 bit 15, word5 bit 20 and APB_CTL_DATE bit 31 ({0:0, 1:1, 3:2, 7:3});
     * minor from word5 bits 24-25.
     */
    @Override public int chipRevision(RegisterReader r) throws IOException {
        int w3 = r.read(EFUSE + 12);
        int w5 = r.read(EFUSE + 20);
        int bits = ((w3 >>> 15) & 1) | ((w5 >>> 20) & 1) << 1;
        if (bits == 3) {
            bits |= ((r.read(APB_CTL_DATE) >>> 31) & 1) << 2;
        }
        int major = switch (bits) {
            case 1 -> 1;
            case 3 -> 2;
            case 7 -> 3;
            default -> 0;
        };
        int minor = (w5 >>> 24) & 3;
        return major * 100 + minor;
    }
}
