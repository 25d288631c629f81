package org.jesptool.gui;

import java.util.ArrayList;
import java.util.List;

/**
 * What Detect found, as label/value pairs in the order the window shows them.
 *
 * @param chipName the chip's short name (esp32, esp32c3, ...)
 * @param flashSize detected flash size in bytes, 0 when unknown
 */
record BoardInfo(String chipName, String chipDisplayName, long flashSize, List<String[]> facts) {
    static final class Builder {
        private final List<String[]> facts = new ArrayList<>();

        Builder fact(String label, String value) {
            facts.add(new String[] {label, value});
            return this;
        }

        BoardInfo build(String chipName, String chipDisplayName, long flashSize) {
            return new BoardInfo(chipName, chipDisplayName, flashSize, List.copyOf(facts));
        }
    }

    String value(String label) {
        for (String[] f : facts) {
            if (f[0].equals(label)) {
                return f[1];
            }
        }
        return null;
    }
}
