package org.jesptool.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs esptool in-process with captured output. */
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
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("HOME", cwd.toString());
        int code = EsptoolMain.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), environment, cwd, false);
        return new Cli(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
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
