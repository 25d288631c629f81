package org.jesptool.cli.secure;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs espsecure in-process and captures what it prints. */
final class Cli {
    /** The reference's vectors, kept as test resources of the secure module (same repository). */
    static final Path CONFORMANCE = Path.of("..", "secure", "src", "test", "resources", "conformance").toAbsolutePath().normalize();
    static final Path IN = CONFORMANCE.resolve("inputs");

    record Result(int status, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = EspsecureMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String in(String name) {
        return IN.resolve(name).toString();
    }
}
