package org.jesptool.target;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** ESP32-P4 facts (esptool facts sheet, sections 5.1-5.5). */
final class Esp32p4 extends Chip {
    @Override public String name() { return "esp32p4"; }
    @Override public int efuseBase() { return 0x5012D000; }
    @Override public int macEfuseReg() { return 0x5012D044; }
    @Override public int uartDateReg() { return 0x500CA08C; }
    @Override public SpiRegisters spiRegisters() { return SpiRegisters.modern(0x5008D000); }

    @Override public int uartClkDivReg() { return -1; }
    @Override public int usbOtgPid() { return 0x0012; }
    @Override public boolean stubSupportsFlashAbove16MiB() { return true; }
    /** Before revision 3.0 the P4's RAM sits elsewhere: its own image, named as esptool names it. */
    @Override public String stubImageName(int revision) { return revision < 300 ? "esp32p4-rev1" : "esp32p4"; }
    @Override public String bootStrapPin() { return "GPIO35 (with GPIO36 high)"; }
    @Override public Watchdog watchdog() { return new Watchdog(0x50116000, 0x50116004, 0x50116018); }
    private static final BitField PKG_VERSION = new BitField(0x5012D04C, 20, 3, 0);
    private static final Map<Integer, String> PACKAGES = Map.of(0, "ESP32-P4");

    /** PKG_VERSION in BLOCK1 word2 bits 20-22. */
    @Override public String description(RegisterReader r) throws IOException {
        return PACKAGES.getOrDefault(PKG_VERSION.read(r), "Unknown ESP32-P4");
    }

    @Override public List<String> features(RegisterReader r) { return List.of("Dual Core + LP Core", "400MHz"); }

    /** BLOCK1 word2: minor bits 0-3; major = bit 23 (high) and bits 4-5. */
    @Override public int chipRevision(RegisterReader r) throws IOException {
        int w = r.read(0x5012D04C);
        int major = ((w >>> 23) & 1) << 2 | ((w >>> 4) & 3);
        return major * 100 + (w & 0xF);
    }
}
