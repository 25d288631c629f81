package org.jesptool.loader;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.jesptool.target.SpiRegisters;

/**
 * SPI flash commands run through the chip's SPI user-command registers with READ_REG/WRITE_REG (facts 5.2):
 * JEDEC id, status registers, SFDP. Works with the ROM and the stub alike.
 */
public final class SpiFlash {
    static final int RDID = 0x9F;
    static final int RDSR = 0x05;
    static final int RDSR2 = 0x35;
    static final int RDSR3 = 0x15;
    static final int WRSR = 0x01;
    static final int WRSR2 = 0x31;
    static final int WRSR3 = 0x11;
    static final int WEVSR = 0x50;
    static final int WREN = 0x06;
    static final int WRDI = 0x04;
    static final int SFDP = 0x5A;

    private static final int USR_COMMAND = 1 << 31;
    private static final int USR_ADDR = 1 << 30;
    private static final int USR_DUMMY = 1 << 29;
    private static final int USR_MISO = 1 << 28;
    private static final int USR_MOSI = 1 << 27;
    private static final int CMD_USR = 1 << 18;

    private final Loader loader;

    SpiFlash(Loader loader) {
        this.loader = loader;
    }

    /**
     * Runs one SPI flash command and returns up to 32 bits read back.
     *
     * @param command the flash opcode
     * @param data bytes to send after the command (at most 64)
     * @param readBits bits to read back (0..32)
     * @param address address to send, if {@code addressBits > 0}
     * @param addressBits address length in bits (0 = none)
     * @param dummyBits dummy cycles between address and data (0 = none)
     */
    public int run(int command, byte[] data, int readBits, int address, int addressBits, int dummyBits)
            throws IOException {
        if (readBits > 32) {
            throw new IllegalArgumentException("Reading more than 32 bits is not supported");
        }
        if (data.length > 64) {
            throw new IllegalArgumentException("Writing more than 64 bytes is not supported");
        }
        SpiRegisters r = loader.chip().spiRegisters();
        int oldUsr = loader.readReg(r.usr());
        int oldUsr2 = loader.readReg(r.usr2());
        int flags = USR_COMMAND;
        if (readBits > 0) {
            flags |= USR_MISO;
        }
        if (data.length > 0) {
            flags |= USR_MOSI;
        }
        if (addressBits > 0) {
            flags |= USR_ADDR;
        }
        if (dummyBits > 0) {
            flags |= USR_DUMMY;
        }
        int mosiBits = data.length * 8;
        if (r.mosiDlen() >= 0) {
            if (mosiBits > 0) {
                loader.writeReg(r.mosiDlen(), mosiBits - 1);
            }
            if (readBits > 0) {
                loader.writeReg(r.misoDlen(), readBits - 1);
            }
            int usr1 = 0;
            if (dummyBits > 0) {
                usr1 |= dummyBits - 1;
            }
            if (addressBits > 0) {
                usr1 |= (addressBits - 1) << 26;
            }
            if (usr1 != 0) {
                loader.writeReg(r.usr1(), usr1);
            }
        } else {
            int usr1 = (readBits == 0 ? 0 : readBits - 1) << 8 | (mosiBits == 0 ? 0 : mosiBits - 1) << 17;
            if (dummyBits > 0) {
                usr1 |= dummyBits - 1;
            }
            if (addressBits > 0) {
                usr1 |= (addressBits - 1) << 26;
            }
            loader.writeReg(r.usr1(), usr1);
        }
        loader.writeReg(r.usr(), flags);
        loader.writeReg(r.usr2(), (7 << 28) | command);
        if (addressBits > 0) {
            loader.writeReg(r.addr(), r.addressMsbAligned() ? address << (32 - addressBits) : address);
        }
        if (data.length == 0) {
            loader.writeReg(r.w0(), 0);
        } else {
            byte[] padded = new byte[(data.length + 3) / 4 * 4];
            System.arraycopy(data, 0, padded, 0, data.length);
            for (int i = 0; i < padded.length; i += 4) {
                loader.writeReg(r.w0() + i, org.jesptool.protocol.Packet.u32(padded, i));
            }
        }
        loader.writeReg(r.cmd(), CMD_USR);
        boolean done = false;
        for (int i = 0; i < 10 && !done; i++) {
            done = (loader.readReg(r.cmd()) & CMD_USR) == 0;
        }
        if (!done) {
            throw new IOException("SPI command did not complete in time");
        }
        int result = loader.readReg(r.w0());
        loader.writeReg(r.usr(), oldUsr);
        loader.writeReg(r.usr2(), oldUsr2);
        return readBits == 32 ? result : result & ((1 << readBits) - 1);
    }

