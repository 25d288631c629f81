package org.jesptool.virtual;

import java.util.Arrays;

import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;

/**
 * The serial download protocol of the chip's mask ROM: 2 or 4 status bytes, the stale 32-bit value
 * field (last READ_REG result), SYNC answered eight times, unsupported commands answered eight times
 * with the previous reply's header and status 01 05, up-front erase on FLASH_BEGIN, MD5 as hex text,
 * READ_FLASH_SLOW, and per-chip command sets and quirks.
 */
final class RomLoader implements Device.Handler {
    static final int ERR_INVALID_PARAM = 0x01;
    static final int ERR_BAD_FORMAT = 0x05;
    static final int ERR_RESULT = 0x06;
    static final int ERR_CHECKSUM = 0x07;
    static final int ERR_FLASH_READ = 0x09;
    static final int ERR_READ_LENGTH = 0x0A;
    static final int ERR_DEFLATE = 0x0B;
    static final int ERR_RAM_SIZE = 0x0E;

    private final Device device;
    private final Chip chip;
    private final DeviceConfig config;
    private final RomFlashWriter writer;
    /** READ_REG's result stays in the reply value field of later replies. */
    private int staleValue;
    private int lastOp;
    private int lastValue;
    private int residue;
    private final byte[] slowReadBuffer = new byte[64];
    private long memAddress = -1;
    private long memSize;
    private long memBlockSize;

    RomLoader(Device device) {
        this.device = device;
        this.chip = device.chip;
        this.config = device.config;
        this.residue = config.residue;
        this.writer = new RomFlashWriter(device, chip.romDefaultFlashSize);
    }

    @Override
    public void onFrame(byte[] frame) {
        if (frame.length < Packet.HEADER_LEN || frame[0] != Packet.DIR_REQUEST) {
            return; // the ROM ignores frames that are not requests
        }
        device.synced();
        int op = frame[1] & 0xFF;
        int declared = Packet.u16(frame, 2);
        int checksum = Packet.u32(frame, 4);
        byte[] data = Arrays.copyOfRange(frame, Packet.HEADER_LEN, frame.length);
        if (declared < data.length) {
            data = Arrays.copyOf(data, declared); // the ROM takes the length from the header
        }
        if (!chip.romOps.get(op) || (config.secureDownload && !allowedInSecureDownload(op))) {
            unsupported();
            return;
        }
        if (declared != data.length) {
            reply(op, staleValue, new byte[0], ERR_BAD_FORMAT);
            return;
        }
        if (op != Opcode.SYNC && op != Opcode.GET_SECURITY_INFO && !chip.romResidueSurvives) {
            residue = 0;
        }
        switch (op) {
            case Opcode.SYNC: sync(data); break;
            case Opcode.GET_SECURITY_INFO: securityInfo(data); break;
            case Opcode.READ_REG: readReg(data); break;
            case Opcode.WRITE_REG: writeReg(data); break;
            case Opcode.MEM_BEGIN: memBegin(data); break;
            case Opcode.MEM_DATA: memData(data, checksum); break;
            case Opcode.MEM_END: memEnd(data); break;
            case Opcode.SPI_SET_PARAMS: spiSetParams(data); break;
            case Opcode.SPI_ATTACH: spiAttach(data); break;
            case Opcode.READ_FLASH_SLOW: readFlashSlow(data); break;
            case Opcode.CHANGE_BAUDRATE: changeBaud(data); break;
            case Opcode.FLASH_BEGIN:
            case Opcode.FLASH_DEFL_BEGIN: flashBegin(op, data); break;
            case Opcode.FLASH_DATA:
            case Opcode.FLASH_DEFL_DATA: flashData(op, data, checksum); break;
            case Opcode.FLASH_END:
            case Opcode.FLASH_DEFL_END: flashEnd(op, data); break;
            case Opcode.SPI_FLASH_MD5: md5(data); break;
            default: unsupported(); break;
        }
    }

