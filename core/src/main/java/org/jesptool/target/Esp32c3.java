package org.jesptool.target;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ESP32-C3 facts (esptool facts sheet, sections 5.1-5.5). */
final class Esp32c3 extends Chip {
    @Override public String name() { return "esp32c3"; }
    @Override public boolean legacyMinRevIsMinor() { return true; }
    @Override public int efuseBase() { return 0x60008800; }
    @Override public int macEfuseReg() { return 0x60008844; }
    @Override public int uartDateReg() { return 0x6000007C; }
    @Override public SpiRegisters spiRegisters() { return SpiRegisters.modern(0x60002000); }
    @Override public SecurityFuses securityFuses() { return SecurityFuses.s2Layout(efuseBase(), 20); }

    @Override public String bootStrapPin() { return "GPIO9 (with GPIO8 high)"; }
    @Override public Watchdog watchdog() { return new Watchdog(0x60008090, 0x60008094, 0x600080A8); }
    @Override public List<Integer> legacyMagicValues() { return List.of(0x6921506F, 0x1B31506F, 0x4881606F, 0x4361606F); }
    private static final int BLOCK1_WORD3 = 0x60008850;
    private static final int BLOCK1_WORD4 = 0x60008854;
    /** PKG_VERSION (BLOCK1 word3 bits 21-23) to package name. */
    private static final Map<Integer, String> PACKAGES = Map.of(0, "ESP32-C3 (QFN32)", 1, "ESP8685 (QFN28)",
            2, "ESP32-C3 AZ (QFN32)", 3, "ESP8686 (QFN24)");
    /** FLASH_CAP (BLOCK1 word3 bits 27-29) to embedded flash size. */
    private static final Map<Integer, String> FLASH_CAP = Map.of(1, "4MB", 2, "2MB", 3, "1MB", 4, "8MB");
    /** FLASH_VENDOR (BLOCK1 word4 bits 0-2). */
    private static final Map<Integer, String> FLASH_VENDOR = Map.of(1, "XMC", 2, "GD", 3, "FM", 4, "TT", 5, "ZBIT");

    @Override public String description(RegisterReader r) throws IOException {
        return PACKAGES.getOrDefault((r.read(BLOCK1_WORD3) >>> 21) & 7, "unknown ESP32-C3");
    }

    @Override public List<String> features(RegisterReader r) throws IOException {
        List<String> f = new ArrayList<>(List.of("Wi-Fi", "BT 5 (LE)", "Single Core", "160MHz"));
        int cap = (r.read(BLOCK1_WORD3) >>> 27) & 7;
        if (cap != 0) {
            String vendor = FLASH_VENDOR.getOrDefault(r.read(BLOCK1_WORD4) & 7, "");
            f.add(FLASH_CAP.containsKey(cap) ? "Embedded Flash " + FLASH_CAP.get(cap) + " (" + vendor + ")"
                    : "Unknown Embedded Flash (" + vendor + ")");
        }
        return f;
    }
    @Override public boolean stubSupported(int revision, boolean secureBootEnabled) { return !secureBootEnabled; }

    /** Minor: BLOCK1 word5 bit 23 (high) and word3 bits 18-20; major: word5 bits 24-25. */
    @Override public int chipRevision(RegisterReader r) throws IOException {
        int minor = BitField.combine(r, new BitField(0x60008850, 18, 3, 0), new BitField(0x60008858, 23, 1, 3));
        int major = BitField.combine(r, new BitField(0x60008858, 24, 2, 0));
        return major * 100 + minor;
    }
}
