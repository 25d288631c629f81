package org.jesptool.cli.flash;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jesptool.bench.BenchStub;
import java.util.Map;
import org.jesptool.cli.EsptoolMain;

/** Runs esptool in-process against a virtual chip whose flash lives in a file. */
final class FlashCli {
    final int code;
    final String out;
    final String err;

    private FlashCli(int code, String out, String err) {
        this.code = code;
        this.out = out;
        this.err = err;
    }

    static FlashCli run(Path cwd, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = EsptoolMain.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), Map.of("HOME", cwd.toString()), cwd, false);
        return new FlashCli(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** Copies a test resource into {@code dir}. */
    static Path resource(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        try (var in = FlashCli.class.getResourceAsStream("/flash/" + name)) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    /** The benchmark's stand-in stub as a JSON file (the virtual device runs any started program as the stub). */
    static Path stub(Path dir, String chip) throws IOException {
        Path p = dir.resolve(chip + "-stub.json");
        Files.writeString(p, BenchStub.json(chip));
        return p;
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