    private static boolean allowedInSecureDownload(int op) {
        switch (op) {
            case Opcode.FLASH_BEGIN: case Opcode.FLASH_DATA: case Opcode.FLASH_END: case Opcode.SYNC:
            case Opcode.SPI_SET_PARAMS: case Opcode.SPI_ATTACH: case Opcode.CHANGE_BAUDRATE:
            case Opcode.GET_SECURITY_INFO:
                return true;
            default:
                return false;
        }
    }

    // ------------------------------------------------------------------ replies

    /** A reply with this ROM's status bytes: status, error, then (ESP32 family) two stale bytes. */
    void reply(int op, int value, byte[] payload, int error) {
        // replies that carry data (READ_FLASH_SLOW, SPI_FLASH_MD5) have clean reserved bytes
        device.sendFrame(packet(op, value, payload, error, payload.length > 0 ? 0 : residue));
        lastOp = op;
        lastValue = value;
    }

    private byte[] packet(int op, int value, byte[] payload, int error, int stale) {
        byte[] status = new byte[chip.romStatusLength];
        status[0] = (byte) (error == 0 ? 0 : 1);
        status[1] = (byte) error;
        if (status.length == 4) {
            status[2] = (byte) (stale >> 8);
            status[3] = (byte) stale;
        }
        byte[] body = new byte[payload.length + status.length];
        System.arraycopy(payload, 0, body, 0, payload.length);
        System.arraycopy(status, 0, body, payload.length, status.length);
        return Packet.response(op, value, body);
    }

    /** The ROM's answer to a command it does not have: the previous reply header, status 01 05, eight times. */
    private void unsupported() {
        byte[] p = packet(lastOp, lastValue, new byte[0], ERR_BAD_FORMAT, residue);
        for (int i = 0; i < 8; i++) {
            device.sendFrame(p);
        }
        device.trace("   unsupported by this ROM");
    }

    /** SPI_ATTACH (pin configuration, legacy flag): the flash is always reachable. */
    private void spiAttach(byte[] data) {
        if (expectLength(Opcode.SPI_ATTACH, data, 8)) {
            reply(Opcode.SPI_ATTACH, staleValue, new byte[0], 0);
        }
    }

    // ------------------------------------------------------------------ commands

    private void sync(byte[] data) {
        if (data.length < 4 || !Arrays.equals(Arrays.copyOf(data, 4), Arrays.copyOf(Opcode.syncPayload(), 4))) {
            reply(Opcode.SYNC, staleValue, new byte[0], ERR_BAD_FORMAT);
            return;
        }
        int value = Packet.u32(data, 0);
        byte[] p = packet(Opcode.SYNC, value, new byte[0], 0, residue);
        for (int i = 0; i < 8; i++) {
            device.sendFrame(p);
        }
        lastOp = Opcode.SYNC;
        lastValue = value;
    }

    private void securityInfo(byte[] data) {
        if (data.length != 0) {
            reply(Opcode.GET_SECURITY_INFO, staleValue, new byte[0], ERR_BAD_FORMAT);
            return;
        }
        int stale = config.securityResidue >= 0 ? config.securityResidue : residue;
        device.sendFrame(packet(Opcode.GET_SECURITY_INFO, lastValue, SecurityInfoBlock.build(device), 0, stale));
        lastOp = Opcode.GET_SECURITY_INFO;
    }

    private void readReg(byte[] data) {
        if (!expectLength(Opcode.READ_REG, data, 4)) {
            return;
        }
        staleValue = device.bus.read(Packet.u32(data, 0));
        reply(Opcode.READ_REG, staleValue, new byte[0], 0);
    }

