package org.jesptool.target;

/**
 * The SPI flash controller's user-command registers of one chip (facts 5.2), as absolute addresses.
 *
 * @param base controller base; CMD is at {@code base}, ADDR at {@code base + 4}
 * @param usr USR register
 * @param usr1 USR1 register
 * @param usr2 USR2 register
 * @param mosiDlen MOSI_DLEN register, or -1 when lengths live in USR1 (ESP8266)
 * @param misoDlen MISO_DLEN register, or -1 when lengths live in USR1 (ESP8266)
 * @param w0 first data word register
 * @param addressMsbAligned whether the address is written left-aligned (ESP8266, ESP32)
 */
public record SpiRegisters(int base, int usr, int usr1, int usr2, int mosiDlen, int misoDlen, int w0,
        boolean addressMsbAligned) {

    /** The ESP32-S2 style layout (USR at +0x18 ... W0 at +0x58), used by every chip after ESP32. */
    public static SpiRegisters modern(int base) {
        return new SpiRegisters(base, base + 0x18, base + 0x1C, base + 0x20, base + 0x24, base + 0x28, base + 0x58, false);
    }

    public int cmd() {
        return base;
    }

    public int addr() {
        return base + 4;
    }
}
