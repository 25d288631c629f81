package org.jesptool.target;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** ESP32-C2 facts (esptool facts sheet, sections 5.1-5.5). */
final class Esp32c2 extends Chip {
    @Override public String name() { return "esp32c2"; }
    @Override public int efuseBase() { return 0x60008800; }
    @Override public int macEfuseReg() { return 0x60008840; }
    @Override public int uartDateReg() { return 0x6000007C; }
    @Override public SpiRegisters spiRegisters() { return SpiRegisters.modern(0x60002000); }

    @Override public int fixedCrystalMhz() { return 0; }
    @Override public String bootStrapPin() { return "GPIO9 (with GPIO8 high)"; }
    @Override public Watchdog watchdog() { return new Watchdog(0x60008084, 0x60008088, 0x6000809C); }
    @Override public List<Integer> legacyMagicValues() { return List.of(0x6F51306F, 0x7C41A06F); }
    @Override public boolean romChangesBaudInSecureDownloadMode() { return false; }
    private static final BitField PKG_VERSION = new BitField(0x60008844, 22, 3, 0);
    private static final Map<Integer, String> PACKAGES = Map.of(0, "ESP32-C2", 1, "ESP32-C2");

    /** PKG_VERSION in BLOCK2 word1 bits 22-24: packages 0 and 1 are both "ESP32-C2". */
    @Override public String description(RegisterReader r) throws IOException {
        return PACKAGES.getOrDefault(PKG_VERSION.read(r), "Unknown ESP32-C2");
    }

    @Override public List<String> features(RegisterReader r) { return List.of("Wi-Fi", "BT 5 (LE)", "Single Core", "120MHz"); }
    @Override public boolean stubSupported(int revision, boolean secureBootEnabled) { return revision != 0; }

    @Override public boolean romBaudDependsOnCrystal() { return true; }

    /** The C2 ROM expects a 40 MHz crystal: with 26 MHz it needs the baud scaled by 40/26. */
    @Override public int romBaudArgument(int baud, int crystalMhz) {
        return crystalMhz == 26 ? (int) ((long) baud * 40 / 26) : baud;
    }


    /** BLOCK2 word1 (right after the MAC word): minor bits 16-19, major bits 20-21. */
    @Override public int chipRevision(RegisterReader r) throws IOException {
        int major = BitField.combine(r, new BitField(0x60008844, 20, 2, 0));
        int minor = BitField.combine(r, new BitField(0x60008844, 16, 4, 0));
        return major * 100 + minor;
    }
}