    private void writeReg(byte[] data) {
        if (data.length == 0 || data.length % 16 != 0) {
            reply(Opcode.WRITE_REG, staleValue, new byte[0], ERR_BAD_FORMAT);
            return;
        }
        for (int off = 0; off < data.length; off += 16) {
            int delayUs = Packet.u32(data, off + 12);
            device.work(delayUs * 1000L);
            device.work(device.bus.write(Packet.u32(data, off), Packet.u32(data, off + 4), Packet.u32(data, off + 8)));
        }
        reply(Opcode.WRITE_REG, staleValue, new byte[0], 0);
    }

    private void memBegin(byte[] data) {
        if (!expectLength(Opcode.MEM_BEGIN, data, 16)) {
            return;
        }
        long size = Packet.u32(data, 0) & 0xFFFFFFFFL;
        long blockSize = Packet.u32(data, 8) & 0xFFFFFFFFL;
        long addr = Packet.u32(data, 12) & 0xFFFFFFFFL;
        // The ROM does not check the address against its RAM map (the board recording shows MEM_BEGIN
        // at address 0 accepted); it only refuses ranges that wrap around the address space.
        if (addr + size > 0x1_0000_0000L) {
            reply(Opcode.MEM_BEGIN, staleValue, new byte[0], ERR_RAM_SIZE);
            return;
        }
        memAddress = addr;
        memSize = size;
        memBlockSize = blockSize;
        reply(Opcode.MEM_BEGIN, staleValue, new byte[0], 0);
    }

    private void memData(byte[] data, int checksum) {
        int error = checkDataBlock(data, checksum);
        if (error == 0 && memAddress < 0) {
            error = ERR_INVALID_PARAM;
        }
        if (error == 0) {
            long seq = Packet.u32(data, 4) & 0xFFFFFFFFL;
            long at = memAddress + seq * memBlockSize;
            int len = data.length - Packet.DATA_HEADER_LEN;
            if (at + len > memAddress + memSize + memBlockSize) {
                error = ERR_RAM_SIZE;
            } else {
                device.bus.writeBytes(at, data, Packet.DATA_HEADER_LEN, len);
            }
        }
        reply(Opcode.MEM_DATA, staleValue, new byte[0], error);
    }

    private void memEnd(byte[] data) {
        if (!expectLength(Opcode.MEM_END, data, 8)) {
            return;
        }
        int flag = Packet.u32(data, 0);
        int entry = Packet.u32(data, 4);
        reply(Opcode.MEM_END, staleValue, new byte[0], 0);
        memAddress = -1;
        if (flag == 0 && entry != 0) {
            device.trace(String.format("   jump to 0x%08x", entry));
            device.startStub();
        }
    }

    private void spiSetParams(byte[] data) {
        if (!expectLength(Opcode.SPI_SET_PARAMS, data, 24)) {
            return;
        }
        writer.setChipSize(Packet.u32(data, 4));
        reply(Opcode.SPI_SET_PARAMS, staleValue, new byte[0], 0);
    }

    private void readFlashSlow(byte[] data) {
        if (!expectLength(Opcode.READ_FLASH_SLOW, data, 8)) {
            return;
        }
        if (chip.romHookAddress != 0 && device.bus.load(chip.romHookAddress) != chip.romHookOriginal) {
            device.trace("   READ_FLASH_SLOW through a replaced ROM function pointer: starting the stub");
            device.startStub();
            return;
        }
        long offset = Packet.u32(data, 0) & 0xFFFFFFFFL;
        int len = Packet.u32(data, 4);
        int error = 0;
        if (len < 0 || len > 64) {
            error = ERR_READ_LENGTH;
        } else if (offset + len > writer.chipSize()) {
            error = ERR_FLASH_READ;
        } else {
            device.flash.read(offset, slowReadBuffer, 0, len);
            device.work(len * 1000L);
        }
        reply(Opcode.READ_FLASH_SLOW, staleValue, slowReadBuffer.clone(), error);
    }

