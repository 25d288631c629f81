package org.jesptool.cli.secure;

import java.nio.file.Path;
import org.jesptool.testsupport.CliRunner;

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
        CliRunner.Result r = CliRunner.run(EspsecureMain::run, args);
        return new Result(r.code(), r.out(), r.err());
    }

    static String in(String name) {
        return IN.resolve(name).toString();
    }
}