    /** The JEDEC id: manufacturer in bits 0..7, memory type 8..15, capacity 16..23. */
    public int jedecId() throws IOException {
        return run(RDID, new byte[0], 24, 0, 0, 0);
    }

    /** Reads 1 to 3 status register bytes (RDSR, RDSR2, RDSR3), low byte first. */
    public int readStatus(int bytes) throws IOException {
        int[] cmds = {RDSR, RDSR2, RDSR3};
        int status = 0;
        for (int i = 0; i < bytes; i++) {
            status |= run(cmds[i], new byte[0], 8, 0, 0, 0) << (8 * i);
        }
        return status;
    }

    /**
     * Writes 1 to 3 status register bytes. Volatile (WEVSR before each write) unless {@code nonVolatile}
     * (WREN). With 2 bytes the 16-bit WRSR form is sent first too, as some flash chips need it.
     */
    public void writeStatus(int value, int bytes, boolean nonVolatile) throws IOException {
        int enable = nonVolatile ? WREN : WEVSR;
        if (bytes == 2) {
            run(enable, new byte[0], 0, 0, 0, 0);
            run(WRSR, new byte[] {(byte) value, (byte) (value >> 8)}, 0, 0, 0, 0);
        }
        int[] cmds = {WRSR, WRSR2, WRSR3};
        int v = value;
        for (int i = 0; i < bytes; i++) {
            run(enable, new byte[0], 0, 0, 0, 0);
            run(cmds[i], new byte[] {(byte) v}, 0, 0, 0, 0);
            v >>>= 8;
        }
        run(WRDI, new byte[0], 0, 0, 0, 0);
    }

    /** Reads {@code bytes} (1..4) of the SFDP table at {@code address}. */
    public int readSfdp(int address, int bytes) throws IOException {
        return run(SFDP, new byte[0], bytes * 8, address, 24, 8);
    }

    private static final Map<Integer, Integer> CAPACITY = new TreeMap<>();

    static {
        int[][] t = {{0x12, 256 << 10}, {0x13, 512 << 10}, {0x14, 1 << 20}, {0x15, 2 << 20}, {0x16, 4 << 20},
            {0x17, 8 << 20}, {0x18, 16 << 20}, {0x19, 32 << 20}, {0x1A, 64 << 20}, {0x1B, 128 << 20},
            {0x1C, 256 << 20}, {0x20, 64 << 20}, {0x21, 128 << 20}, {0x22, 256 << 20}, {0x32, 256 << 10},
            {0x33, 512 << 10}, {0x34, 1 << 20}, {0x35, 2 << 20}, {0x36, 4 << 20}, {0x37, 8 << 20},
            {0x38, 16 << 20}, {0x39, 32 << 20}, {0x3A, 64 << 20}};
        for (int[] e : t) {
            CAPACITY.put(e[0], e[1]);
        }
    }

    /** Flash size in bytes from a JEDEC id, or -1 when the capacity code is unknown. */
    public static int sizeFromJedecId(int jedecId) {
        int manufacturer = jedecId & 0xFF;
        if (manufacturer == 0x1F) {
            int code = (jedecId >> 8) & 0x1F;
            return code >= 4 && code <= 9 ? (512 << 10) << (code - 4) : -1;
        }
        return CAPACITY.getOrDefault((jedecId >> 16) & 0xFF, -1);
    }

    /** A size as esptool names it: {@code 4MB}, {@code 512KB}. */
    public static String sizeName(int bytes) {
        if (bytes < 0) {
            return "unknown";
        }
        return bytes >= (1 << 20) ? (bytes >> 20) + "MB" : (bytes >> 10) + "KB";
    }
}
