package org.jesptool.efuse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The eFuse facts of every supported chip (the ESP8266 has no eFuse controller of this kind). */
public final class EfuseChips {
    private static final Map<String, EfuseChip> CHIPS = new LinkedHashMap<>();

    static {
        for (EfuseChip c : List.of(esp32(), s2(), s3(), c2(), c3(), c5(), c6(), c61(), h2(), p4())) {
            CHIPS.put(c.name, c);
        }
    }

    private EfuseChips() {
    }

    /** The chip for a --chip value (case and '-' insensitive), or null. */
    public static EfuseChip byName(String n) {
        return CHIPS.get(n.toLowerCase(Locale.ROOT).replace("-", ""));
    }

    public static List<String> names() {
        return List.copyOf(CHIPS.keySet());
    }

    /** S2+ blocks (every chip except ESP32 and C2). */
    private static void modernBlocks(EfuseChip.Builder b) {
        List<BlockDef> l = b.blocks;
        l.add(new BlockDef(0, "BLOCK0", List.of(), 0x2C, 6, -1, new int[0], null, 0));
        l.add(new BlockDef(1, "MAC_SPI_8M_0", List.of("BLOCK1"), 0x44, 6, 20, new int[0], null, 0));
        l.add(new BlockDef(2, "BLOCK_SYS_DATA", List.of("BLOCK2"), 0x5C, 8, 21, new int[0], null, 0));
        l.add(new BlockDef(3, "BLOCK_USR_DATA", List.of("BLOCK3"), 0x7C, 8, 22, new int[0], null, 0));
        for (int k = 0; k < 6; k++) {
            l.add(new BlockDef(4 + k, "BLOCK_KEY" + k, List.of("BLOCK" + (4 + k)), 0x9C + 0x20 * k, 8, 23 + k,
                    new int[] {k}, "KEY_PURPOSE_" + k, 0));
        }
        l.add(new BlockDef(10, "BLOCK_SYS_DATA2", List.of("BLOCK10"), 0x15C, 8, 29, new int[] {6}, null, 0));
        b.pgmData = 0;
        b.repeatErr = new int[] {0x17C, 0x180, 0x184, 0x188, 0x18C};
        b.conf = 0x1CC;
        b.cmd = 0x1D4;
        b.rsErr = new int[] {0x1C0, 0x1C4};
    }

    /** The DAC/power timing set-up shared by S3, C2, C3, C5, C6, C61 and H2. */
    private static void commonTiming(EfuseChip.Builder b, int dac, int wrTim1, int wrTim2) {
        b.timing(dac, 0x1FE00, 0xFF).timing(dac, 0xFF, 0x28).timing(wrTim1, 0xFFFF00, 0x3000)
                .timing(wrTim2, 0xFFFF, 0x190);
    }

    private static void basicPurposes(EfuseChip.Builder b, boolean xts256, boolean reserved2) {
        b.purpose("USER", 0, "").purpose("RESERVED", 1, "");
        if (xts256) {
            b.purpose("XTS_AES_256_KEY_1", 2, "RP").purpose("XTS_AES_256_KEY_2", 3, "RP");
        }
        if (reserved2) {
            b.purpose("RESERVED", 2, "");
        }
        b.purpose("XTS_AES_128_KEY", 4, "RP");
        hmacAndDigests(b, true);
    }

    private static void hmacAndDigests(EfuseChip.Builder b, boolean hmac) {
        if (hmac) {
            b.purpose("HMAC_DOWN_ALL", 5, "P").purpose("HMAC_DOWN_JTAG", 6, "P")
                    .purpose("HMAC_DOWN_DIGITAL_SIGNATURE", 7, "P").purpose("HMAC_UP", 8, "P");
        }
        b.purpose("SECURE_BOOT_DIGEST0", 9, "D").purpose("SECURE_BOOT_DIGEST1", 10, "D")
                .purpose("SECURE_BOOT_DIGEST2", 11, "D");
    }

    private static void customPurposes(EfuseChip.Builder b, int width) {
        Set<Integer> used = new HashSet<>();
        b.purposes.forEach(p -> used.add(p.value()));
        int max = (1 << width) - 1;
        for (int v = 0; v <= max; v++) {
            if (!used.contains(v)) {
                b.purpose("CUSTOM_" + v, v, "").purpose("CUSTOM_DIGEST_" + v, v, "D");
            }
        }
        b.purpose("CUSTOM_MAX", max, "").purpose("CUSTOM_DIGEST_MAX", max, "D");
    }

