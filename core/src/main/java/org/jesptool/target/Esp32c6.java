package org.jesptool.target;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** ESP32-C6 facts (esptool facts sheet, sections 5.1-5.5). */
final class Esp32c6 extends Chip {
    @Override public String name() { return "esp32c6"; }
    @Override public int efuseBase() { return 0x600B0800; }
    @Override public int macEfuseReg() { return 0x600B0844; }
    @Override public int uartDateReg() { return 0x6000007C; }
    @Override public SpiRegisters spiRegisters() { return SpiRegisters.modern(0x60003000); }
    @Override public SecurityFuses securityFuses() { return SecurityFuses.s2Layout(efuseBase(), 20); }

    @Override public boolean hasEui64() { return true; }
    @Override public String bootStrapPin() { return "GPIO9 (with GPIO8 high)"; }
    @Override public List<Integer> legacyMagicValues() { return List.of(0x2CE0806F); }
    private static final int BLOCK1_WORD3 = 0x600B0850;
    private static final int BLOCK1_WORD4 = 0x600B0854;
    /** FLASH_CAP (BLOCK1 word4 bits 0-2) to embedded flash size. */
    private static final Map<Integer, String> FLASH_CAP = Map.of(1, "4MB", 2, "8MB");
    /** Package 1 parts, told apart by FLASH_CAP. */
    private static final Map<Integer, String> QFN32_BY_FLASH_CAP = Map.of(1, "ESP32-C6FH4 (QFN32)", 2, "ESP32-C6FH8 (QFN32)");

    /** PKG_VERSION in BLOCK1 word3 bits 24-26; package 1 is FH4 or FH8 by FLASH_CAP. */
    @Override public String description(RegisterReader r) throws IOException {
        int pkg = (r.read(BLOCK1_WORD3) >>> 24) & 7;
        if (pkg == 0) {
            return "ESP32-C6 (QFN40)";
        }
        String name = pkg == 1 ? QFN32_BY_FLASH_CAP.get(r.read(BLOCK1_WORD4) & 7) : null;
        return name == null ? "Unknown ESP32-C6" : name;
    }

    /** The fixed list, then the embedded flash as esptool reports it (which it does for every chip, even without). */
    @Override public List<String> features(RegisterReader r) throws IOException {
        String flash = FLASH_CAP.get(r.read(BLOCK1_WORD4) & 7);
        return List.of("Wi-Fi 6", "BT 5 (LE)", "IEEE802.15.4", "Single Core + LP Core", "160MHz",
                flash == null ? "Unknown Embedded Flash" : "Embedded Flash " + flash);
    }

    /** 80m is encoded as 0x0 like 40m (ROM MSPI divider workaround). */

    /** BLOCK1 word3: minor bits 18-21, major bits 22-23. */
    @Override public int chipRevision(RegisterReader r) throws IOException {
        int w = r.read(0x600B0850);
        return ((w >>> 22) & 3) * 100 + ((w >>> 18) & 0xF);
    }
}
