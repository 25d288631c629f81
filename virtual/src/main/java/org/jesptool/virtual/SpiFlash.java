package org.jesptool.virtual;

/**
 * The SPI NOR flash chip's command set, as seen through the SPI controller's user-command registers:
 * identification (RDID, SFDP, RES), status registers (RDSR/RDSR2/RDSR3, WRSR/WRSR2/WRSR3, volatile and
 * non-volatile), write enable latch, reads, page program, erases, reset and deep power-down.
 */
final class SpiFlash {
    static final int WIP = 1;
    static final int WEL = 1 << 1;

    private final NorFlash array;
    private final byte[] jedec;
    /** Non-volatile status registers SR1..SR3 (24 bits, SR1 in the low byte). */
    private int nonVolatileStatus;
    /** Current status (volatile copy); WEL lives only here. */
    private int status;
    private boolean volatileWriteEnabled;
    private boolean poweredDown;
    private boolean resetEnabled;
    private final byte[] sfdp;

    SpiFlash(NorFlash array, byte[] jedec, boolean hasSfdp) {
        this.array = array;
        this.jedec = jedec.clone();
        this.nonVolatileStatus = 0;
        this.status = 0;
        this.sfdp = hasSfdp ? buildSfdp(array.size(), jedec[0]) : null;
    }

    NorFlash array() {
        return array;
    }

    byte[] jedec() {
        return jedec.clone();
    }

    /** Current value of status registers 1..3 as one 24-bit word. */
    int status() {
        return status;
    }

    /** Power-cycle: volatile status bits revert to the non-volatile ones. */
    void powerCycle() {
        status = nonVolatileStatus;
        volatileWriteEnabled = false;
        poweredDown = false;
        resetEnabled = false;
    }

    /**
     * Runs one command transaction.
     *
     * @param mosi bytes clocked out after command and address (may be empty)
     * @param misoLength bytes to clock in
     * @return the bytes read (0xFF where the chip drives nothing)
     * @param busy receives the time the chip stays busy, in nanoseconds (index 0)
     */
    byte[] transact(int opcode, long address, byte[] mosi, int misoLength, long[] busy) {
        byte[] miso = new byte[misoLength];
        java.util.Arrays.fill(miso, (byte) 0xFF);
        if (poweredDown && opcode != 0xAB) {
            return miso;
        }
        if (opcode != 0x99) {
            resetEnabled = opcode == 0x66;
        }
        switch (opcode) {
            case 0x9F: // RDID
                for (int i = 0; i < misoLength; i++) {
                    miso[i] = jedec[i % 3];
                }
                break;
            case 0x90: // REMS: manufacturer, device id
                for (int i = 0; i < misoLength; i++) {
                    miso[i] = i % 2 == 0 ? jedec[0] : (byte) ((jedec[2] & 0xFF) - 1);
                }
                break;
            case 0xAB: // release power-down / device id
                poweredDown = false;
                for (int i = 0; i < misoLength; i++) {
                    miso[i] = (byte) ((jedec[2] & 0xFF) - 1);
                }
                break;
            case 0xB9:
                poweredDown = true;
                break;
            case 0x05:
                fillRepeated(miso, status & 0xFF);
                break;
            case 0x35:
                fillRepeated(miso, status >> 8 & 0xFF);
                break;
            case 0x15:
                fillRepeated(miso, status >> 16 & 0xFF);
                break;
            case 0x06:
                status |= WEL;
                break;
            case 0x04:
                status &= ~WEL;
                volatileWriteEnabled = false;
                break;
            case 0x50:
                volatileWriteEnabled = true;
                break;
            case 0x01: // WRSR: SR1 [, SR2]
                if (mosi.length >= 1) {
                    int v = mosi[0] & 0xFF;
                    int mask = 0xFF;
                    if (mosi.length >= 2) {
                        v |= (mosi[1] & 0xFF) << 8;
                        mask = 0xFFFF;
                    }
                    writeStatus(v, mask);
                }
                break;
            case 0x31:
                if (mosi.length >= 1) {
                    writeStatus((mosi[0] & 0xFF) << 8, 0xFF00);
                }
                break;
            case 0x11:
                if (mosi.length >= 1) {
                    writeStatus((mosi[0] & 0xFF) << 16, 0xFF0000);
                }
                break;
            case 0x5A: // SFDP
                if (sfdp == null) {
                    java.util.Arrays.fill(miso, (byte) 0);
                    break;
                }
                for (int i = 0; i < misoLength; i++) {
                    long a = address + i;
                    miso[i] = a < sfdp.length ? sfdp[(int) a] : (byte) 0xFF;
                }
                break;
            case 0x03:
            case 0x0B:
                array.read(address, miso, 0, misoLength);
                break;
            case 0x02:
                if ((status & WEL) != 0) {
                    long page = address & ~(long) (NorFlash.PAGE - 1);
                    int n = Math.min(mosi.length, NorFlash.PAGE);
                    for (int i = 0; i < n; i++) {
                        array.program(page + ((address + i) & (NorFlash.PAGE - 1)), mosi, i, 1);
                    }
                    busy[0] += NorFlash.PAGE_PROGRAM_NANOS;
                    status &= ~WEL;
                }
                break;
            case 0x20:
                if (takeWel()) {
                    busy[0] += array.eraseSector(address);
                }
                break;
            case 0x52:
                if (takeWel()) {
                    busy[0] += array.eraseBlock32(address);
                }
                break;
            case 0xD8:
                if (takeWel()) {
                    busy[0] += array.eraseBlock64(address);
                }
                break;
            case 0x60:
            case 0xC7:
                if (takeWel()) {
                    busy[0] += array.eraseChip();
                }
                break;
            case 0x66:
                break;
            case 0x99:
                if (resetEnabled) {
                    powerCycle();
                }
                break;
            default:
                break; // commands the part does not know are ignored
        }
        return miso;
    }