    private static void waferMinorCalc(EfuseChip.Builder b) {
        b.calc("WAFER_VERSION_MINOR", 0, "uint:4", "identity",
                "calc WAFER VERSION MINOR = WAFER_VERSION_MINOR_HI << 3 + WAFER_VERSION_MINOR_LO (read only)",
                "WAFER_VERSION_MINOR_HI", 3, "WAFER_VERSION_MINOR_LO", 0);
    }

    private static void eui64Calc(EfuseChip.Builder b) {
        b.calc("MAC_EUI64", 1, "bytes:8", "MAC",
                "calc MAC_EUI64 = MAC[0]:MAC[1]:MAC[2]:MAC_EXT[0]:MAC_EXT[1]:MAC[3]:MAC[4]:MAC[5]");
    }

    static EfuseChip esp32() {
        EfuseChip.Builder b = new EfuseChip.Builder("esp32", "ESP32", 0x3FF5A000);
        b.esp32Controller = true;
        b.memSize = 0x120;
        b.blocks.add(new BlockDef(0, "BLOCK0", List.of(), 0x00, 7, -1, new int[0], null, 0x1C));
        b.blocks.add(new BlockDef(1, "BLOCK1", List.of("flash_encryption"), 0x38, 8, 7, new int[] {0}, null, 0x98));
        b.blocks.add(new BlockDef(2, "BLOCK2", List.of("secure_boot_v1", "secure_boot_v2"), 0x58, 8, 8,
                new int[] {1}, null, 0xB8));
        b.blocks.add(new BlockDef(3, "BLOCK3", List.of(), 0x78, 8, 9, new int[] {2}, null, 0xD8));
        b.conf = 0xFC;
        b.cmd = 0x104;
        b.decStatus = 0x11C;
        // 40 MHz crystal: DAC_CONF[7:0] = 80, CLK[7:0] = 160 (SEL0), CLK[15:8] = 255 (SEL1).
        b.timing(0x118, 0xFF, 80).timing(0xF8, 0xFF, 160).timing(0xF8, 0xFF00, 255);
        b.xtalAccepted = new int[] {26, 40};
        b.postponed = List.of("WR_DIS", "RD_DIS", "UART_DOWNLOAD_DIS", "ABS_DONE_1", "FLASH_CRYPT_CNT");
        b.flashVoltageFields = "XPD_SDIO_FORCE XPD_SDIO_REG XPD_SDIO_TIEH VDD_SDIO";
        b.errorLineDot = false;
        b.calc("WAFER_VERSION_MAJOR", 0, "uint:3", "identity",
                "calc WAFER VERSION MAJOR from CHIP_VER_REV1 and CHIP_VER_REV2 and apb_ctl_date (read only)");
        b.calc("PKG_VERSION", 0, "uint:4", "identity",
                "calc Chip package = CHIP_PACKAGE_4BIT << 3 + CHIP_PACKAGE (read only)",
                "CHIP_PACKAGE_4BIT", 3, "CHIP_PACKAGE", 0);
        return b.build();
    }

    static EfuseChip s2() {
        EfuseChip.Builder b = new EfuseChip.Builder("esp32s2", "ESP32-S2", 0x3F41A000);
        modernBlocks(b);
        b.rsErr = new int[] {0x194, 0x198};
        b.timing(0x1F4, 0xFF, 1).timing(0x1F0, 0xFFFF0000, 0x190).timing(0x1F0, 0xFF, 1).timing(0x1F0, 0xFF00, 2)
                .timing(0x1E8, 0xFF, 0x50).timing(0x1F4, 0xFFFF00, 0x5100).timing(0x1F8, 0xFFFF, 0x80)
                .timing(0x1EC, 0xFF00, 2).timing(0x1EC, 0xFF, 1);
        basicPurposes(b, true, false);
        b.purpose("XTS_AES_256_KEY", -1, "RP");
        b.flashVoltageFields = "VDD_SPI_FORCE VDD_SPI_XPD VDD_SPI_TIEH VDD_SPI";
        waferMinorCalc(b);
        return b.build();
    }

