package org.jesptool.virtual;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** The chips the virtual device emulates, by name. */
final class Chips {
    private static final Map<String, Supplier<Chip>> CHIPS = new LinkedHashMap<>();

    static {
        CHIPS.put("esp8266", Esp8266::new);
        CHIPS.put("esp32", Esp32::new);
        CHIPS.put("esp32s2", Esp32S2::new);
        CHIPS.put("esp32s3", Esp32S3::new);
        CHIPS.put("esp32c2", Esp32C2::new);
        CHIPS.put("esp32c3", Esp32C3::new);
        CHIPS.put("esp32c5", Esp32C5::new);
        CHIPS.put("esp32c6", Esp32C6::new);
        CHIPS.put("esp32c61", Esp32C61::new);
        CHIPS.put("esp32h2", Esp32H2::new);
        CHIPS.put("esp32p4", Esp32P4::new);
    }

    private Chips() {
    }

    /** Names accepted by {@link #byName}. */
    static Iterable<String> names() {
        return CHIPS.keySet();
    }

    /** Looks a chip up by name, ignoring case, dashes and underscores ({@code ESP32-C3} = {@code esp32c3}). */
    static Chip byName(String name) {
        String key = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        Supplier<Chip> s = CHIPS.get(key);
        if (s == null) {
            throw new IllegalArgumentException("unknown chip '" + name + "'; the virtual device emulates "
                    + String.join(", ", CHIPS.keySet()));
        }
        return s.get();
    }
}