    private void changeBaud(byte[] data) {
        if (!expectLength(Opcode.CHANGE_BAUDRATE, data, 8)) {
            return;
        }
        long requested = Packet.u32(data, 0) & 0xFFFFFFFFL;
        if (requested == 0) {
            reply(Opcode.CHANGE_BAUDRATE, staleValue, new byte[0], ERR_INVALID_PARAM);
            return;
        }
        reply(Opcode.CHANGE_BAUDRATE, staleValue, new byte[0], 0);
        int xtal = config.xtal();
        long real;
        switch (chip.baudQuirk) {
            case ESP32: real = Math.round(requested * (xtal * 1e6) / Esp32.romCrystalEstimateHz(config)); break;
            case XTAL_OVER_40: real = requested * xtal / 40; break;
            default: real = requested; break;
        }
        device.setChipBaud((int) Math.min(real, Integer.MAX_VALUE));
        device.trace("   chip now at " + real + " baud");
    }

    private void flashBegin(int op, byte[] data) {
        if (!expectLength(op, data, chip.romFlashBeginLength)) {
            return;
        }
        // the fifth word (ROMs from the ESP32-S2 on) asks for encryption; the ESP32 ROM has no such word
        boolean encrypted = data.length >= 20 && Packet.u32(data, 16) != 0;
        int error = writer.begin(op == Opcode.FLASH_DEFL_BEGIN, Packet.u32(data, 0) & 0xFFFFFFFFL,
                Packet.u32(data, 4), Packet.u32(data, 8), Packet.u32(data, 12) & 0xFFFFFFFFL,
                chip.romEraseQuirk, encrypted);
        reply(op, staleValue, new byte[0], error);
    }

    private void flashData(int op, byte[] data, int checksum) {
        int error = checkDataBlock(data, checksum);
        if (error == 0) {
            error = writer.data(op == Opcode.FLASH_DEFL_DATA, Packet.u32(data, 4), data, Packet.DATA_HEADER_LEN,
                    data.length - Packet.DATA_HEADER_LEN);
        }
        reply(op, staleValue, new byte[0], error);
    }

    private void flashEnd(int op, byte[] data) {
        if (!expectLength(op, data, 4)) {
            return;
        }
        writer.end();
        reply(op, staleValue, new byte[0], 0);
        if (Packet.u32(data, 0) == 0) {
            device.softReset();
        } else {
            device.runApplication();
        }
    }

    private void md5(byte[] data) {
        if (!expectLength(Opcode.SPI_FLASH_MD5, data, 16)) {
            return;
        }
        long addr = Packet.u32(data, 0) & 0xFFFFFFFFL;
        long size = Packet.u32(data, 4) & 0xFFFFFFFFL;
        if (addr + size > writer.chipSize()) {
            reply(Opcode.SPI_FLASH_MD5, staleValue, new byte[0], ERR_FLASH_READ);
            return;
        }
        byte[] digest = FlashDigest.md5(device.flash, addr, size);
        device.work(FlashDigest.nanos(size));
        StringBuilder hex = new StringBuilder(32);
        for (byte b : digest) {
            hex.append(String.format("%02x", b & 0xFF));
        }
        reply(Opcode.SPI_FLASH_MD5, staleValue, hex.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0);
    }

    // ------------------------------------------------------------------ helpers

    private boolean expectLength(int op, byte[] data, int len) {
        if (data.length != len) {
            reply(op, staleValue, new byte[0], ERR_BAD_FORMAT);
            return false;
        }
        return true;
    }

    /** Checks a *_DATA payload: header present, size field equals the block length, checksum matches. */
    private static int checkDataBlock(byte[] data, int checksum) {
        if (data.length < Packet.DATA_HEADER_LEN) {
            return ERR_BAD_FORMAT;
        }
        int len = data.length - Packet.DATA_HEADER_LEN;
        if (Packet.u32(data, 0) != len) {
            return ERR_BAD_FORMAT;
        }
        if (Packet.checksum(data, Packet.DATA_HEADER_LEN, len) != (checksum & 0xFF)) {
            return ERR_CHECKSUM;
        }
        return 0;
    }
}
