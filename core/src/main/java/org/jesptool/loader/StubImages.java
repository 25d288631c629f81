package org.jesptool.loader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jesptool.target.Chip;

/**
 * JEsptool's own flasher stubs, one JSON image per chip on the class path as
 * {@code /org/jesptool/stub/<chip>.json} (built from {@code stub/}). Chips without an image stay in ROM mode.
 */
public final class StubImages {
    private StubImages() {
    }

    /** The built-in stub for {@code chip} (at its newest revision), if JEsptool has one. */
    public static Optional<StubImage> forChip(Chip chip) {
        return forChip(chip, Integer.MAX_VALUE);
    }

    /** The built-in stub for {@code chip} at {@code revision} (major*100+minor), if JEsptool has one. */
    public static Optional<StubImage> forChip(Chip chip, int revision) {
        String name = chip.stubImageName(revision) + ".json";
        return load("/org/jesptool/stub/" + name);
    }

    private static Optional<StubImage> load(String name) {
        try (InputStream in = StubImages.class.getResourceAsStream(name)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(StubImage.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the flasher stub " + name, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The flasher stub " + name + " is broken: " + e.getMessage(), e);
        }
    }
}
