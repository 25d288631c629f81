package org.jesptool.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The launchers' JVM flags ({@code bin/jvm-flags}, the one place they are kept), for tests that start a JVM. */
public final class JvmFlags {
    private JvmFlags() {
    }

    /**
     * The flags, one per element, as {@code bin/jesptool-launch} passes them.
     *
     * @return the flags
     */
    public static List<String> launcher() {
        for (Path p : List.of(Path.of("..", "bin", "jvm-flags"), Path.of("bin", "jvm-flags"))) {
            if (Files.isRegularFile(p)) {
                try {
                    List<String> flags = new ArrayList<>();
                    for (String line : Files.readAllLines(p)) {
                        String l = line.strip();
                        if (!l.isEmpty() && !l.startsWith("#")) {
                            flags.add(l);
                        }
                    }
                    return flags;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("bin/jvm-flags not found from " + Path.of("").toAbsolutePath());
    }
}
