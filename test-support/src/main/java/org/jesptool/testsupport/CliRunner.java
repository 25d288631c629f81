package org.jesptool.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Runs a command-line tool in-process with captured output, the one way every module's tests do it. */
public final class CliRunner {
    private CliRunner() {
    }

    /** A tool's entry point that prints to the given streams and returns its exit status. */
    @FunctionalInterface
    public interface Tool {
        /**
         * Runs the tool.
         *
         * @param args the command line
         * @param out standard output
         * @param err standard error
         * @return the exit status
         */
        int run(String[] args, PrintStream out, PrintStream err);
    }

    /**
     * What a run printed and returned.
     *
     * @param code the exit status
     * @param out standard output
     * @param err standard error
     */
    public record Result(int code, String out, String err) {
        /**
         * Standard output and standard error, one after the other.
         *
         * @return both
         */
        public String all() {
            return out + err;
        }

        /**
         * Standard output's lines.
         *
         * @return the lines
         */
        public List<String> lines() {
            return Arrays.asList(out.split("\\R"));
        }

        /**
         * The value after {@code KEY:} on the first output line starting with {@code KEY:}.
         *
         * @param key e.g. {@code Chip type}
         * @return the trimmed value
         * @throws AssertionError when no line has the key
         */
        public String value(String key) {
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

    /**
     * Runs {@code tool} with {@code args}, capturing both streams as UTF-8.
     *
     * @param tool the entry point
     * @param args the command line
     * @return what it printed and returned
     */
    public static Result run(Tool tool, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = tool.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }
}