    /**
     * What the flasher stub's SPIUnlock does: clear every status bit except Quad Enable (SR2 bit 1),
     * with a non-volatile write.
     */
    void unlock() {
        int keep = status & 0x200;
        nonVolatileStatus = (nonVolatileStatus & ~0xFFFF) | keep;
        status = (status & ~0xFFFF) | keep;
    }

    private boolean takeWel() {
        if ((status & WEL) == 0) {
            return false;
        }
        status &= ~WEL;
        return true;
    }

    private void writeStatus(int value, int mask) {
        int writable = mask & ~(WIP | WEL);
        if (volatileWriteEnabled) {
            status = (status & ~writable) | (value & writable);
            volatileWriteEnabled = false;
        } else if ((status & WEL) != 0) {
            nonVolatileStatus = (nonVolatileStatus & ~writable) | (value & writable);
            status = (status & ~writable) | (value & writable);
            status &= ~WEL;
        }
    }

    private static void fillRepeated(byte[] b, int v) {
        java.util.Arrays.fill(b, (byte) v);
    }

    /**
     * A JESD216 table: header, the basic flash parameter table's header, a vendor table header whose
     * id is the manufacturer id (byte 0x10, which esptool's XMC check reads), and the basic table.
     */
    private static byte[] buildSfdp(int size, byte manufacturer) {
        byte[] t = new byte[0x80];
        java.util.Arrays.fill(t, (byte) 0xFF);
        put(t, 0x00, 0x50444653); // "SFDP"
        t[4] = 0x06; // minor revision
        t[5] = 0x01; // major revision
        t[6] = 0x01; // number of parameter headers - 1
        t[7] = (byte) 0xFF;
        t[8] = 0x00; // basic flash parameter table: id, minor, major, length in dwords, pointer
        t[9] = 0x06;
        t[10] = 0x01;
        t[11] = 16;
        t[12] = 0x30;
        t[13] = 0x00;
        t[14] = 0x00;
        t[15] = (byte) 0xFF;
        t[0x10] = manufacturer; // vendor table
        t[0x11] = 0x00;
        t[0x12] = 0x01;
        t[0x13] = 0x03;
        t[0x14] = 0x70;
        t[0x15] = 0x00;
        t[0x16] = 0x00;
        t[0x17] = (byte) 0xFF;
        put(t, 0x30, 0xFFF120E5); // 4 KiB erase 0x20, 3-byte addressing
        put(t, 0x34, (int) (size * 8L - 1)); // density in bits - 1
        put(t, 0x38, 0x6B08EB44);
        put(t, 0x3C, 0xBB423B08);
        put(t, 0x40, 0xFFFFFFFE);
        put(t, 0x44, 0xFF00FFFF);
        put(t, 0x48, 0xEB40FFFF);
        put(t, 0x4C, 0x520F200C);
        put(t, 0x50, 0x0000D810);
        return t;
    }

    private static void put(byte[] t, int off, int v) {
        t[off] = (byte) v;
        t[off + 1] = (byte) (v >> 8);
        t[off + 2] = (byte) (v >> 16);
        t[off + 3] = (byte) (v >> 24);
    }
}
