package org.jesptool.target;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** ESP32-S2 facts (esptool facts sheet, sections 5.1-5.5). */
final class Esp32s2 extends Chip {
    @Override public String name() { return "esp32s2"; }
    @Override public boolean refusesReadRegInSecureDownloadMode() { return true; }
    @Override public int efuseBase() { return 0x3F41A000; }
    @Override public int macEfuseReg() { return 0x3F41A044; }
    @Override public int uartDateReg() { return 0x60000078; }
    @Override public SpiRegisters spiRegisters() { return SpiRegisters.modern(0x3F402000); }
    @Override public SecurityFuses securityFuses() { return SecurityFuses.s2Layout(efuseBase(), 19); }

    @Override public int magicValue() { return 0x000007C6; }
    @Override public int uartClkDivReg() { return 0x3F400014; }
    @Override public int usbOtgPid() { return 0x0002; }
    @Override public Watchdog watchdog() { return new Watchdog(0x3F408094, 0x3F408098, 0x3F4080AC); }
    private static final int BLOCK1_WORD3 = 0x3F41A050;
    private static final int BLOCK2_WORD4 = 0x3F41A06C;
    /** FLASH_CAP + 100 x PSRAM_CAP to part name. */
    private static final Map<Integer, String> PARTS = Map.of(0, "ESP32-S2", 1, "ESP32-S2FH2", 2, "ESP32-S2FH4",
            102, "ESP32-S2FNR2", 100, "ESP32-S2R2");
    private static final Map<Integer, String> FLASH = Map.of(0, "No Embedded Flash", 1, "Embedded Flash 2MB",
            2, "Embedded Flash 4MB");
    private static final Map<Integer, String> PSRAM = Map.of(0, "No Embedded PSRAM", 1, "Embedded PSRAM 2MB",
            2, "Embedded PSRAM 4MB");
    private static final Map<Integer, String> BLOCK2 = Map.of(0, "No calibration in BLK2 of efuse",
            1, "ADC and temperature sensor calibration in BLK2 of efuse V1",
            2, "ADC and temperature sensor calibration in BLK2 of efuse V2");

    /** FLASH_CAP in BLOCK1 word3 bits 21-24, PSRAM_CAP in bits 28-31. */
    @Override public String description(RegisterReader r) throws IOException {
        int w3 = r.read(BLOCK1_WORD3);
        return PARTS.getOrDefault(((w3 >>> 21) & 0xF) + ((w3 >>> 28) & 0xF) * 100, "unknown ESP32-S2");
    }

    /** Embedded flash and PSRAM as above, and the BLK2 calibration version (BLOCK2 word4 bits 4-6). */
    @Override public List<String> features(RegisterReader r) throws IOException {
        int w3 = r.read(BLOCK1_WORD3);
        return List.of("Wi-Fi", "Single Core", "240MHz",
                FLASH.getOrDefault((w3 >>> 21) & 0xF, "Unknown Embedded Flash"),
                PSRAM.getOrDefault((w3 >>> 28) & 0xF, "Unknown Embedded PSRAM"),
                BLOCK2.getOrDefault((r.read(BLOCK2_WORD4) >>> 4) & 7, "Unknown Calibration in BLK2"));
    }

    /** Major: BLOCK1 word3 bits 18-19; minor: word3 bit 20 (high) and word4 bits 4-6. */
    @Override public int chipRevision(RegisterReader r) throws IOException {
        int major = BitField.combine(r, new BitField(0x3F41A050, 18, 2, 0));
        int minor = BitField.combine(r, new BitField(0x3F41A050, 20, 1, 3), new BitField(0x3F41A054, 4, 3, 0));
        return major * 100 + minor;
    }
}