    static EfuseChip s3() {
        EfuseChip.Builder b = new EfuseChip.Builder("esp32s3", "ESP32-S3", 0x60007000);
        modernBlocks(b);
        commonTiming(b, 0x1E8, 0x1F4, 0x1F8);
        basicPurposes(b, true, false);
        b.purpose("XTS_AES_256_KEY", -1, "RP");
        b.calibrationThreshold = 100;
        b.romExclusiveFields = List.of(List.of("DIS_USB_JTAG", "DIS_USB_SERIAL_JTAG"));
        b.adcInfoBlankLine = true;
        b.flashVoltageFields = "VDD_SPI_FORCE VDD_SPI_XPD VDD_SPI_TIEH VDD_SPI";
        waferMinorCalc(b);
        b.calc("PSRAM_CAPACITY", 0, "uint:3", "identity", "calc as = PSRAM_CAP_3 << 2 + PSRAM_CAP (read only)",
                "PSRAM_CAP_3", 2, "PSRAM_CAP", 0);
        b.key5XtsBug = true;
        return b.build();
    }

    static EfuseChip c2() {
        EfuseChip.Builder b = new EfuseChip.Builder("esp32c2", "ESP32-C2", 0x60008800);
        b.blocks.add(new BlockDef(0, "BLOCK0", List.of(), 0x2C, 2, -1, new int[0], null, 0));
        b.blocks.add(new BlockDef(1, "BLOCK1", List.of(), 0x34, 3, 5, new int[0], null, 0));
        b.blocks.add(new BlockDef(2, "BLOCK2", List.of(), 0x40, 8, 6, new int[0], null, 0));
        b.blocks.add(new BlockDef(3, "BLOCK_KEY0", List.of("BLOCK3"), 0x60, 8, 7, new int[] {0, 1}, null, 0));
        b.conf = 0x8C;
        b.cmd = 0x94;
        b.repeatErr = new int[] {0x80};
        b.rsErr = new int[] {0x84};
        commonTiming(b, 0x108, 0x114, 0x118);
        b.timing(0x110, 0xFF00, 200);
        b.xtalAccepted = new int[] {26, 40};
        b.errorLineDot = false;
        b.splitKeyBlock = true;
        b.purpose("USER", 0, "").purpose("XTS_AES_128_KEY", 1, "RP")
                .purpose("XTS_AES_128_KEY_DERIVED_FROM_128_EFUSE_BITS", 2, "RP").purpose("SECURE_BOOT_DIGEST", 3, "D");
        return b.build();
    }

    static EfuseChip c3() {
        EfuseChip.Builder b = new EfuseChip.Builder("esp32c3", "ESP32-C3", 0x60008800);
        modernBlocks(b);
        commonTiming(b, 0x1E8, 0x1F0, 0x1F4);
        basicPurposes(b, false, false);
        b.hiddenFields = java.util.Set.of("JTAG_SEL_ENABLE");
        b.calibrationThreshold = 100;
        waferMinorCalc(b);
        b.key5XtsBug = true;
        return b.build();
    }

    static EfuseChip c5() {
        EfuseChip.Builder b = new EfuseChip.Builder("esp32c5", "ESP32-C5", 0x600B4800);
        modernBlocks(b);
        b.cmd = 0x1D8;
        b.rsErr = new int[] {0x190, 0x194};
        commonTiming(b, 0x1EC, 0x1F4, 0x1F8);
        b.xtalAccepted = new int[] {40, 48};
        b.errorLineDot = false;
        b.purpose("USER", 0, "").purpose("ECDSA_KEY_P256", 1, "RP").purpose("ECDSA_KEY", 1, "RP")
                .purpose("RESERVED", 1, "").purpose("XTS_AES_128_KEY", 4, "RP");
        hmacAndDigests(b, true);
        b.purpose("KM_INIT_KEY", 12, "P").purpose("XTS_AES_128_PSRAM_KEY", 15, "RP")
                .purpose("ECDSA_KEY_P192", 16, "RP").purpose("ECDSA_KEY_P384_L", 17, "RP")
                .purpose("ECDSA_KEY_P384_H", 18, "RP");
        customPurposes(b, 5);
        b.purpose("ECDSA_KEY_P384", -1, "P");
        b.reverseMessageNamesPurpose = true;
        eui64Calc(b);
        b.calc("RECOVERY_BOOTLOADER_FLASH_SECTOR", 0, "uint:12", "config",
                "calc recovery_bootloader = recovery_bootloader_hi << 9 + recovery_bootloader_lo",
                "RECOVERY_BOOTLOADER_FLASH_SECTOR_HI", 9, "RECOVERY_BOOTLOADER_FLASH_SECTOR_LO", 0);
        b.calc("BOOTLOADER_ANTI_ROLLBACK_SECURE_VERSION", 0, "uint:4", "config",
                "calc ANTI_ROLLBACK_SECURE_VERSION = ANTI_ROLLBACK_SECURE_VERSION_HI << 3 + "
                        + "ANTI_ROLLBACK_SECURE_VERSION_LO",
                "BOOTLOADER_ANTI_ROLLBACK_SECURE_VERSION_HI", 3, "BOOTLOADER_ANTI_ROLLBACK_SECURE_VERSION_LO", 0);
        return b.build();
    }

