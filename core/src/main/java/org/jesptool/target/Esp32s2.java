package org.jesptool.target;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** ESP32-S2 facts (esptool facts sheet, sections 5.1-5.5). */
public final class Esp32s2 extends Chip {
    @Override public String name() { return "esp32s2"; }
    @Override public String displayName() { return "ESP32-S2"; }
    @Override public int imageChipId() { return 2; }
    @Override public int bootloaderFlashOffset() { return 0x1000; }
    @Override public int efuseBase() { return 0x3F41A000; }
    @Override public int macEfuseReg() { return 0x3F41A044; }
    @Override public int uartDateReg() { return 0x60000078; }
    @Override public SpiRegisters spiRegisters() { return SpiRegisters.modern(0x3F402000); }
    @Override public int uf2FamilyId() { return 0xBFDD4EEE; }

    @Override public int magicValue() { return 0x000007C6; }
    @Override public int uartClkDivReg() { return 0x3F400014; }
    @Override public int usbOtgPid() { return 0x0002; }
    @Override public boolean hasUsbSerialJtag() { return false; }
    @Override public Watchdog watchdog() { return new Watchdog(0x3F408094, 0x3F408098, 0x3F4080AC); }
    @Override public List<String> features() { return List.of("Wi-Fi", "Single Core", "240MHz"); }

    /** Major: BLOCK1 word3 bits 18-19; minor: word3 bit 20 (high) and word4 bits 4-6. */
    @Override public int chipRevision(RegisterReader r) throws IOException {
        int major = BitField.combine(r, new BitField(0x3F41A050, 18, 2, 0));
        int minor = BitField.combine(r, new BitField(0x3F41A050, 20, 1, 3), new BitField(0x3F41A054, 4, 3, 0));
        return major * 100 + minor;
    }
}
