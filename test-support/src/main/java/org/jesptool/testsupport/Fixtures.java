package org.jesptool.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test files several modules share, kept once in this module: {@code flash/} (bootloaders, partition
 * table and application images built by ESP-IDF) and {@code traces/} (recorded serial sessions, see
 * {@link Trace}).
 */
public final class Fixtures {
    private Fixtures() {
    }

    /**
     * A fixture's bytes.
     *
     * @param name e.g. {@code flash/app_esp32.bin}
     * @return the content
     * @throws IllegalArgumentException when there is no such fixture
     */
    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test fixture " + name + " in jesptool-test-support");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A text fixture.
     *
     * @param name e.g. {@code traces/rom-emulated/README.md}
     * @return the content, read as ISO-8859-1 (every byte kept)
     */
    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.ISO_8859_1);
    }

    /**
     * Copies a fixture into {@code dir} under its file name, for code that takes a path.
     *
     * @param name e.g. {@code flash/bootloader_esp32.bin}
     * @param dir the target folder (usually a {@code @TempDir})
     * @return the copy
     * @throws IOException when the copy cannot be written
     */
    public static Path copy(String name, Path dir) throws IOException {
        Path p = dir.resolve(name.substring(name.lastIndexOf('/') + 1));
        Files.write(p, bytes(name));
        return p;
    }
}
