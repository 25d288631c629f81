package org.jesptool.virtual;

import java.io.IOException;

import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;

/** The host's run_spiflash_command algorithm (facts 5.2), driven through READ_REG / WRITE_REG. */
final class SpiCommand {
    final int base;
    final int usr;
    final int usr1;
    final int usr2;
    final int mosiDlen;
    final int misoDlen;
    final int w0;
    final boolean msbAddress;

    SpiCommand(String chip) {
        switch (chip) {
            case "esp8266": base = 0x60000200; usr = 0x1C; usr1 = 0x20; usr2 = 0x24; mosiDlen = -1; misoDlen = -1; w0 = 0x40;
                msbAddress = true; break;
            case "esp32": base = 0x3FF42000; usr = 0x1C; usr1 = 0x20; usr2 = 0x24; mosiDlen = 0x28; misoDlen = 0x2C; w0 = 0x80;
                msbAddress = true; break;
            default:
                switch (chip) {
                    case "esp32s2": base = 0x3F402000; break;
                    case "esp32s3": case "esp32c2": case "esp32c3": base = 0x60002000; break;
                    case "esp32p4": base = 0x5008D000; break;
                    default: base = 0x60003000; break;
                }
                usr = 0x18; usr1 = 0x1C; usr2 = 0x20; mosiDlen = 0x24; misoDlen = 0x28; w0 = 0x58; msbAddress = false;
        }
    }

    static int readReg(Host h, int addr) throws IOException {
        byte[] r = h.command(Opcode.READ_REG, Packet.words(addr));
        return Packet.u32(r, 4);
    }

    static void writeReg(Host h, int addr, int value) throws IOException {
        byte[] r = h.command(Opcode.WRITE_REG, Packet.words(addr, value, 0xFFFFFFFF, 0));
        if (r[8] != 0) {
            throw new AssertionError("WRITE_REG failed: " + Host.hex(r));
        }
    }

    /** Runs one command; returns W0 (up to 32 bits read). */
    int run(Host h, int opcode, byte[] data, int readBits, int addr, int addrLen, int dummyLen) throws IOException {
        int oldUsr = readReg(h, base + usr);
        int oldUsr2 = readReg(h, base + usr2);
        int flags = 1 << 31;
        int mosiBits = data.length * 8;
        if (readBits > 0) {
            flags |= 1 << 28;
        }
        if (mosiBits > 0) {
            flags |= 1 << 27;
        }
        if (addrLen > 0) {
            flags |= 1 << 30;
        }
        if (dummyLen > 0) {
            flags |= 1 << 29;
        }
        if (mosiDlen < 0) {
            int u1 = ((readBits > 0 ? readBits - 1 : 0) << 8) | ((mosiBits > 0 ? mosiBits - 1 : 0) << 17);
            if (dummyLen > 0) {
                u1 |= dummyLen - 1;
            }
            if (addrLen > 0) {
                u1 |= (addrLen - 1) << 26;
            }
            writeReg(h, base + usr1, u1);
        } else {
            if (mosiBits > 0) {
                writeReg(h, base + mosiDlen, mosiBits - 1);
            }
            if (readBits > 0) {
                writeReg(h, base + misoDlen, readBits - 1);
            }
            int u1 = 0;
            if (dummyLen > 0) {
                u1 |= dummyLen - 1;
            }
            if (addrLen > 0) {
                u1 |= (addrLen - 1) << 26;
            }
            if (u1 != 0) {
                writeReg(h, base + usr1, u1);
            }
        }
        if (addrLen > 0) {
            writeReg(h, base + 4, msbAddress ? addr << (32 - addrLen) : addr);
        }
        writeReg(h, base + usr, flags);
        writeReg(h, base + usr2, (7 << 28) | opcode);
        if (data.length == 0) {
            writeReg(h, base + w0, 0);
        } else {
            byte[] padded = java.util.Arrays.copyOf(data, (data.length + 3) / 4 * 4);
            for (int i = 0; i < padded.length; i += 4) {
                writeReg(h, base + w0 + i, Packet.u32(padded, i));
            }
        }
        writeReg(h, base, 1 << 18);
        for (int i = 0; ; i++) {
            if ((readReg(h, base) & (1 << 18)) == 0) {
                break;
            }
            if (i > 10) {
                throw new AssertionError("SPI command did not complete");
            }
        }
        int result = readReg(h, base + w0);
        writeReg(h, base + usr, oldUsr);
        writeReg(h, base + usr2, oldUsr2);
        return result;
    }

    int rdid(Host h) throws IOException {
        return run(h, 0x9F, new byte[0], 24, 0, 0, 0) & 0xFFFFFF;
    }
}
