package org.jesptool.target;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ESP32-S3 facts (esptool facts sheet, sections 5.1-5.5). */
final class Esp32s3 extends Chip {
    @Override public String name() { return "esp32s3"; }
    @Override public int efuseBase() { return 0x60007000; }
    @Override public int macEfuseReg() { return 0x60007044; }
    @Override public int uartDateReg() { return 0x60000080; }
    @Override public SpiRegisters spiRegisters() { return SpiRegisters.modern(0x60002000); }
    @Override public SecurityFuses securityFuses() { return SecurityFuses.s2Layout(efuseBase(), 20); }

    @Override public int usbOtgPid() { return 0x0009; }
    @Override public int secureBootStubHook() { return 0x3FCEF688; }
    @Override public boolean stubSupportsFlashAbove16MiB() { return true; }
    @Override public Watchdog watchdog() { return new Watchdog(0x60008098, 0x6000809C, 0x600080B0); }
    @Override public List<Integer> legacyMagicValues() { return List.of(0x00000009); }
    private static final int BLOCK1_WORD3 = 0x60007050;
    private static final int BLOCK1_WORD4 = 0x60007054;
    private static final int BLOCK1_WORD5 = 0x60007058;
    /** PKG_VERSION (BLOCK1 word3 bits 21-23) to package name. */
    private static final Map<Integer, String> PACKAGES = Map.of(0, "ESP32-S3 (QFN56)", 1, "ESP32-S3-PICO-1 (LGA56)");
    /** FLASH_CAP (BLOCK1 word3 bits 27-29). */
    private static final Map<Integer, String> FLASH_CAP = Map.of(1, "8MB", 2, "4MB");
    /** FLASH_VENDOR (BLOCK1 word4 bits 0-2). */
    private static final Map<Integer, String> FLASH_VENDOR = Map.of(1, "XMC", 2, "GD", 3, "FM", 4, "TT", 5, "BY");
    /** PSRAM_CAP (BLOCK1 word4 bits 3-4, high bit word5 bit 19). */
    private static final Map<Integer, String> PSRAM_CAP = Map.of(1, "8MB", 2, "2MB", 3, "16MB", 4, "4MB");
    /** PSRAM_VENDOR (BLOCK1 word4 bits 7-8). */
    private static final Map<Integer, String> PSRAM_VENDOR = Map.of(1, "AP_3v3", 2, "AP_1v8");

    @Override public String description(RegisterReader r) throws IOException {
        return PACKAGES.getOrDefault((r.read(BLOCK1_WORD3) >>> 21) & 7, "unknown ESP32-S3");
    }

    @Override public List<String> features(RegisterReader r) throws IOException {
        List<String> f = new ArrayList<>(List.of("Wi-Fi", "BT 5 (LE)", "Dual Core + LP Core", "240MHz"));
        int w3 = r.read(BLOCK1_WORD3);
        int w4 = r.read(BLOCK1_WORD4);
        int flashCap = (w3 >>> 27) & 7;
        if (flashCap != 0) {
            String vendor = vendor(FLASH_VENDOR, w4 & 7);
            f.add(FLASH_CAP.containsKey(flashCap) ? "Embedded Flash " + FLASH_CAP.get(flashCap) + " (" + vendor + ")"
                    : "Unknown Embedded Flash (" + vendor + ")");
        }
        int psramCap = ((w4 >>> 3) & 3) | ((r.read(BLOCK1_WORD5) >>> 19) & 1) << 2;
        if (psramCap != 0) {
            String vendor = vendor(PSRAM_VENDOR, (w4 >>> 7) & 3);
            f.add(PSRAM_CAP.containsKey(psramCap) ? "Embedded PSRAM " + PSRAM_CAP.get(psramCap) + " (" + vendor + ")"
                    : "Unknown Embedded PSRAM (" + vendor + ")");
        }
        return f;
    }

    private static String vendor(Map<Integer, String> vendors, int id) {
        return vendors.getOrDefault(id, "");
    }

    /** Minor: BLOCK1 word5 bit 23 (high) and word3 bits 18-20; major: word5 bits 24-25. */
    @Override public int chipRevision(RegisterReader r) throws IOException {
        int minor = BitField.combine(r, new BitField(0x60007050, 18, 3, 0), new BitField(0x60007058, 23, 1, 3));
        int major = BitField.combine(r, new BitField(0x60007058, 24, 2, 0));
        return major * 100 + minor;
    }
}