    static EfuseChip c6() {
        EfuseChip.Builder b = new EfuseChip.Builder("esp32c6", "ESP32-C6", 0x600B0800);
        modernBlocks(b);
        commonTiming(b, 0x1E8, 0x1F0, 0x1F4);
        basicPurposes(b, false, false);
        customPurposes(b, 4);
        eui64Calc(b);
        b.key5XtsBug = true;
        return b.build();
    }

    static EfuseChip c61() {
        EfuseChip.Builder b = new EfuseChip.Builder("esp32c61", "ESP32-C61", 0x600B4800);
        modernBlocks(b);
        commonTiming(b, 0x1E8, 0x1F0, 0x1F4);
        b.purpose("USER", 0, "").purpose("ECDSA_KEY", 1, "RP").purpose("XTS_AES_128_KEY", 4, "RP");
        hmacAndDigests(b, false);
        b.reverseMessageNamesPurpose = true;
        return b.build();
    }

    static EfuseChip h2() {
        EfuseChip.Builder b = new EfuseChip.Builder("esp32h2", "ESP32-H2", 0x600B0800);
        modernBlocks(b);
        commonTiming(b, 0x1E8, 0x1F0, 0x1F4);
        b.virtXtalMhz = 32;
        b.xtalAccepted = new int[] {32};
        b.extraTable = "esp32h2_v0.0_v1.1";
        b.purpose("USER", 0, "").purpose("ECDSA_KEY", 1, "RP").purpose("RESERVED", 2, "")
                .purpose("XTS_AES_128_KEY", 4, "RP");
        hmacAndDigests(b, true);
        b.calibrationThreshold = 2;
        b.reverseMessageNamesPurpose = true;
        eui64Calc(b);
        b.key5XtsBug = true;
        return b.build();
    }

    static EfuseChip p4() {
        EfuseChip.Builder b = new EfuseChip.Builder("esp32p4", "ESP32-P4", 0x5012D000);
        modernBlocks(b);
        b.table = "esp32p4_v3.0";
        b.purpose("USER", 0, "").purpose("ECDSA_KEY_P256", 1, "RP").purpose("ECDSA_KEY", 1, "RP")
                .purpose("XTS_AES_256_KEY_1", 2, "RP").purpose("XTS_AES_256_KEY_2", 3, "RP")
                .purpose("XTS_AES_128_KEY", 4, "RP");
        hmacAndDigests(b, true);
        b.purpose("KM_INIT_KEY", 12, "P").purpose("ECDSA_KEY_P192", 16, "RP").purpose("ECDSA_KEY_P384_L", 17, "RP")
                .purpose("ECDSA_KEY_P384_H", 18, "RP");
        customPurposes(b, 5);
        b.purpose("XTS_AES_256_KEY", -1, "RP").purpose("ECDSA_KEY_P384", -1, "P");
        b.reverseMessageNamesPurpose = true;
        b.calc("WAFER_VERSION_MAJOR", 0, "uint:3", "identity",
                "calc WAFER VERSION MAJOR from (WAFER_VERSION_MAJOR_HI << 2) + WAFER_VERSION_MAJOR_LO (read only)",
                "WAFER_VERSION_MAJOR_HI", 2, "WAFER_VERSION_MAJOR_LO", 0);
        b.calc("RECOVERY_BOOTLOADER_FLASH_SECTOR", 0, "uint:12", "config",
                "recovery_bootloader = RECOVERY_BOOTLOADER_FLASH_SECTOR_0_1 + 2_2 + 3_6 + 7_7 + 8_10 + 11_11",
                "RECOVERY_BOOTLOADER_FLASH_SECTOR_0_1", 0, "RECOVERY_BOOTLOADER_FLASH_SECTOR_2_2", 2,
                "RECOVERY_BOOTLOADER_FLASH_SECTOR_3_6", 3, "RECOVERY_BOOTLOADER_FLASH_SECTOR_7_7", 7,
                "RECOVERY_BOOTLOADER_FLASH_SECTOR_8_10", 8, "RECOVERY_BOOTLOADER_FLASH_SECTOR_11_11", 11);
        return b.build();
    }

    /** Names of every chip, for messages. */
    static List<String> all() {
        return new ArrayList<>(CHIPS.keySet());
    }
}
