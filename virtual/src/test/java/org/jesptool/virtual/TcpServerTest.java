package org.jesptool.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.jesptool.protocol.Slip;
import org.jesptool.protocol.SlipDecoder;
import org.junit.jupiter.api.Test;

/** The TCP server: plain socket and RFC 2217 modes, state kept between connections. */
class TcpServerTest {
    static TcpServer start(String portName, boolean rfc2217) throws Exception {
        Device d = new Device(DeviceConfig.fromPortName(portName), null);
        TcpServer s = new TcpServer(d, new InetSocketAddress("127.0.0.1", 0), rfc2217, System.err);
        s.start();
        return s;
    }

    /** Reads until {@code frames} SLIP frames arrived; returns them (noise ignored). */
    static List<byte[]> readFrames(InputStream in, int frames, ByteArrayOutputStream noise, boolean telnet) throws Exception {
        List<byte[]> got = new ArrayList<>();
        SlipDecoder d = new SlipDecoder(new SlipDecoder.Listener() {
            @Override
            public void onFrame(byte[] payload) {
                got.add(payload);
            }

            @Override
            public void onNoise(int b) {
                if (noise != null) {
                    noise.write(b);
                }
            }
        });
        boolean iac = false;
        while (got.size() < frames) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            if (telnet) {
                if (iac) {
                    iac = false;
                    if (b != 0xFF) {
                        continue; // a command byte (the tests skip negotiation replies separately)
                    }
                } else if (b == 0xFF) {
                    iac = true;
                    continue;
                }
            }
            d.feed(b);
        }
        return got;
    }

    /** Reads until the stream has delivered {@code tail} (boot text may come first). */
    static byte[] readUntil(InputStream in, byte[] tail) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            assertThat(b).as("connection closed before the acknowledgement").isNotNegative();
            seen.write(b);
            byte[] all = seen.toByteArray();
            if (all.length >= tail.length
                    && java.util.Arrays.equals(all, all.length - tail.length, all.length, tail, 0, tail.length)) {
                return java.util.Arrays.copyOf(all, all.length - tail.length);
            }
        }
    }

    static byte[] request(int op, byte[] data) {
        return Slip.encode(Packet.request(op, data, 0));
    }

    @Test
    void plainSocketKeepsStateBetweenConnections() throws Exception {
        try (TcpServer server = start("virtual://esp32c3", false)) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(5000);
                OutputStream out = s.getOutputStream();
                out.write(request(Opcode.SYNC, Opcode.syncPayload()));
                List<byte[]> sync = readFrames(s.getInputStream(), 8, null, false);
                assertThat(sync).hasSize(8);
                assertThat(Host.hex(sync.get(0))).isEqualTo("010804000707122000000000");
                out.write(request(Opcode.MEM_BEGIN, Packet.words(4, 1, 0x1800, 0x40380000)));
                byte[] block = new byte[4];
                out.write(Slip.encode(Packet.request(Opcode.MEM_DATA, Packet.dataPayload(block, 0), Packet.checksum(block, 0, 4))));
                out.write(request(Opcode.MEM_END, Packet.words(0, 0x40380000)));
                List<byte[]> r = readFrames(s.getInputStream(), 4, null, false);
                assertThat(new String(r.get(3))).isEqualTo("OHAI");
            }
            // a new client finds the stub still running, as on a powered board
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(5000);
                s.getOutputStream().write(request(Opcode.SYNC, Opcode.syncPayload()));
                List<byte[]> sync = readFrames(s.getInputStream(), 8, null, false);
                assertThat(sync).hasSize(8).allSatisfy(f -> assertThat(Host.hex(f)).isEqualTo("01080200000000000000"));
            }
        }
    }

    @Test
    void resetOnConnectStartsEveryClientInTheRom() throws Exception {
        Device d = new Device(DeviceConfig.fromPortName("virtual://esp32?stub=1"), null);
        try (TcpServer server = new TcpServer(d, new InetSocketAddress("127.0.0.1", 0), false, System.err)) {
            server.resetOnConnect(true);
            server.start();
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(5000);
                s.getOutputStream().write(request(Opcode.SYNC, Opcode.syncPayload()));
                List<byte[]> sync = readFrames(s.getInputStream(), 8, null, false);
                assertThat(Packet.u32(sync.get(0), 4)).isEqualTo(0x20120707); // the ROM, not the stub left running
            }
        }
    }

    @Test
    void rfc2217CarriesBaudAndControlLines() throws Exception {
        try (TcpServer server = start("virtual://esp8266", true)) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(5000);
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                // IAC WILL COM-PORT-OPTION -> IAC DO COM-PORT-OPTION
                out.write(new byte[] {(byte) 255, (byte) 251, 44});
                assertThat(in.readNBytes(3)).containsExactly(255, 253, 44);
                // SET-BAUDRATE 115200 -> acknowledged with 101 and the same value
                out.write(new byte[] {(byte) 255, (byte) 250, 44, 1, 0, 1, (byte) 0xC2, 0, (byte) 255, (byte) 240});
                assertThat(in.readNBytes(10)).containsExactly(255, 250, 44, 101, 0, 1, 0xC2, 0, 255, 240);
                // a reset through SET-CONTROL: DTR off, RTS on (EN low), RTS off (the strap holds download mode)
                int[][] steps = {{9}, {11}, {12}};
                int banner = 0;
                for (int[] step : steps) {
                    out.write(new byte[] {(byte) 255, (byte) 250, 44, 5, (byte) step[0], (byte) 255, (byte) 240});
                    banner += readUntil(in, new byte[] {(byte) 255, (byte) 250, 44, 105, (byte) step[0], (byte) 255, (byte) 240}).length;
                }
                // the chip rebooted; its banner (74880 baud) arrives garbled at 115200
                out.write(request(Opcode.SYNC, Opcode.syncPayload()));
                ByteArrayOutputStream noise = new ByteArrayOutputStream();
                List<byte[]> sync = readFrames(in, 8, noise, true);
                assertThat(sync).hasSize(8);
                assertThat(banner + noise.size()).isGreaterThan(20);
                // the ESP8266 magic contains 0xFF bytes, doubled on the Telnet stream
                out.write(request(Opcode.READ_REG, Packet.words(0x40001000)));
                List<byte[]> magic = readFrames(in, 1, null, true);
                assertThat(Packet.u32(magic.get(0), 4)).isEqualTo(0xFFF0C101);
            }
        }
    }
}
