package org.jesptool.testsupport;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jesptool.protocol.SlipDecoder;

/**
 * A recorded serial session (the {@code traces-esp32c3} / {@code traces-rom-emulated} format of
 * {@code ../shared/reference}), parsed into events: control-line changes, frames to the chip, frames from it.
 */
public final class Trace {
    /** What one line of the recording is. */
    public enum Kind {
        /** A DTR/RTS change. */
        LINES,
        /** A frame the host sent. */
        TO_CHIP,
        /** A frame the chip sent. */
        FROM_CHIP
    }

    /**
     * One line of the recording.
     *
     * @param kind what the line is
     * @param payload the SLIP-decoded frame, null for {@link Kind#LINES}
     * @param dtr DTR after a {@link Kind#LINES} change
     * @param rts RTS after a {@link Kind#LINES} change
     * @param removed a MEM_DATA frame whose bytes (the flasher stub) the recording left out: the payload is
     *     then just the header bytes {@code 00 07}
     */
    public record Event(Kind kind, byte[] payload, boolean dtr, boolean rts, boolean removed) {
        /**
         * Whether the host sent this frame.
         *
         * @return true for {@link Kind#TO_CHIP}
         */
        public boolean isRequest() {
            return kind == Kind.TO_CHIP;
        }
    }

    private static final Pattern FRAME = Pattern.compile("\\[[\\d.]+\\] (>>>>|<<<<) \\(\\s*\\d+\\): (.*)");
    private static final Pattern LINES = Pattern.compile("\\[[\\d.]+\\] SET_CONTROL_LINES DTR=(\\w+) RTS=(\\w+)");

    private final String name;
    private final List<Event> events;

    private Trace(String name, List<Event> events) {
        this.name = name;
        this.events = List.copyOf(events);
    }

    /**
     * The trace's name (its path under the fixtures' {@code traces/} folder).
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Every event in recording order.
     *
     * @return the events
     */
    public List<Event> events() {
        return events;
    }

    /**
     * The frames the chip sent, in order.
     *
     * @return the payloads
     */
    public List<byte[]> fromChip() {
        List<byte[]> r = new ArrayList<>();
        for (Event e : events) {
            if (e.kind() == Kind.FROM_CHIP) {
                r.add(e.payload());
            }
        }
        return r;
    }

    /**
     * Loads a trace from the shared fixtures, e.g. {@code rom-emulated/esp32c3-flash-id.txt} or
     * {@code esp32c3-board/sync.txt}.
     *
     * @param path the path under {@code traces/}
     * @return the parsed trace
     */
    public static Trace resource(String path) {
        return parse(path, Fixtures.text("traces/" + path));
    }

    /**
     * Parses a recording.
     *
     * @param name a name for messages
     * @param text the recording
     * @return the parsed trace
     */
    public static Trace parse(String name, String text) {
        List<Event> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher l = LINES.matcher(line.trim());
            if (l.matches()) {
                out.add(new Event(Kind.LINES, null, Boolean.parseBoolean(l.group(1)), Boolean.parseBoolean(l.group(2)),
                        false));
                continue;
            }
            Matcher m = FRAME.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            Kind kind = m.group(1).equals(">>>>") ? Kind.TO_CHIP : Kind.FROM_CHIP;
            String body = m.group(2);
            if (body.contains("<MEM_DATA")) {
                out.add(new Event(kind, new byte[] {0x00, 0x07}, false, false, true));
            } else {
                out.add(new Event(kind, unslip(body), false, false, false));
            }
        }
        return new Trace(name, out);
    }

    private static byte[] unslip(String hex) {
        byte[] raw = HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
        List<byte[]> frames = new ArrayList<>();
        SlipDecoder d = new SlipDecoder(frames::add);
        d.feed(raw, 0, raw.length);
        if (frames.size() != 1) {
            throw new IllegalArgumentException("expected one frame in: " + hex);
        }
        return frames.get(0);
    }
}
