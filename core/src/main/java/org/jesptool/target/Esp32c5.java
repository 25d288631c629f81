package org.jesptool.target;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** ESP32-C5 facts (esptool facts sheet, sections 5.1-5.5). */
final class Esp32c5 extends Chip {
    @Override public String name() { return "esp32c5"; }
    @Override public int efuseBase() { return 0x600B4800; }
    @Override public int macEfuseReg() { return 0x600B4844; }
    @Override public int uartDateReg() { return 0x6000007C; }
    @Override public SpiRegisters spiRegisters() { return SpiRegisters.modern(0x60003000); }
    @Override public SecurityFuses securityFuses() { return SecurityFuses.c5Layout(efuseBase()); }

    @Override public int fixedCrystalMhz() { return 0; }
    @Override public boolean stubSupportsFlashAbove16MiB() { return true; }
    @Override public String bootStrapPin() { return "GPIO28 (with GPIO27 high)"; }
    @Override public Watchdog watchdog() { return new Watchdog(0x600B1C00, 0x600B1C04, 0x600B1C18); }
    @Override public boolean romChangesBaudInSecureDownloadMode() { return false; }
    private static final BitField PKG_VERSION = new BitField(0x600B484C, 26, 3, 0);
    private static final Map<Integer, String> PACKAGES = Map.of(0, "ESP32-C5");

    /** PKG_VERSION in BLOCK1 word2 bits 26-28. */
    @Override public String description(RegisterReader r) throws IOException {
        return PACKAGES.getOrDefault(PKG_VERSION.read(r), "Unknown ESP32-C5");
    }

    @Override public List<String> features(RegisterReader r) {
        return List.of("Wi-Fi 6 (dual-band)", "BT 5 (LE)", "IEEE802.15.4", "Single Core + LP Core", "240MHz");
    }


    /** BLOCK1 word2: minor bits 0-3, major bits 4-5. */
    @Override public int chipRevision(RegisterReader r) throws IOException {
        int w = r.read(0x600B484C);
        return ((w >>> 4) & 3) * 100 + (w & 0xF);
    }
}
