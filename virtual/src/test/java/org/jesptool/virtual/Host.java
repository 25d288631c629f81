package org.jesptool.virtual;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.jesptool.protocol.Slip;
import org.jesptool.protocol.SlipDecoder;

/** A minimal test-side host: sends requests, collects reply frames and noise from a virtual port. */
final class Host implements AutoCloseable {
    final VirtualPort port;
    private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
    final ByteArrayOutputStream noise = new ByteArrayOutputStream();
    private final SlipDecoder decoder = new SlipDecoder(new SlipDecoder.Listener() {
        @Override
        public void onFrame(byte[] payload) {
            frames.add(payload);
        }

        @Override
        public void onNoise(int b) {
            noise.write(b);
        }
    });

    Host(String name) throws IOException {
        this.port = VirtualPort.open(name);
    }

    Host(VirtualPort port) {
        this.port = port;
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static byte[] unhex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    void sendRaw(byte[] bytes) throws IOException {
        port.output().write(bytes);
    }

    void send(int op, byte[] data, int checksum) throws IOException {
        sendRaw(Slip.encode(Packet.request(op, data, checksum)));
    }

    void send(int op, byte[] data) throws IOException {
        send(op, data, 0);
    }

    /** Drains whatever the device has sent (the in-process device answers synchronously). */
    void pump() throws IOException {
        byte[] buf = new byte[65536];
        while (port.input().available() > 0) {
            int n = port.input().read(buf, 0, buf.length);
            decoder.feed(buf, 0, n);
        }
    }

    List<byte[]> frames() throws IOException {
        pump();
        List<byte[]> all = new ArrayList<>(frames);
        frames.clear();
        return all;
    }

    byte[] frame() throws IOException {
        pump();
        if (frames.isEmpty()) {
            throw new AssertionError("no frame from the device");
        }
        return frames.poll();
    }

    /** One request, exactly one reply expected. */
    byte[] command(int op, byte[] data, int checksum) throws IOException {
        frames();
        send(op, data, checksum);
        List<byte[]> got = frames();
        if (got.size() != 1) {
            throw new AssertionError("expected one reply to " + Opcode.name(op) + ", got " + got.size());
        }
        return got.get(0);
    }

    byte[] command(int op, byte[] data) throws IOException {
        return command(op, data, 0);
    }

    byte[] dataCommand(int op, byte[] block, int seq) throws IOException {
        return command(op, Packet.dataPayload(block, seq), Packet.checksum(block, 0, block.length));
    }

    /** Forgets the noise (boot text) received so far. */
    void clearNoise() throws IOException {
        pump();
        noise.reset();
    }

    /** Waits (up to 5 s) until the boot text contains {@code text}; for events that come a little later. */
    String awaitNoise(String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!noiseText().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        return noiseText();
    }

    String noiseText() throws IOException {
        pump();
        return noise.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** ClassicReset: DTR=0,RTS=1; DTR=1,RTS=0; DTR=0. */
    void classicReset() throws IOException {
        port.setDtrRts(false, true);
        port.setDtrRts(true, false);
        port.setDtr(false);
    }

    @Override
    public void close() throws IOException {
        port.close();
    }
}
