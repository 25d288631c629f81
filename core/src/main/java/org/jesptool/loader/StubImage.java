package org.jesptool.loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A flasher stub in the common JSON form ({@code text}, {@code text_start}, {@code data}, {@code data_start},
 * {@code entry}; code as base64), facts 2.8.
 */
public record StubImage(List<Segment> segments, int entry) {

    /** A block of stub code or data to load at {@code address}. */
    public record Segment(int address, byte[] data) {
    }

    /**
     * The version of JEsptool's own stub when this image is one (its marker is in a segment), else -1: any
     * other esptool-compatible stub.
     */
    public int ownVersion() {
        for (Segment s : segments) {
            int v = org.jesptool.protocol.StubMarker.version(s.data());
            if (v >= 0) {
                return v;
            }
        }
        return -1;
    }

    /** Reads a stub JSON file. */
    public static StubImage read(Path file) throws IOException {
        String json;
        try {
            json = Files.readString(file);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException("Invalid flasher stub file " + file + ": not UTF-8 JSON text", e);
        }
        try {
            return parse(json);
        } catch (IllegalArgumentException e) {
            throw new IOException("Invalid flasher stub file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses stub JSON text. */
    public static StubImage parse(String json) {
        Object root = MiniJson.parse(json);
        if (!(root instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        List<Segment> segments = new ArrayList<>();
        addSegment(m, "text", segments);
        addSegment(m, "data", segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("no \"text\" or \"data\" member");
        }
        return new StubImage(List.copyOf(segments), number(m, "entry"));
    }

    private static void addSegment(Map<?, ?> m, String key, List<Segment> out) {
        Object v = m.get(key);
        if (v == null) {
            return;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("\"" + key + "\" must be a base64 string");
        }
        out.add(new Segment(number(m, key + "_start"), Base64.getMimeDecoder().decode(s)));
    }

    private static int number(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v instanceof Number n) {
            return (int) n.longValue();
        }
        throw new IllegalArgumentException("missing number \"" + key + "\"");
    }
}
