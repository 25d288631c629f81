package org.jesptool.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jesptool.testsupport.CliRunner;

/** Runs esptool in-process with captured output (through test-support's {@link CliRunner}). */
final class Cli {
    final int code;
    final String out;
    final String err;

    private Cli(int code, String out, String err) {
        this.code = code;
        this.out = out;
        this.err = err;
    }

    static Cli run(String... args) {
        return run(Map.of(), Path.of("").toAbsolutePath(), args);
    }

    static Cli run(Map<String, String> env, Path cwd, String... args) {
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("HOME", cwd.toString());
        CliRunner.Result r = CliRunner.run((a, o, e) -> EsptoolMain.run(a, o, e, environment, cwd, false), args);
        return new Cli(r.code(), r.out(), r.err());
    }

    List<String> lines() {
        return Arrays.asList(out.split("\\R"));
    }

    /** The value after "KEY: " on the first line starting with KEY. */
    String value(String key) {
        for (String l : lines()) {
            if (l.startsWith(key + ":")) {
                return l.substring(key.length() + 1).trim();
            }
        }
        throw new AssertionError("no line '" + key + ":' in output:\n" + out + "\nstderr:\n" + err);
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
