package org.jesptool.cli.flash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jesptool.bench.BenchStub;
import org.jesptool.cli.EsptoolMain;
import org.jesptool.testsupport.CliRunner;
import org.jesptool.testsupport.Fixtures;

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
        return run(cwd, Map.of(), args);
    }

    /** As {@link #run(Path, String...)} with environment variables. */
    static FlashCli run(Path cwd, Map<String, String> env, String... args) {
        Map<String, String> environment = new java.util.HashMap<>(env);
        environment.putIfAbsent("HOME", cwd.toString());
        CliRunner.Result r = CliRunner.run((a, o, e) -> EsptoolMain.run(a, o, e, environment, cwd, false), args);
        return new FlashCli(r.code(), r.out(), r.err());
    }

    /** Copies a test resource into {@code dir}. */
    static Path resource(Path dir, String name) throws IOException {
        return Fixtures.copy("flash/" + name, dir);
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
