package org.jesptool.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.jesptool.protocol.Opcode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * esp-virtual's server under hostile clients: garbage, floods, endless frames and subnegotiations, and clients
 * that connect and go silent (half-open) neither crash it, nor change its flash file, nor keep the next client
 * from being served.
 */
class HostileClientTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "rfc2217={0}")
    @ValueSource(booleans = {false, true})
    void garbageFloodsAndHalfOpenClientsLeaveTheBoardServingAndItsFlashIntact(boolean rfc2217) throws Exception {
        Path image = dir.resolve("board.bin");
        byte[] contents = new byte[256 * 1024];
        new Random(7).nextBytes(contents);
        Files.write(image, contents);
        Device d = new Device(DeviceConfig.fromPortName("virtual://esp32c3?flash=256KB&image=" + image), null);
        try (TcpServer server = new TcpServer(d, new InetSocketAddress("127.0.0.1", 0), rfc2217, System.err)) {
            server.start();
            Random rng = new Random(17);
            // 1. garbage: random bytes, then hangs up
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                byte[] junk = new byte[512 * 1024];
                rng.nextBytes(junk);
                s.getOutputStream().write(junk);
            }
            // 2. a flood inside one endless SLIP frame (and, over RFC 2217, one endless subnegotiation)
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                OutputStream out = s.getOutputStream();
                out.write(rfc2217 ? new byte[] {(byte) 0xFF, (byte) 0xFA, 44, 1} : new byte[] {(byte) 0xC0});
                byte[] flood = new byte[64 * 1024];
                java.util.Arrays.fill(flood, (byte) 0x41);
                for (int i = 0; i < 64; i++) {
                    out.write(flood); // 4 MiB, never ended
                }
            }
            // 3. half-open: connects, sends half a frame, and neither speaks nor hangs up again
            Socket halfOpen = new Socket("127.0.0.1", server.port());
            halfOpen.getOutputStream().write(new byte[] {(byte) 0xC0, 0x00, 0x08, 0x24});
            Socket silent = new Socket("127.0.0.1", server.port());
            try {
                // 4. a well-behaved client is served all the same
                try (Socket s = new Socket("127.0.0.1", server.port())) {
                    s.setSoTimeout(5000);
                    s.getOutputStream().write(TcpServerTest.request(Opcode.SYNC, Opcode.syncPayload()));
                    List<byte[]> sync = TcpServerTest.readFrames(s.getInputStream(), 8, null, rfc2217);
                    assertThat(sync).hasSize(8).allSatisfy(f -> assertThat(f[1]).isEqualTo((byte) Opcode.SYNC));
                }
            } finally {
                halfOpen.close();
                silent.close();
            }
        }
        d.close();
        assertThat(Files.readAllBytes(image)).isEqualTo(contents);
    }

    @org.junit.jupiter.api.Test
    void aReadFlashWithNoAcknowledgementWindowDoesNotMakeTheBoardHoldTheFlood() throws Exception {
        // found by the fuzzer: a 16-byte READ_FLASH with an in-flight window of 4 GiB made the stub stream the whole
        // 16 MB flash into memory (out of memory at 460 MB of heap). A real port loses what its reader does not take.
        try (Device d = new Device(DeviceConfig.fromPortName("virtual://esp32?stub=1&flash=16MB"), null)) {
            d.settle(false);
            byte[] drain = new byte[1 << 16];
            while (d.link.read(drain, 0, drain.length, 0) > 0) {
                // the banner and OHAI
            }
            byte[] req = new byte[16];
            java.nio.ByteBuffer.wrap(req).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(16 << 20).putInt(4096)
                    .putInt(-1);
            byte[] frame = org.jesptool.protocol.Slip.encode(org.jesptool.protocol.Packet.request(Opcode.READ_FLASH, req, 0));
            d.receive(frame, 0, frame.length);
            d.settle(false);
            long readable = 0;
            for (int n; (n = d.link.read(drain, 0, drain.length, 0)) > 0; ) {
                readable += n;
            }
            assertThat(readable).isPositive().isLessThanOrEqualTo(Link.MAX_UNREAD);
            assertThat(d.link.lost()).isPositive();
        }
    }
}
