package org.jesptool.virtual;

/**
 * The chip's SPI flash controller as far as the user-command registers go (facts 5.2): writing bit 18
 * (USR) to the CMD register runs one transaction built from USR/USR1/USR2, ADDR, the MOSI/MISO bit
 * lengths and the W0.. data buffer, against the attached {@link SpiFlash}; the bit then reads back clear.
 */
final class SpiController {
    static final int CMD_USR = 1 << 18;
    static final int USR_COMMAND = 1 << 31;
    static final int USR_ADDR = 1 << 30;
    static final int USR_DUMMY = 1 << 29;
    static final int USR_MISO = 1 << 28;
    static final int USR_MOSI = 1 << 27;

    private final Chip.SpiLayout layout;
    private final SpiFlash flash;
    private final Bus bus;

    SpiController(Chip.SpiLayout layout, SpiFlash flash, Bus bus) {
        this.layout = layout;
        this.flash = flash;
        this.bus = bus;
    }

    /** Whether {@code addr} is this controller's CMD register. */
    boolean isCommandRegister(int addr) {
        return addr == layout.base();
    }

    /** Sets the registers' reset values. */
    void reset() {
        bus.store(layout.base() + layout.usr(), layout.initialUsr());
        bus.store(layout.base() + layout.usr2(), layout.initialUsr2());
    }

    /** Called after the CMD register was written; returns the time the flash stays busy. */
    long commandWritten(int value) {
        if ((value & CMD_USR) == 0) {
            return 0;
        }
        int base = layout.base();
        int usr = bus.load(base + layout.usr());
        int usr1 = bus.load(base + layout.usr1());
        int usr2 = bus.load(base + layout.usr2());
        int opcode = usr2 & 0xFF;
        boolean hasCommand = (usr & USR_COMMAND) != 0;
        long address = 0;
        if ((usr & USR_ADDR) != 0) {
            int bits = (usr1 >>> 26) + 1;
            int raw = bus.load(base + 4);
            long unsigned = raw & 0xFFFFFFFFL;
            address = layout.addressMsbAligned() ? unsigned >>> (32 - Math.min(bits, 32)) : unsigned & ((1L << Math.min(bits, 32)) - 1);
        }
        int mosiBits = 0;
        int misoBits = 0;
        if (layout.mosiDlen() < 0) { // ESP8266: lengths live in USR1
            mosiBits = ((usr1 >>> 17) & 0x1FF) + 1;
            misoBits = ((usr1 >>> 8) & 0x1FF) + 1;
        } else {
            mosiBits = (bus.load(base + layout.mosiDlen()) & 0xFFFFFF) + 1;
            misoBits = (bus.load(base + layout.misoDlen()) & 0xFFFFFF) + 1;
        }
        byte[] mosi = new byte[0];
        if ((usr & USR_MOSI) != 0) {
            mosi = new byte[Math.min((mosiBits + 7) / 8, 64)];
            for (int i = 0; i < mosi.length; i++) {
                mosi[i] = (byte) (bus.load(base + layout.w0() + (i & ~3)) >>> (8 * (i & 3)));
            }
        }
        int misoBytes = (usr & USR_MISO) != 0 ? Math.min((misoBits + 7) / 8, 64) : 0;
        long[] busy = new long[1];
        byte[] miso = hasCommand ? flash.transact(opcode, address, mosi, misoBytes, busy) : new byte[misoBytes];
        for (int w = 0; w < (misoBytes + 3) / 4; w++) {
            int v = 0;
            for (int b = 0; b < 4; b++) {
                int i = w * 4 + b;
                int byteVal = i < misoBytes ? miso[i] & 0xFF : 0;
                v |= byteVal << (8 * b);
            }
            bus.store(base + layout.w0() + 4 * w, v);
        }
        bus.store(base, value & ~CMD_USR);
        return busy[0];
    }
}
