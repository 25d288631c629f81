package org.jesptool.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;

import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.jesptool.protocol.Slip;
import org.junit.jupiter.api.Test;

/**
 * The flasher stub's concurrency in the real-time model, on a stepped clock: DATA blocks are acknowledged
 * once received, erases run in the flash chip while the stub receives, and only work the stub must finish
 * before answering (the previous block, a read waiting for the chip) delays a reply.
 */
class StubFlashTimingTest {
    static final int BAUD = 115200;
    static final int REPLY = 12; // C0, 8 header bytes, 2 status bytes, C0
    static final int OFFSET = 0x10000;
    static final long PAGE = NorFlash.PAGE_PROGRAM_NANOS;

    final AtomicLong clock = new AtomicLong(1_000_000_000L);

    Device stub() throws Exception {
        DeviceConfig c = DeviceConfig.fromPortName("virtual://esp32c3?realtime=1&latency=0&stub=1");
        c.clock = clock::get;
        return new Device(c, null);
    }

    static long bytes(int n) {
        return n * Link.byteNanos(BAUD);
    }

    int drainAt(Device d, long t) throws Exception {
        clock.set(t);
        int n = d.link.available();
        if (n > 0) {
            d.link.read(new byte[n], 0, n, 0);
        }
        return n;
    }

    /** Sends a frame at time {@code t}; returns when its last byte has arrived. */
    long send(Device d, long t, byte[] frame) {
        clock.set(t);
        d.receive(frame, 0, frame.length);
        return t + bytes(frame.length);
    }

    static byte[] command(int op, byte[] data) {
        return Slip.encode(Packet.request(op, data, 0));
    }

    static byte[] deflData(byte[] block, int seq) {
        byte[] data = new byte[16 + block.length];
        System.arraycopy(Packet.words(block.length, seq, 0, 0), 0, data, 0, 16);
        System.arraycopy(block, 0, data, 16, block.length);
        return Slip.encode(Packet.request(Opcode.FLASH_DEFL_DATA, data, Packet.checksum(block, 0, block.length)));
    }

    /** 128 KiB: 16000 random bytes then zeros, so the first 16000 compressed bytes inflate to less than 32 KiB. */
    static byte[] image() {
        byte[] image = new byte[128 * 1024];
        byte[] random = new byte[16000];
        new Random(7).nextBytes(random);
        System.arraycopy(random, 0, image, 0, random.length);
        return image;
    }

    static byte[] zlib(byte[] data) {
        Deflater d = new Deflater(9);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    /** Opens a 128 KiB compressed stream at 0x10000 and sends its first block; returns when that block's reply has left. */
    long beginAndFirstBlock(Device d, byte[] compressed) throws Exception {
        long t0 = d.link.chipIdleAt() + 1_000_000;
        drainAt(d, t0);
        long arrived = send(d, t0, command(Opcode.FLASH_DEFL_BEGIN, Packet.words(128 * 1024, 2, 0x4000, OFFSET)));
        assertThat(drainAt(d, arrived + bytes(REPLY))).isEqualTo(REPLY);

        long t1 = arrived + bytes(REPLY) + 1_000_000;
        long blockArrived = send(d, t1, deflData(Arrays.copyOf(compressed, 16000), 0));
        // acknowledged once received and checked; its 64 KiB erase (150 ms) has not delayed it
        assertThat(drainAt(d, blockArrived + bytes(REPLY) - 1)).isEqualTo(REPLY - 1);
        assertThat(drainAt(d, blockArrived + bytes(REPLY))).isEqualTo(1);
        return blockArrived + bytes(REPLY);
    }

    @Test
    void compressedBlockIsAcknowledgedOnArrivalAndItsEraseOverlapsTheNextBlock() throws Exception {
        byte[] image = image();
        byte[] compressed = zlib(image);
        assertThat(compressed.length).isBetween(16001, 16000 + 0x4000);
        try (Device d = stub()) {
            long eraseStart = beginAndFirstBlock(d, compressed);

            // the next block arrives and is acknowledged while the first erase still runs in the chip
            byte[] rest = Arrays.copyOfRange(compressed, 16000, compressed.length);
            long restArrived = send(d, eraseStart, deflData(rest, 1));
            assertThat(restArrived + bytes(REPLY)).isLessThan(eraseStart + NorFlash.BLOCK64_ERASE_NANOS);
            assertThat(drainAt(d, restArrived + bytes(REPLY))).isEqualTo(REPLY);

            // END waits for the stub to finish the last block: the chip was busy without a gap from the
            // first erase on (two 64 KiB erases, 512 pages), and END is answered when it is done
            long endArrived = send(d, restArrived + bytes(REPLY), command(Opcode.FLASH_DEFL_END, Packet.words(1)));
            long flashDone = eraseStart + 2 * NorFlash.BLOCK64_ERASE_NANOS + 512 * PAGE;
            long replyStart = Math.max(endArrived, flashDone);
            assertThat(replyStart).isEqualTo(flashDone);
            assertThat(drainAt(d, replyStart)).isZero();
            assertThat(drainAt(d, replyStart + bytes(REPLY))).isEqualTo(REPLY);

            assertThat(d.flash.read(OFFSET, image.length)).isEqualTo(image);
        }
    }

    @Test
    void flashReadWaitsForTheEraseStillRunning() throws Exception {
        try (Device d = stub()) {
            long eraseStart = beginAndFirstBlock(d, zlib(image()));
            send(d, eraseStart, command(Opcode.SPI_FLASH_MD5, Packet.words(OFFSET, 4096, 0, 0)));
            long replyStart = eraseStart + NorFlash.BLOCK64_ERASE_NANOS + FlashDigest.nanos(4096);
            assertThat(drainAt(d, replyStart)).isZero();
            assertThat(drainAt(d, replyStart + bytes(1))).isEqualTo(1);
        }
    }

    @Test
    void plainBlockIsAcknowledgedBeforeItsEraseAndProgramming() throws Exception {
        try (Device d = stub()) {
            long t0 = d.link.chipIdleAt() + 1_000_000;
            drainAt(d, t0);
            long arrived = send(d, t0, command(Opcode.FLASH_BEGIN, Packet.words(64 * 1024, 4, 0x4000, OFFSET)));
            assertThat(drainAt(d, arrived + bytes(REPLY))).isEqualTo(REPLY);
            byte[] block = new byte[0x4000];
            new Random(3).nextBytes(block);
            byte[] data = new byte[16 + block.length];
            System.arraycopy(Packet.words(block.length, 0, 0, 0), 0, data, 0, 16);
            System.arraycopy(block, 0, data, 16, block.length);
            byte[] frame = Slip.encode(Packet.request(Opcode.FLASH_DATA, data, Packet.checksum(block, 0, block.length)));
            long blockArrived = send(d, arrived + bytes(REPLY), frame);
            assertThat(drainAt(d, blockArrived + bytes(REPLY))).isEqualTo(REPLY);
            // the write waits for its erase, then programs 64 pages; FLASH_END is answered after that
            long endArrived = send(d, blockArrived + bytes(REPLY), command(Opcode.FLASH_END, Packet.words(1)));
            long done = blockArrived + bytes(REPLY) + NorFlash.BLOCK64_ERASE_NANOS + 64 * PAGE;
            assertThat(endArrived).isLessThan(done);
            assertThat(drainAt(d, done)).isZero();
            assertThat(drainAt(d, done + bytes(REPLY))).isEqualTo(REPLY);
            assertThat(d.flash.read(OFFSET, block.length)).isEqualTo(block);
        }
    }
}
