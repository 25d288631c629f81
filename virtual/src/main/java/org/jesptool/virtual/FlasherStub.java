package org.jesptool.virtual;

import java.security.MessageDigest;
import java.util.Arrays;

import org.jesptool.protocol.LoaderError;
import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.jesptool.protocol.StubMarker;

/**
 * The flasher stub's protocol, as the esptool flasher stub implements it: 2 status bytes (error code,
 * 0), value 0 except READ_REG, DATA commands acknowledged before they are written, lazy erase,
 * ERASE_FLASH / ERASE_REGION, READ_FLASH streaming with cumulative acks and a trailing MD5 frame,
 * SPI_FLASH_MD5 as 16 raw bytes, CHANGE_BAUDRATE taking effect after the reply, SYNC answered eight
 * times with value 0. Commands whose checks are chained in the stub report a failure as status 1.
 *
 * <p>A program carrying JEsptool's stub marker is modelled as that stub ({@code own}): its write path is
 * {@link OwnStubFlashWriter}, READ_FLASH keeps up to 16 packets in flight when asked for 2..16 (else one),
 * SPI_FLASH_MD5 of the range just written answers from the read-back hash, and failures carry the stub's error
 * codes (0xC0 bad length, 0xC3 unknown command, 0xC4 SPI failure) rather than the chained status 1.
 */
final class FlasherStub implements Device.Handler {
    /** Largest FLASH_DATA block the stub's receive buffer takes. */
    static final int MAX_WRITE_BLOCK = 0x4000;
    static final int CHAINED_FAILURE = 1;

    private final Device device;
    private final Chip chip;
    private final StubWriter writer;
    /** JEsptool's own stub (recognised by its marker), not a generic esptool-compatible one. */
    private final boolean own;
    private long memAddress = -1;
    private long memRemaining;
    private Streaming streaming;
    /**
     * esptool's stub receives frames into two buffers in turn and reads a command's data by the size field
     * alone: a frame shorter than its size field runs with the bytes left in that buffer by the frame before
     * the last (flasher_stub/stub_flasher.c, cmd_loop).
     */
    private final byte[][] rx = {new byte[MAX_WRITE_BLOCK + 64], new byte[MAX_WRITE_BLOCK + 64]};
    private int rxTurn;

    FlasherStub(Device device, boolean own) {
        this.device = device;
        this.chip = device.chip;
        this.own = own;
        long defaultSize = Math.max(16L << 20, device.flash.size());
        this.writer = own ? new OwnStubFlashWriter(device, defaultSize) : new StubFlashWriter(device, defaultSize);
    }

    /** A failure of a command whose checks the stub chains: status 1 (esptool's stub) or "bad length" (ours). */
    private int chained() {
        return own ? LoaderError.STUB_BAD_DATA_LEN : CHAINED_FAILURE;
    }

    @Override
    public void onFrame(byte[] frame) {
        if (streaming != null) {
            streaming.onAck(frame);
            return;
        }
        if (frame.length < Packet.HEADER_LEN) {
            return;
        }
        int op = frame[1] & 0xFF;
        int dataLen = Packet.u16(frame, 2);
        int checksum = Packet.u32(frame, 4);
        if (own && frame.length - Packet.HEADER_LEN != dataLen) {
            // ours checks the size field against the frame (a byte lost on the line must not shift a WRITE_REG's
            // value into another command) and answers "bad length" without running anything
            send(op, 0, 2, new byte[0], LoaderError.STUB_BAD_DATA_LEN, 0);
            return;
        }
        byte[] data;
        if (own) {
            data = Arrays.copyOfRange(frame, Packet.HEADER_LEN, Packet.HEADER_LEN + Math.max(dataLen, 0));
        } else {
            byte[] buf = rx[rxTurn];
            rxTurn ^= 1;
            System.arraycopy(frame, 0, buf, 0, Math.min(frame.length, buf.length));
            int kept = Math.min(Math.max(dataLen, 0), buf.length - Packet.HEADER_LEN);
            // past the buffer (a size field no frame fills): zeros; the stub refuses such lengths anyway
            data = Arrays.copyOf(Arrays.copyOfRange(buf, Packet.HEADER_LEN, Packet.HEADER_LEN + kept),
                    Math.max(dataLen, 0));
        }
        handle(op, dataLen, checksum, data);
    }

