package org.jesptool.target;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** ESP32-S3 facts (esptool facts sheet, sections 5.1-5.5). */
public final class Esp32s3 extends Chip {
    @Override public String name() { return "esp32s3"; }
    @Override public String displayName() { return "ESP32-S3"; }
    @Override public int imageChipId() { return 9; }
    @Override public int bootloaderFlashOffset() { return 0x0; }
    @Override public int efuseBase() { return 0x60007000; }
    @Override public int macEfuseReg() { return 0x60007044; }
    @Override public int uartDateReg() { return 0x60000080; }
    @Override public SpiRegisters spiRegisters() { return SpiRegisters.modern(0x60002000); }
    @Override public int uf2FamilyId() { return 0xC47E5767; }

    @Override public int usbOtgPid() { return 0x0009; }
    @Override public int secureBootStubHook() { return 0x3FCEF688; }
    @Override public boolean stubSupportsFlashAbove16MiB() { return true; }
    @Override public Watchdog watchdog() { return new Watchdog(0x60008098, 0x6000809C, 0x600080B0); }
    @Override public List<Integer> legacyMagicValues() { return List.of(0x00000009); }
    @Override public List<String> features() { return List.of("Wi-Fi", "BT 5 (LE)", "Dual Core + LP Core", "240MHz"); }

    /** Minor: BLOCK1 word5 bit 23 (high) and word3 bits 18-20; major: word5 bits 24-25. */
    @Override public int chipRevision(RegisterReader r) throws IOException {
        int minor = BitField.combine(r, new BitField(0x60007050, 18, 3, 0), new BitField(0x60007058, 23, 1, 3));
        int major = BitField.combine(r, new BitField(0x60007058, 24, 2, 0));
        return major * 100 + minor;
    }
}
