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
    /**
     * System property naming a second class-path folder searched for chips without a built-in image: lets the
     * tests exercise the default-stub path with stand-in images (the virtual device runs no stub code).
     */
    public static final String FALLBACK_PROPERTY = "jesptool.stub.fallback";

    private StubImages() {
    }

    /** The built-in stub for {@code chip} (at its newest revision), if JEsptool has one. */
    public static Optional<StubImage> forChip(Chip chip) {
        return forChip(chip, Integer.MAX_VALUE);
    }

    /** The built-in stub for {@code chip} at {@code revision} (major*100+minor), if JEsptool has one. */
    public static Optional<StubImage> forChip(Chip chip, int revision) {
        String name = chip.stubImageName(revision) + ".json";
        Optional<StubImage> own = load("/org/jesptool/stub/" + name);
        String fallback = System.getProperty(FALLBACK_PROPERTY);
        if (own.isPresent() || fallback == null || fallback.isBlank()) {
            return own;
        }
        return load(fallback.replaceAll("/+$", "") + "/" + name);
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
