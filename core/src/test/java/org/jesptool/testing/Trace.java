package org.jesptool.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jesptool.protocol.SlipDecoder;

/** A recorded serial session (traces-esp32c3 / traces-rom-emulated format), parsed into events. */
public final class Trace {
    /** One line: a frame sent by the host, a frame from the chip, or a control-line change. */
    public record Event(Kind kind, byte[] payload, boolean dtr, boolean rts) {
        public boolean isRequest() {
            return kind == Kind.HOST;
        }
    }

    public enum Kind { HOST, CHIP, LINES }

    private final List<Event> events;

    private Trace(List<Event> events) {
        this.events = events;
    }

    public List<Event> events() {
        return events;
    }

    /** Loads a trace from test resources, e.g. {@code traces/traces-rom-emulated/esp32c3-flash-id.txt}. */
    public static Trace resource(String path) {
        try (InputStream in = Trace.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Trace parse(String text) {
        List<Event> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            int dir = line.indexOf(">>>>");
            int back = line.indexOf("<<<<");
            if (line.contains("SET_CONTROL_LINES")) {
                out.add(new Event(Kind.LINES, null, line.contains("DTR=true"), line.contains("RTS=true")));
            } else if (dir >= 0 || back >= 0) {
                String hex = line.substring(line.indexOf("):") + 2).trim();
                byte[] payload;
                if (hex.contains("<MEM_DATA")) {
                    payload = new byte[] {0x00, 0x07}; // stub bytes removed: only the opcode is known
                } else {
                    payload = unslip(hex);
                }
                out.add(new Event(dir >= 0 ? Kind.HOST : Kind.CHIP, payload, false, false));
            }
        }
        return new Trace(out);
    }

    private static byte[] unslip(String hex) {
        String[] parts = hex.split("\\s+");
        byte[] raw = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            raw[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        List<byte[]> frames = new ArrayList<>();
        SlipDecoder d = new SlipDecoder(frames::add);
        d.feed(raw, 0, raw.length);
        if (frames.size() != 1) {
            throw new IllegalArgumentException("expected one frame in: " + hex);
        }
        return frames.get(0);
    }
}
