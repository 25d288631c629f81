package org.jesptool.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.jesptool.protocol.LoaderError;
import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.jesptool.protocol.Slip;
import org.jesptool.protocol.SlipDecoder;
import org.jesptool.protocol.StubMarker;
import org.junit.jupiter.api.Test;

/**
 * JEsptool's own stub as the virtual device models it (STUB-CONTRACT): recognised by its marker, erase only just
 * ahead of the data and never outside the window, blank units not erased, SPI_FLASH_MD5 of the written range from
 * the read-back hash at once, READ_FLASH with the packets in flight the host asks for (2..16), its error codes.
 * Timing on a stepped clock, with the datasheet figures the generic model uses.
 */
class OwnStubModelTest {
    static final int BAUD = 115200;
    static final int OFFSET = 0x10000;
    final AtomicLong clock = new AtomicLong(1_000_000_000L);

    Device device(String options) throws Exception {
        DeviceConfig c = DeviceConfig.fromPortName("virtual://esp32c3?realtime=1&latency=0&" + options);
        c.clock = clock::get;
        return new Device(c, null);
    }

    static long bytes(int n) {
        return n * Link.byteNanos(BAUD);
    }

    /** Frames decoded per device (a poll may end in the middle of a frame). */
    private final java.util.Map<Device, SlipDecoder> decoders = new java.util.HashMap<>();
    private final java.util.Map<Device, List<byte[]>> decoded = new java.util.HashMap<>();

    /** Every complete frame the device has sent by time {@code t} and not yet taken. */
    List<byte[]> framesAt(Device d, long t) throws Exception {
        clock.set(t);
        List<byte[]> frames = decoded.computeIfAbsent(d, k -> new ArrayList<>());
        SlipDecoder dec = decoders.computeIfAbsent(d, k -> new SlipDecoder(new SlipDecoder.Listener() {
            @Override
            public void onFrame(byte[] payload) {
                frames.add(payload);
            }
        }));
        int n = d.link.available();
        if (n > 0) {
            byte[] b = new byte[n];
            d.link.read(b, 0, n, 0);
            dec.feed(b, 0, n);
        }
        List<byte[]> taken = new ArrayList<>(frames);
        frames.clear();
        return taken;
    }

    /** Sends a request at {@code t}; returns when its last byte has arrived. */
    long send(Device d, long t, int op, byte[] data, int checksum) {
        clock.set(t);
        byte[] frame = Slip.encode(Packet.request(op, data, checksum));
        d.receive(frame, 0, frame.length);
        return t + bytes(frame.length);
    }

    long send(Device d, long t, int op, byte[] data) {
        return send(d, t, op, data, 0);
    }

    long sendData(Device d, long t, byte[] block, int seq) {
        return send(d, t, Opcode.FLASH_DATA, Packet.dataPayload(block, seq), Packet.checksum(block, 0, block.length));
    }

    /** Waits (in device time) for the next reply; returns it with the time it had fully arrived. */
    Object[] reply(Device d, long from) throws Exception {
        for (long t = from; t < from + 20_000_000_000L; t += 100_000) {
            List<byte[]> f = framesAt(d, t);
            if (!f.isEmpty()) {
                return new Object[] {f.get(0), t};
            }
        }
        throw new AssertionError("no reply");
    }

    static int status(byte[] reply) {
        return reply[reply.length - 2] & 0xFF;
    }

