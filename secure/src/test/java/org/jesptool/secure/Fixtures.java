package org.jesptool.secure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The reference's public test vectors, copied into test resources from shared/conformance/secure. */
final class Fixtures {
    private Fixtures() {
    }

    static byte[] input(String name) {
        return resource("/conformance/inputs/" + name);
    }

    static byte[] expected(String caseName, String file) {
        return resource("/conformance/expected/" + caseName + "/" + file);
    }

    private static byte[] resource(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
