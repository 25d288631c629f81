package org.jesptool.command.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.jesptool.protocol.Slip;
import org.jesptool.protocol.SlipDecoder;
import org.jesptool.transport.Transport;

/**
 * SLIP frames over a {@link Transport}. Bytes that arrive outside frames (boot messages, panics) are kept
 * and can be taken with {@link #takeNoise()}. With a trace sink every frame and stray byte is reported.
 */
public final class SlipLink {
    private final Transport transport;
    private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
    private final ByteArrayOutputStream noise = new ByteArrayOutputStream();
    private final ByteArrayOutputStream tracedNoise = new ByteArrayOutputStream();
    private final SlipDecoder decoder;
    private final byte[] buf = new byte[8192];
    private Consumer<String> trace;
    private final long start = System.nanoTime();

    public SlipLink(Transport transport) {
        this.transport = transport;
        this.decoder = new SlipDecoder(new SlipDecoder.Listener() {
            @Override
            public void onFrame(byte[] payload) {
                frames.add(payload);
            }

            @Override
            public void onNoise(int b) {
                noise.write(b);
                tracedNoise.write(b);
            }

            @Override
            public void onInvalidEscape(int b) {
                trace(String.format("invalid SLIP escape 0xDB 0x%02X: frame dropped", b));
            }
        });
    }

    public Transport transport() {
        return transport;
    }

    /** Reports every frame (hex) to {@code sink}; null turns tracing off. */
    public void setTrace(Consumer<String> sink) {
        this.trace = sink;
    }

    public boolean tracing() {
        return trace != null;
    }

    void trace(String message) {
        if (trace != null) {
            trace.accept(String.format("TRACE +%.3f %s", (System.nanoTime() - start) / 1e9, message));
        }
    }

    private void traceNoise() {
        if (trace != null && tracedNoise.size() > 0) {
            trace("chip printed " + tracedNoise.size() + " bytes outside frames: " + printable(tracedNoise.toByteArray()));
        }
        tracedNoise.reset();
    }

    /** Sends {@code packet} as one SLIP frame. */
    public void writeFrame(byte[] packet) throws IOException {
        byte[] framed = Slip.encode(packet);
        if (trace != null) {
            trace("write " + packet.length + " bytes: " + HexFormat.ofDelimiter(" ").formatHex(packet));
        }
        transport.write(framed);
    }

    /** The next frame, or null when none completes within {@code timeoutMillis}. */
    public byte[] readFrame(long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (frames.isEmpty()) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                traceNoise();
                return null;
            }
            int n = transport.read(buf, 0, buf.length, left);
            if (n > 0) {
                decoder.feed(buf, 0, n);
            }
        }
        traceNoise();
        byte[] f = frames.poll();
        if (trace != null) {
            trace("read " + f.length + " bytes: " + HexFormat.ofDelimiter(" ").formatHex(f));
        }
        return f;
    }

    /** Reads whatever arrives within {@code millis} (for example a boot log) into the noise buffer. */
    public void collect(long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        long left;
        while ((left = (deadline - System.nanoTime()) / 1_000_000L) > 0) {
            int n = transport.read(buf, 0, buf.length, left);
            if (n > 0) {
                decoder.feed(buf, 0, n);
            }
        }
        traceNoise();
    }

    /** Drops pending frames, partial input and unread bytes. */
    public void discardInput() throws IOException {
        transport.discardInput();
        frames.clear();
        decoder.reset();
    }

    /** How many noise bytes are buffered (a mark for {@link #peekNoise(int)}). */
    public int noiseMark() {
        return noise.size();
    }

    /** Noise bytes buffered after {@code mark}, without taking them. */
    public byte[] peekNoise(int mark) {
        byte[] all = noise.toByteArray();
        return java.util.Arrays.copyOfRange(all, Math.min(mark, all.length), all.length);
    }

    /** Bytes received outside frames since the last call. */
    public byte[] takeNoise() {
        byte[] b = noise.toByteArray();
        noise.reset();
        return b;
    }

    /** Text with non-printable bytes shown as {@code \xNN}. */
    public static String printable(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            int c = x & 0xFF;
            if (c == '\n') {
                s.append("\\n");
            } else if (c == '\r') {
                s.append("\\r");
            } else if (c >= 0x20 && c < 0x7F) {
                s.append((char) c);
            } else {
                s.append(String.format("\\x%02x", c));
            }
        }
        return s.toString();
    }
}