    private int word(byte[] data, int i) {
        return data.length >= 4 * i + 4 ? Packet.u32(data, 4 * i) : 0;
    }

    private int chain(int first, int second) {
        if (own) {
            return first != 0 ? first : second;
        }
        return first != 0 || second != 0 ? CHAINED_FAILURE : 0;
    }

    private static int len(int dataLen, int expected) {
        return dataLen == expected ? 0 : LoaderError.STUB_BAD_DATA_LEN;
    }

    private void handle(int op, int dataLen, int checksum, byte[] data) {
        int value = 0;
        int lenField = 2;
        byte[] payload = new byte[0];
        if (op == Opcode.READ_REG && dataLen == 4) {
            value = device.bus.read(word(data, 0));
        }
        if (dataLen > MAX_WRITE_BLOCK + 16) {
            send(op, value, lenField, payload, LoaderError.STUB_BAD_DATA_LEN, 0xEE);
            return;
        }
        if (own && op != Opcode.SYNC && writer.lastError() != 0) {
            // ours: a failure found after a block was acknowledged answers the next command, which is not run
            send(op, value, lenField, payload, writer.takeError(), 0);
            return;
        }
        int error = own ? LoaderError.STUB_INVALID_COMMAND : LoaderError.STUB_CMD_NOT_IMPLEMENTED;
        int status = 0;
        Runnable after = null;
        switch (op) {
            case Opcode.SYNC:
                error = len(dataLen, 36);
                if (error == 0) {
                    byte[] p = packet(op, 0, 2, payload, 0, 0);
                    for (int i = 0; i < 7; i++) {
                        device.sendFrame(p);
                    }
                }
                break;
            case Opcode.GET_SECURITY_INFO:
                if (chip.securityInfoLength > 0) {
                    lenField = chip.securityInfoLength;
                    error = len(dataLen, 0);
                    if (error == 0) {
                        payload = SecurityInfoBlock.build(device);
                    } else {
                        error = chained();
                    }
                }
                break;
            case Opcode.ERASE_FLASH:
                error = len(dataLen, 0);
                if (error == 0) {
                    writer.flashChanged();
                    device.flashWork(device.flash.eraseChip());
                } else {
                    error = chained();
                }
                break;
            case Opcode.ERASE_REGION:
                error = chain(len(dataLen, 8), dataLen == 8 ? eraseRegion(word(data, 0) & 0xFFFFFFFFL, word(data, 1) & 0xFFFFFFFFL) : 0);
                break;
            case Opcode.CHANGE_BAUDRATE: {
                error = len(dataLen, 8);
                int newBaud = word(data, 0);
                after = () -> device.setChipBaud(newBaud);
                break;
            }
            case Opcode.READ_FLASH: {
                error = len(dataLen, 16);
                long offset = word(data, 0) & 0xFFFFFFFFL;
                long length = word(data, 1) & 0xFFFFFFFFL;
                long block = word(data, 2) & 0xFFFFFFFFL;
                long inFlight = word(data, 3) & 0xFFFFFFFFL;
                if (own && error == 0 && offset + length > writer.chipSize()) {
                    error = LoaderError.STUB_FAILED_SPI_OP;
                }
                after = () -> startReadFlash(offset, length, block, inFlight);
                break;
            }
            case Opcode.SPI_FLASH_MD5:
                lenField = 16 + 2;
                error = len(dataLen, 16);
                if (error == 0) {
                    long addr = word(data, 0) & 0xFFFFFFFFL;
                    long size = word(data, 1) & 0xFFFFFFFFL;
                    byte[] known = writer.writtenRangeMd5(addr, size);
                    if (known != null) {
                        payload = known; // the running hash of what was read back after programming
                    } else if (addr + size > writer.chipSize()) {
                        error = own ? LoaderError.STUB_FAILED_SPI_OP : chained();
                    } else {
                        device.awaitFlash(); // reading waits for an erase-ahead still running
                        payload = FlashDigest.md5(device.flash, addr, size);
                        device.work(FlashDigest.nanos(size));
                    }
                } else {
                    error = chained();
                }
                break;
            case Opcode.FLASH_BEGIN:
            case Opcode.FLASH_DEFL_BEGIN:
                if (dataLen == 16 && (word(data, 2) & 0xFFFFFFFFL) > MAX_WRITE_BLOCK) {
                    error = LoaderError.STUB_BAD_BLOCKSIZE;
                } else if (own && dataLen == 20 && word(data, 4) != 0) {
                    error = LoaderError.STUB_INVALID_COMMAND; // ours writes nothing encrypted (nor plaintext instead)
                } else if (own && (dataLen == 16 || dataLen == 20)
                        && (word(data, 3) & 0xFFFFFFFFL) + (word(data, 0) & 0xFFFFFFFFL) > writer.chipSize()) {
                    error = LoaderError.STUB_FAILED_SPI_OP; // ours checks the range before erasing anything
                } else if (dataLen == 16 || dataLen == 20 && !device.config.oldStub) {
                    writer.begin(word(data, 0) & 0xFFFFFFFFL, word(data, 3) & 0xFFFFFFFFL, op == Opcode.FLASH_DEFL_BEGIN,
                            dataLen == 20 && word(data, 4) != 0);
                    error = 0;
                } else {
                    error = chained();
                }
                break;
            case Opcode.FLASH_DATA:
            case Opcode.FLASH_DEFL_DATA:
            case Opcode.FLASH_ENCRYPT_DATA:
                if (op == Opcode.FLASH_ENCRYPT_DATA && (!chip.flashEncryption || own)) {
                    break; // ESP8266 has no flash encryption; ours has no FLASH_ENCRYPT_DATA
                }
                if (writer.inFlashMode()) {
                    error = writer.lastError();
                    int payloadLen = dataLen - 16;
                    if (word(data, 0) != payloadLen) {
                        error = LoaderError.STUB_BAD_DATA_LEN;
                    }
                    if (payloadLen < 0 || Packet.checksum(data, 16, Math.max(payloadLen, 0)) != checksum) {
                        error = LoaderError.STUB_BAD_DATA_CHECKSUM;
                    }
                    if (payloadLen > 0) {
                        byte[] block = Arrays.copyOfRange(data, 16, dataLen);
                        boolean encrypt = op == Opcode.FLASH_ENCRYPT_DATA;
                        after = op == Opcode.FLASH_DEFL_DATA ? () -> writer.deflatedData(block, 0, block.length)
                                : () -> writer.data(block, 0, block.length, encrypt);
                    }
                } else {
                    error = LoaderError.STUB_NOT_IN_FLASH_MODE;
                }
                break;
            case Opcode.FLASH_END:
            case Opcode.FLASH_DEFL_END: {
                error = writer.end();
                boolean reboot = word(data, 0) == 0 && !own; // ours accepts the flag and stays
                if (reboot) {
                    after = device::softReset;
                }
                break;
            }
            case Opcode.SPI_SET_PARAMS:
                error = len(dataLen, 24) == 0 ? 0 : chained();
                if (error == 0) {
                    writer.setChipSize(word(data, 1) & 0xFFFFFFFFL);
                }
                break;
            case Opcode.SPI_ATTACH:
                error = len(dataLen, 4) == 0 ? 0 : chained();
                break;
            case Opcode.WRITE_REG:
                if (dataLen % 16 != 0) {
                    error = LoaderError.STUB_BAD_DATA_LEN;
                } else {
                    error = 0;
                    for (int off = 0; off < dataLen; off += 16) {
                        device.work(Packet.u32(data, off + 12) * 1000L);
                        device.work(device.bus.write(Packet.u32(data, off), Packet.u32(data, off + 4), Packet.u32(data, off + 8)));
                    }
                }
                break;
            case Opcode.READ_REG:
                error = len(dataLen, 4);
                break;
            case Opcode.MEM_BEGIN:
                error = len(dataLen, 16) == 0 ? 0 : chained();
                if (error == 0) {
                    memAddress = word(data, 3) & 0xFFFFFFFFL;
                    memRemaining = word(data, 0) & 0xFFFFFFFFL;
                }
                break;
            case Opcode.MEM_DATA: {
                int n = dataLen - 16;
                if (memAddress < 0 && n > 0) {
                    error = LoaderError.STUB_NOT_IN_FLASH_MODE;
                } else if (n > memRemaining) {
                    error = LoaderError.STUB_TOO_MUCH_DATA;
                } else if (n % 4 != 0) {
                    error = LoaderError.STUB_BAD_DATA_LEN;
                } else {
                    error = 0;
                    if (n > 0) {
                        device.bus.writeBytes(memAddress, data, 16, n);
                        memAddress += n;
                        memRemaining -= n;
                    }
                }
                break;
            }
            case Opcode.MEM_END: {
                if (dataLen != 8) {
                    error = chained();
                } else {
                    error = memRemaining > 0 ? chained() : 0;
                    memRemaining = 0;
                    memAddress = -1;
                    int entry = word(data, 1);
                    if (entry != 0) {
                        after = device::startStub;
                    }
                }
                break;
            }
            case Opcode.RUN_USER_CODE:
                device.runApplication();
                return; // no reply
            default:
                break;
        }
        send(op, value, lenField, payload, error, status);
        if (error == 0 && after != null) {
            after.run();
        }
        writer.idle();
    }