    /** Starts a program through the ROM's MEM_* with {@code data} as its data segment; drains the greeting. */
    long startProgram(Device d, byte[] data) throws Exception {
        long t = d.link.chipIdleAt() + 1_000_000;
        framesAt(d, t);
        t = send(d, t, Opcode.SYNC, Opcode.syncPayload());
        t += 10_000_000;
        framesAt(d, t);
        t = send(d, t, Opcode.MEM_BEGIN, Packet.words(data.length, 1, 0x1800, 0x3FC96000));
        t = send(d, t + 2_000_000, Opcode.MEM_DATA, Packet.dataPayload(data, 0), Packet.checksum(data, 0, data.length));
        t = send(d, t + 2_000_000, Opcode.MEM_END, Packet.words(0, 0x40380000));
        t += 20_000_000;
        List<byte[]> f = framesAt(d, t);
        assertThat(new String(f.get(f.size() - 1), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("OHAI");
        return t;
    }

    @Test
    void recognisedByItsMarkerAndAnswersWithItsErrorCodes() throws Exception {
        try (Device ours = device("stub=0"); Device theirs = device("stub=0")) {
            byte[] data = new byte[64];
            System.arraycopy(StubMarker.bytes(1), 0, data, 20, 13);
            long t = startProgram(ours, data);
            long t2 = startProgram(theirs, new byte[64]);
            // unknown command: ours 0xC3 ("invalid command"), esptool's stub 0xFF
            byte[] a = (byte[]) reply(ours, send(ours, t, 0x77, new byte[0]))[0];
            byte[] b = (byte[]) reply(theirs, send(theirs, t2, 0x77, new byte[0]))[0];
            assertThat(status(a)).isEqualTo(LoaderError.STUB_INVALID_COMMAND);
            assertThat(a).hasSize(10); // an error carries only the two status bytes
            assertThat(status(b)).isEqualTo(LoaderError.STUB_CMD_NOT_IMPLEMENTED);
        }
    }

    @Test
    void aFrameShorterThanItsSizeFieldIsRefusedAndNotRun() throws Exception {
        // A byte lost on the line inside a WRITE_REG (which has no checksum): run as it came, the value shifts into
        // the next field; on the SPI command register that can set the sector-erase bit (the soak found sector 0
        // erased this way). Ours compares the size field with the frame, as stub/src/core/proto.c does.
        try (Device ours = device("stub=0")) {
            byte[] data = new byte[64];
            System.arraycopy(StubMarker.bytes(1), 0, data, 20, 13);
            long t = startProgram(ours, data);
            byte[] sector0 = ours.flash.read(0, 4096);
            byte[] req = Packet.request(Opcode.WRITE_REG, Packet.words(0x60002000, 0x00040000, 0xFFFFFFFF, 0), 0);
            byte[] shorter = new byte[req.length - 1];
            System.arraycopy(req, 0, shorter, 0, 12);
            System.arraycopy(req, 13, shorter, 12, req.length - 13); // the value's first byte is lost
            clock.set(t);
            byte[] frame = Slip.encode(shorter);
            ours.receive(frame, 0, frame.length);
            byte[] r = (byte[]) reply(ours, t + bytes(frame.length))[0];
            assertThat(status(r)).isEqualTo(LoaderError.STUB_BAD_DATA_LEN);
            assertThat(ours.flash.read(0, 4096)).isEqualTo(sector0);
        }
    }

    @Test
    void esptoolsStubRunsAShortFrameWithTheBytesItsBufferKeptFromTheFrameBeforeTheLast() throws Exception {
        // esptool's stub reads a command's data by the size field alone, from one of two receive buffers used in
        // turn: what a short frame lacks comes from the frame before the last (flasher_stub/stub_flasher.c)
        int w0 = 0x60002058; // an SPI data register: it holds what is written
        try (Device theirs = device("stub=0")) {
            long t = startProgram(theirs, new byte[64]);
            t = (long) reply(theirs, send(theirs, t, Opcode.WRITE_REG, Packet.words(w0, 0xAAAAAAAA, -1, 0)))[1];
            // words 2 and 3 of this one (ignored by MD5) stay in its buffer
            t = (long) reply(theirs, send(theirs, t, Opcode.SPI_FLASH_MD5, Packet.words(0, 0, 0x0000FFFF, 0)))[1];
            Object[] r = reply(theirs, send(theirs, t, Opcode.READ_REG, Packet.words(w0)));
            assertThat(Packet.u32((byte[]) r[0], 4)).isEqualTo(0xAAAAAAAA);
            // a WRITE_REG whose mask and delay were lost: they come from the MD5 frame, so the mask is 0x0000FFFF
            byte[] req = Packet.request(Opcode.WRITE_REG, Packet.words(w0, 0x12345678, -1, 0), 0);
            t = (long) r[1];
            clock.set(t);
            byte[] frame = Slip.encode(Arrays.copyOf(req, req.length - 8));
            theirs.receive(frame, 0, frame.length);
            r = reply(theirs, t + bytes(frame.length));
            assertThat(status((byte[]) r[0])).isZero();
            r = reply(theirs, send(theirs, (long) r[1], Opcode.READ_REG, Packet.words(w0)));
            assertThat(Packet.u32((byte[]) r[0], 4)).isEqualTo(0xAAAA5678);
        }
    }

    /** Flash full of zeros (not blank), so every unit of the window must be erased. */
    static void fillZero(Device d) {
        d.flash.program(0, new byte[4 << 20], 0, 4 << 20);
    }

    @Test
    void erasesOnlyInsideTheWindowAndOnlyJustAheadOfTheData() throws Exception {
        try (Device d = device("stub=jesptool")) {
            fillZero(d);
            long t = d.link.chipIdleAt() + 1_000_000;
            framesAt(d, t);
            // 200 KiB + 100 bytes at 0x10100: window 0x10000..0x43000
            int size = 200 * 1024 + 100;
            t = send(d, t, Opcode.FLASH_BEGIN, Packet.words(size, (size + 0x3FFF) / 0x4000, 0x4000, OFFSET + 0x100));
            t = (long) reply(d, t)[1] + 1_000_000;
            // BEGIN started the first unit (a 64 KiB block) only
            assertThat(d.flash.read(0x10000, 0x10000)).containsOnly((byte) 0xFF);
            assertThat(d.flash.read(0x20000, 0x1000)).containsOnly((byte) 0);
            byte[] image = new byte[size];
            new Random(1).nextBytes(image);
            for (int seq = 0, off = 0; off < size; seq++, off += 0x4000) {
                byte[] block = Arrays.copyOf(Arrays.copyOfRange(image, off, Math.min(size, off + 0x4000)), 0x4000);
                if (off + 0x4000 > size) {
                    Arrays.fill(block, size - off, 0x4000, (byte) 0xFF);
                }
                t = send(d, t, Opcode.FLASH_DATA, Packet.dataPayload(block, seq), Packet.checksum(block, 0, 0x4000));
                Object[] r = reply(d, t);
                assertThat(status((byte[]) r[0])).isZero();
                t = (long) r[1] + 1_000_000;
                if (seq == 0) {
                    // after the first 16 KiB: the next 64 KiB block is being erased, nothing beyond it
                    assertThat(d.flash.read(0x20000, 0x10000)).containsOnly((byte) 0xFF);
                    assertThat(d.flash.read(0x30000, 0x1000)).containsOnly((byte) 0);
                }
            }
            t = send(d, t, Opcode.FLASH_END, Packet.words(1));
            assertThat(status((byte[]) reply(d, t)[0])).isZero();
            assertThat(d.flash.read(OFFSET + 0x100, size)).isEqualTo(image);
            assertThat(d.flash.read(OFFSET, 0x100)).containsOnly((byte) 0xFF); // inside the window's first sector
            int end = OFFSET + 0x100 + size;
            assertThat(d.flash.read(end, 0x43000 - end)).containsOnly((byte) 0xFF);
            assertThat(d.flash.read(0x43000, 0x1000)).containsOnly((byte) 0); // never outside the window
            assertThat(d.flash.read(0xF000, 0x1000)).containsOnly((byte) 0);
        }
    }

    /**
     * Time from the arrival of a 16 KiB FLASH_DATA at 0x1F000 to the FLASH_END reply. The window is four
     * sectors; BEGIN's erase of the first is long done when the block has arrived (1.4 s at 115200), the other
     * three are erased while the block is written, unless they are blank.
     */
    long writeTime(boolean blank) throws Exception {
        try (Device d = device("stub=jesptool")) {
            if (!blank) {
                fillZero(d);
            }
            long t = d.link.chipIdleAt() + 1_000_000;
            framesAt(d, t);
            t = send(d, t, Opcode.FLASH_BEGIN, Packet.words(0x4000, 1, 0x4000, 0x1F000));
            t = (long) reply(d, t)[1];
            byte[] block = new byte[0x4000];
            new Random(2).nextBytes(block);
            long arrived = sendData(d, t, block, 0);
            long end = send(d, (long) reply(d, arrived)[1], Opcode.FLASH_END, Packet.words(1));
            long answered = (long) reply(d, end)[1];
            assertThat(d.flash.read(0x1F000, 0x4000)).isEqualTo(block);
            assertThat(d.flash.read(0x23000, 0x1000)).containsOnly(blank ? (byte) 0xFF : 0);
            return answered - arrived;
        }
    }

    @Test
    void blankSectorsAreNotErased() throws Exception {
        long program = 64 * NorFlash.PAGE_PROGRAM_NANOS + FlashDigest.nanos(0x4000); // with the read-back
        long reply = bytes(12) + bytes(8 + 4 + 2) + 2_000_000; // the DATA and END replies, polling steps
        long blank = writeTime(true);
        long written = writeTime(false);
        assertThat(blank).isBetween(program + 3 * FlashDigest.nanos(0x1000), program + 3 * FlashDigest.nanos(0x1000)
                + reply);
        long check = 3 * FlashDigest.nanos(0x1000); // each unit is read whole before it is erased or skipped
        assertThat(written).isBetween(program + 3 * NorFlash.SECTOR_ERASE_NANOS,
                program + 3 * NorFlash.SECTOR_ERASE_NANOS + check + reply);
    }

    @Test
    void md5OfTheWrittenRangeAnswersAtOnceFromTheReadBack() throws Exception {
        try (Device d = device("stub=jesptool")) {
            long t = d.link.chipIdleAt() + 1_000_000;
            framesAt(d, t);
            int size = 0x4000 + 0x800;
            t = send(d, t, Opcode.FLASH_BEGIN, Packet.words(size, 2, 0x4000, OFFSET));
            t = (long) reply(d, t)[1];
            byte[] image = new byte[size];
            new Random(3).nextBytes(image);
            t = (long) reply(d, sendData(d, t, Arrays.copyOf(image, 0x4000), 0))[1];
            byte[] last = Arrays.copyOf(Arrays.copyOfRange(image, 0x4000, size), 0x4000);
            Arrays.fill(last, 0x800, 0x4000, (byte) 0xFF);
            t = (long) reply(d, sendData(d, t, last, 1))[1];
            t = (long) reply(d, send(d, t, Opcode.FLASH_END, Packet.words(1)))[1];

            long asked = send(d, t, Opcode.SPI_FLASH_MD5, Packet.words(OFFSET, size, 0, 0));
            Object[] r = reply(d, asked);
            byte[] md5 = MessageDigest.getInstance("MD5").digest(image);
            assertThat(Arrays.copyOfRange((byte[]) r[0], 8, 24)).isEqualTo(md5);
            long quick = (long) r[1] - asked;
            assertThat(quick).isLessThanOrEqualTo(bytes(8 + 16 + 2 + 2 + 4) + 200_000); // no flash read

            // another range is read from flash (5 MB/s)
            asked = send(d, (long) r[1], Opcode.SPI_FLASH_MD5, Packet.words(OFFSET, 0x4000, 0, 0));
            r = reply(d, asked);
            assertThat((long) r[1] - asked).isGreaterThanOrEqualTo(FlashDigest.nanos(0x4000));

            // after the range is erased the hash no longer stands for it
            t = (long) reply(d, send(d, (long) r[1], Opcode.ERASE_REGION, Packet.words(OFFSET, 0x1000)))[1];
            r = reply(d, send(d, t, Opcode.SPI_FLASH_MD5, Packet.words(OFFSET, size, 0, 0)));
            assertThat(Arrays.copyOfRange((byte[]) r[0], 8, 24)).isNotEqualTo(md5);
        }
    }

    /** Packets READ_FLASH sends before the first acknowledgement when asked for {@code inFlight}. */
    int packetsBeforeAck(String stub, int inFlight) throws Exception {
        try (Device d = device(stub)) {
            long t = d.link.chipIdleAt() + 1_000_000;
            framesAt(d, t);
            send(d, t, Opcode.READ_FLASH, Packet.words(0, 64 * 1024, 0x1000, inFlight));
            List<byte[]> f = framesAt(d, t + 10_000_000_000L);
            return f.size() - 1; // the reply, then the packets
        }
    }

    @Test
    void readFlashKeepsTheRequestedPacketsInFlight() throws Exception {
        assertThat(packetsBeforeAck("stub=jesptool", 8)).isEqualTo(8);
        assertThat(packetsBeforeAck("stub=jesptool", 16)).isEqualTo(16);
        assertThat(packetsBeforeAck("stub=jesptool", 17)).isEqualTo(1);
        assertThat(packetsBeforeAck("stub=jesptool", 64)).isEqualTo(1); // esptool's value: its reader falls behind
        assertThat(packetsBeforeAck("stub=jesptool", 1)).isEqualTo(1);
        assertThat(packetsBeforeAck("stub=1", 64)).isEqualTo(1); // esptool's stub: bytes against packets
    }

    @Test
    void readFlashWithPacketsInFlightKeepsTheLineBusy() throws Exception {
        try (Device d = device("stub=jesptool")) {
            int packets = 32;
            long t = d.link.chipIdleAt() + 1_000_000;
            framesAt(d, t);
            t = send(d, t, Opcode.READ_FLASH, Packet.words(0, packets * 0x1000, 0x1000, 8));
            long start = t;
            int got = 0;
            long total = 0;
            // the host acknowledges each packet as soon as it has arrived
            while (got < packets) {
                t += 100_000;
                for (byte[] f : framesAt(d, t)) {
                    if (f.length == 0x1000) {
                        got++;
                        total += f.length;
                        byte[] ack = Slip.encode(Packet.words((int) total));
                        clock.set(t);
                        d.receive(ack, 0, ack.length);
                    }
                }
            }
            long took = t - start;
            // per packet: 4096 bytes of 0xFF and two delimiters on the wire, and reading it from flash
            long perPacket = bytes(4098) + FlashDigest.nanos(0x1000);
            assertThat(took).isLessThan(packets * perPacket + 5_000_000);
        }
    }

    @Test
    void aFailureAfterTheAckAnswersTheNextCommandWhichIsNotRun() throws Exception {
        try (Device d = device("stub=jesptool")) {
            long t = d.link.chipIdleAt() + 1_000_000;
            framesAt(d, t);
            // beyond the flash (16 MiB until SPI_SET_PARAMS): refused at once
            Object[] r = reply(d, send(d, t, Opcode.FLASH_DEFL_BEGIN, Packet.words(0x2000, 1, 0x4000, 0xFFF000)));
            assertThat(status((byte[]) r[0])).isEqualTo(LoaderError.STUB_FAILED_SPI_OP);
            r = reply(d, send(d, (long) r[1], Opcode.FLASH_DEFL_BEGIN, Packet.words(0x1000, 1, 0x4000, OFFSET)));
            assertThat(status((byte[]) r[0])).isZero();
            byte[] garbage = {0x78, (byte) 0x9C, (byte) 0xFF, (byte) 0xFF, 1, 2, 3};
            r = reply(d, send(d, (long) r[1], Opcode.FLASH_DEFL_DATA, Packet.dataPayload(garbage, 0),
                    Packet.checksum(garbage, 0, garbage.length)));
            assertThat(status((byte[]) r[0])).isZero(); // acknowledged on receipt
            // the inflate error answers the next command (a READ_REG), which is not run; flash mode is over
            r = reply(d, send(d, (long) r[1], Opcode.READ_REG, Packet.words(0x60000000)));
            assertThat(status((byte[]) r[0])).isEqualTo(LoaderError.STUB_INFLATE_ERROR);
            r = reply(d, send(d, (long) r[1], Opcode.FLASH_DEFL_END, Packet.words(1)));
            assertThat(status((byte[]) r[0])).isEqualTo(LoaderError.STUB_NOT_IN_FLASH_MODE);
            // FLASH_END asking to reboot is accepted; ours stays
            r = reply(d, send(d, (long) r[1], Opcode.FLASH_BEGIN, Packet.words(0, 0, 0x4000, 0)));
            r = reply(d, send(d, (long) r[1], Opcode.FLASH_END, Packet.words(0)));
            assertThat(status((byte[]) r[0])).isZero();
            assertThat(d.state()).isEqualTo(Device.State.STUB);
        }
    }

    @Test
    void programThatNeverGreetsLeavesTheChipSilentUntilReset() throws Exception {
        try (Device d = device("stub=0&stub-greets=0")) {
            long t = d.link.chipIdleAt() + 1_000_000;
            framesAt(d, t);
            t = send(d, t, Opcode.SYNC, Opcode.syncPayload());
            framesAt(d, t + 10_000_000);
            t = send(d, t + 10_000_000, Opcode.MEM_END, Packet.words(0, 0x40380000));
            assertThat(framesAt(d, t + 10_000_000)).hasSize(1); // the ROM's MEM_END reply, no OHAI
            t = send(d, t + 10_000_000, Opcode.SYNC, Opcode.syncPayload());
            assertThat(framesAt(d, t + 100_000_000)).isEmpty();
            assertThat(d.state()).isEqualTo(Device.State.APP);
        }
    }
}
