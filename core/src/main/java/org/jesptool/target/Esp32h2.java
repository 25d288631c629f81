package org.jesptool.target;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** ESP32-H2 facts (esptool facts sheet, sections 5.1-5.5). */
final class Esp32h2 extends Chip {
    @Override public String name() { return "esp32h2"; }
    @Override public int efuseBase() { return 0x600B0800; }
    @Override public int macEfuseReg() { return 0x600B0844; }
    @Override public int uartDateReg() { return 0x6000007C; }
    @Override public SpiRegisters spiRegisters() { return SpiRegisters.modern(0x60003000); }
    @Override public SecurityFuses securityFuses() { return SecurityFuses.s2Layout(efuseBase(), 20); }

    @Override public boolean hasEui64() { return true; }
    @Override public int fixedCrystalMhz() { return 32; }
    @Override public String bootStrapPin() { return "GPIO9 (with GPIO8 high)"; }
    @Override public List<Integer> legacyMagicValues() { return List.of(0xD7B73E80); }
    private static final BitField PKG_VERSION = new BitField(0x600B0854, 0, 3, 0);
    private static final Map<Integer, String> PACKAGES = Map.of(0, "ESP32-H2");

    /** PKG_VERSION in BLOCK1 word4 bits 0-2. */
    @Override public String description(RegisterReader r) throws IOException {
        return PACKAGES.getOrDefault(PKG_VERSION.read(r), "unknown ESP32-H2");
    }

    @Override public List<String> features(RegisterReader r) { return List.of("BT 5 (LE)", "IEEE802.15.4", "Single Core", "96MHz"); }


    /** BLOCK1 word3: minor bits 18-20, major bits 21-22. */
    @Override public int chipRevision(RegisterReader r) throws IOException {
        int w = r.read(0x600B0850);
        return ((w >>> 21) & 3) * 100 + ((w >>> 18) & 7);
    }
}
