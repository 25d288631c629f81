package org.jesptool.virtual;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jesptool.protocol.SlipDecoder;

/** A recorded serial session: control-line changes, frames to the chip, frames from it. */
final class Trace {
    enum Kind { LINES, TO_CHIP, FROM_CHIP, REMOVED_MEM_DATA }

    record Event(Kind kind, byte[] payload, boolean dtr, boolean rts) {
    }

    final String name;
    final List<Event> events = new ArrayList<>();

    private static final Pattern FRAME = Pattern.compile("\\[[\\d.]+\\] (>>>>|<<<<) \\(\\s*\\d+\\): (.*)");
    private static final Pattern LINES = Pattern.compile("\\[[\\d.]+\\] SET_CONTROL_LINES DTR=(\\w+) RTS=(\\w+)");

    Trace(String name, String text) {
        this.name = name;
        for (String line : text.split("\n")) {
            Matcher l = LINES.matcher(line.trim());
            if (l.matches()) {
                events.add(new Event(Kind.LINES, null, Boolean.parseBoolean(l.group(1)), Boolean.parseBoolean(l.group(2))));
                continue;
            }
            Matcher m = FRAME.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            boolean toChip = m.group(1).equals(">>>>");
            String body = m.group(2);
            if (body.contains("removed")) {
                events.add(new Event(Kind.REMOVED_MEM_DATA, null, false, false));
                continue;
            }
            byte[] raw = Host.unhex(body);
            List<byte[]> frames = new ArrayList<>();
            SlipDecoder d = new SlipDecoder(frames::add);
            d.feed(raw, 0, raw.length);
            events.add(new Event(toChip ? Kind.TO_CHIP : Kind.FROM_CHIP, frames.get(0), false, false));
        }
    }

    static Trace resource(String path) throws IOException {
        try (InputStream in = Trace.class.getResourceAsStream("/traces/" + path)) {
            if (in == null) {
                throw new IOException("missing test resource /traces/" + path);
            }
            return new Trace(path, new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
    }

    List<byte[]> fromChip() {
        List<byte[]> r = new ArrayList<>();
        for (Event e : events) {
            if (e.kind == Kind.FROM_CHIP) {
                r.add(e.payload);
            }
        }
        return r;
    }
}
