package org.jesptool.target;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** ESP32-C3 facts (esptool facts sheet, sections 5.1-5.5). */
public final class Esp32c3 extends Chip {
    @Override public String name() { return "esp32c3"; }
    @Override public String displayName() { return "ESP32-C3"; }
    @Override public int imageChipId() { return 5; }
    @Override public int bootloaderFlashOffset() { return 0x0; }
    @Override public int efuseBase() { return 0x60008800; }
    @Override public int macEfuseReg() { return 0x60008844; }
    @Override public int uartDateReg() { return 0x6000007C; }
    @Override public SpiRegisters spiRegisters() { return SpiRegisters.modern(0x60002000); }
    @Override public int uf2FamilyId() { return 0xD42BA06C; }

    @Override public String bootStrapPin() { return "GPIO9 (with GPIO8 high)"; }
    @Override public Watchdog watchdog() { return new Watchdog(0x60008090, 0x60008094, 0x600080A8); }
    @Override public List<Integer> legacyMagicValues() { return List.of(0x6921506F, 0x1B31506F, 0x4881606F, 0x4361606F); }
    @Override public List<String> features() { return List.of("Wi-Fi", "BT 5 (LE)", "Single Core", "160MHz"); }
    @Override public boolean stubSupported(int revision, boolean secureBootEnabled) { return !secureBootEnabled; }

    /** Minor: BLOCK1 word5 bit 23 (high) and word3 bits 18-20; major: word5 bits 24-25. */
    @Override public int chipRevision(RegisterReader r) throws IOException {
        int minor = BitField.combine(r, new BitField(0x60008850, 18, 3, 0), new BitField(0x60008858, 23, 1, 3));
        int major = BitField.combine(r, new BitField(0x60008858, 24, 2, 0));
        return major * 100 + minor;
    }
}