    private int eraseRegion(long addr, long size) {
        if (addr % NorFlash.SECTOR != 0 || size % NorFlash.SECTOR != 0) {
            return own ? LoaderError.STUB_BAD_DATA_LEN : 0x32;
        }
        if (addr + size > writer.chipSize()) {
            return own ? LoaderError.STUB_FAILED_SPI_OP : 0x35;
        }
        writer.flashChanged();
        device.spiFlash.unlock();
        device.flashWork(device.flash.eraseRange(addr, size));
        return 0;
    }

    private void send(int op, int value, int lenField, byte[] payload, int error, int status) {
        // ours counts what it sends (payload and status); esptool's stub keeps its fixed length fields
        device.sendFrame(packet(op, value, own ? payload.length + 2 : lenField, payload, error, status));
    }

    /** Stub replies carry a length field that may not match the data (as the stub sends it). */
    private static byte[] packet(int op, int value, int lenField, byte[] payload, int error, int status) {
        byte[] p = Packet.response(op, value, concat(payload, new byte[] {(byte) error, (byte) status}));
        p[2] = (byte) lenField;
        p[3] = (byte) (lenField >> 8);
        return p;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    // ------------------------------------------------------------------ READ_FLASH streaming

    private void startReadFlash(long offset, long length, long blockSize, long maxInFlight) {
        if (blockSize > NorFlash.SECTOR) {
            return; // the stub returns without sending anything
        }
        long window = maxInFlight;
        if (own) { // packets, 2..16 of them, else one: esptool's 64 is known to outrun its reader
            window = (maxInFlight >= 2 && maxInFlight <= StubMarker.MAX_READ_IN_FLIGHT ? maxInFlight : 1) * blockSize;
        }
        streaming = new Streaming(offset, length, blockSize, window);
        streaming.pump();
    }

    /** Sends data packets while fewer than max_in_flight bytes are unacknowledged; ends with the MD5. */
    private final class Streaming {
        private long addr;
        private final long length;
        private final long blockSize;
        private final long maxInFlight;
        private long sent;
        private long acked;
        private final MessageDigest md5 = FlashDigest.newMd5();

        Streaming(long offset, long length, long blockSize, long maxInFlight) {
            this.addr = offset;
            this.length = length;
            this.blockSize = Math.max(1, blockSize);
            this.maxInFlight = maxInFlight;
        }

        void pump() {
            while (sent < length && sent - acked < maxInFlight) {
                int n = (int) Math.min(length - sent, blockSize);
                if (addr + n > writer.chipSize()) {
                    finish();
                    return;
                }
                device.awaitFlash();
                byte[] buf = device.flash.read(addr, n);
                device.work(FlashDigest.nanos(n));
                device.sendFrame(buf);
                md5.update(buf);
                addr += n;
                sent += n;
            }
            if (acked >= length || acked > sent) {
                finish();
            }
        }

        void onAck(byte[] frame) {
            if (frame.length != 4) {
                finish();
                return;
            }
            acked = Packet.u32(frame, 0) & 0xFFFFFFFFL;
            pump();
        }

        private void finish() {
            streaming = null;
            device.sendFrame(md5.digest());
        }
    }
}
