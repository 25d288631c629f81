package org.jesptool.factory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Port names compared for "the same board": a device path and a link to it are one board. */
final class PortNames {
    private PortNames() {
    }

    static String key(String port) {
        String lower = port.toLowerCase(Locale.ROOT);
        if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
            if (lower.startsWith("virtual://")) {
                return port; // the same name is the same in-process board (it is found again by name)
            }
            return lower.replace("://localhost:", "://127.0.0.1:");
        }
        try {
            Path p = Path.of(port);
            if (Files.exists(p)) {
                return p.toRealPath().toString();
            }
        } catch (IOException | RuntimeException e) {
            // not a path we can resolve: compare as given
        }
        return port;
    }
}
