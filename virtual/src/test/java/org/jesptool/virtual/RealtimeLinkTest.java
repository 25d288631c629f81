package org.jesptool.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.jesptool.protocol.Slip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The real-time model against the clock. Slow (seconds) and timing based, so opt-in:
 * {@code mvn -pl virtual test -Djesptool.realtime=true -Dtest=RealtimeLinkTest}.
 */
@EnabledIfSystemProperty(named = "jesptool.realtime", matches = "true")
class RealtimeLinkTest {
    /** Blocks until {@code n} frames arrived (real-time reads wait for the bytes' deadlines). */
    static void await(Host h, int n) throws IOException {
        byte[] buf = new byte[65536];
        final int[] count = {0};
        org.jesptool.protocol.SlipDecoder d = new org.jesptool.protocol.SlipDecoder(p -> count[0]++);
        while (count[0] < n) {
            int r = h.port.input().read(buf, 0, buf.length);
            d.feed(buf, 0, r);
        }
    }

    /** Lets the power-on banner finish leaving the chip, then drops it and the OHAI frame. */
    static void settle(Host h) throws Exception {
        Thread.sleep(100);
        h.clearNoise();
        h.frames();
    }

    static long wireNanos(long bytes, int baud) {
        return bytes * 10L * 1_000_000_000L / baud;
    }

    @Test
    void syncRoundTripAt115200() throws Exception {
        try (Host h = new Host("virtual://esp32c3?realtime=1&latency=1ms")) {
            settle(h);
            byte[] req = Slip.encode(Packet.request(Opcode.SYNC, Opcode.syncPayload(), 0));
            long t0 = System.nanoTime();
            h.sendRaw(req);
            await(h, 8);
            long took = System.nanoTime() - t0;
            long expected = wireNanos(req.length, 115200) + 1_000_000 + wireNanos(8 * 14, 115200);
            System.out.printf("SYNC round trip: %.2f ms (model %.2f ms)%n", took / 1e6, expected / 1e6);
            assertThat((double) took).isBetween(expected * 0.95, expected * 1.15);
        }
    }

    @Test
    void stubWriteThroughputAt921600() throws Exception {
        try (Host h = new Host("virtual://esp32c3?realtime=1&stub=1&latency=1ms")) {
            settle(h);
            h.send(Opcode.CHANGE_BAUDRATE, Packet.words(921600, 115200));
            await(h, 1);
            h.port.setBaudRate(921600);
            byte[] data = new byte[256 * 1024];
            new Random(1).nextBytes(data);
            long t0 = System.nanoTime();
            h.send(Opcode.FLASH_BEGIN, Packet.words(data.length, 16, 0x4000, 0x10000));
            await(h, 1);
            long wire = 0;
            for (int i = 0; i < 16; i++) {
                byte[] block = Arrays.copyOfRange(data, i * 0x4000, (i + 1) * 0x4000);
                byte[] frame = Slip.encode(Packet.request(Opcode.FLASH_DATA, Packet.dataPayload(block, i),
                        Packet.checksum(block, 0, block.length)));
                wire += frame.length;
                h.sendRaw(frame);
                await(h, 1);
            }
            h.send(Opcode.FLASH_END, Packet.words(1));
            await(h, 1);
            long took = System.nanoTime() - t0;
            System.out.printf("stub write 256 KiB at 921600: %.3f s (wire alone %.3f s, %.1f KiB/s)%n", took / 1e9,
                    wireNanos(wire, 921600) / 1e9, 256 / (took / 1e9));
            assertThat(took).isGreaterThan(wireNanos(wire, 921600));
            assertThat(took).isLessThan(wireNanos(wire, 921600) * 13 / 10);
            assertThat(RomStubDifferencesTest.flash(h, 0x10000, data.length)).isEqualTo(data);
        }
    }

    /** Figures for the flashing benchmark: 256 KiB of compressible firmware-like data through the stub. */
    @Test
    void stubCompressedWriteAtThreeBaudRates() throws Exception {
        byte[] data = new byte[256 * 1024];
        Random rnd = new Random(7);
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt(256) : i >> 6);
        }
        byte[] z = SmokeTestSupport.deflate(data);
        for (int baud : new int[] {115200, 460800, 921600}) {
            try (Host h = new Host("virtual://esp32c3?realtime=1&stub=1&latency=1ms")) {
                settle(h);
                if (baud != 115200) {
                    h.send(Opcode.CHANGE_BAUDRATE, Packet.words(baud, 115200));
                    await(h, 1);
                    h.port.setBaudRate(baud);
                }
                long t0 = System.nanoTime();
                int blocks = (z.length + 0x3FFF) / 0x4000;
                h.send(Opcode.FLASH_DEFL_BEGIN, Packet.words(data.length, blocks, 0x4000, 0x10000));
                await(h, 1);
                long wire = 0;
                for (int i = 0; i < blocks; i++) {
                    byte[] block = Arrays.copyOfRange(z, i * 0x4000, Math.min(z.length, (i + 1) * 0x4000));
                    byte[] frame = Slip.encode(Packet.request(Opcode.FLASH_DEFL_DATA, Packet.dataPayload(block, i),
                            Packet.checksum(block, 0, block.length)));
                    wire += frame.length;
                    h.sendRaw(frame);
                    await(h, 1);
                }
                h.send(Opcode.SPI_FLASH_MD5, Packet.words(0x10000, data.length, 0, 0));
                await(h, 1);
                long took = System.nanoTime() - t0;
                System.out.printf("stub compressed write 256 KiB (%d KiB on the wire) at %d baud: %.3f s (wire alone %.3f s)%n",
                        z.length / 1024, baud, took / 1e9, wireNanos(wire, baud) / 1e9);
                assertThat(took).isGreaterThan(wireNanos(wire, baud));
                assertThat(RomStubDifferencesTest.flash(h, 0x10000, data.length)).isEqualTo(data);
            }
        }
    }

    @Test
    void romEraseIsPaidBeforeTheReply() throws Exception {
        try (Host h = new Host("virtual://esp32?realtime=1&latency=0")) {
            settle(h);
            h.send(Opcode.SYNC, Opcode.syncPayload());
            await(h, 8);
            long t0 = System.nanoTime();
            h.send(Opcode.FLASH_BEGIN, Packet.words(0x100000, 1024, 0x400, 0));
            await(h, 1);
            long took = System.nanoTime() - t0;
            System.out.printf("ROM FLASH_BEGIN erasing 1 MiB: %.3f s%n", took / 1e9);
            assertThat(took).isGreaterThan(16 * NorFlash.BLOCK64_ERASE_NANOS);
        }
    }
}
