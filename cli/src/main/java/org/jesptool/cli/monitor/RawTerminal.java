package org.jesptool.cli.monitor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Puts the controlling terminal into raw mode (no line buffering, no echo, Ctrl+C passed through) with
 * {@code stty}, and restores its settings afterwards. Where stty is missing (Windows) keys arrive per line.
 */
final class RawTerminal {
    private final String saved;
    private final Thread hook;

    private RawTerminal(String saved) {
        this.saved = saved;
        this.hook = new Thread(this::restoreNow, "restore-terminal");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static RawTerminal enable() {
        try {
            String saved = stty("-g").strip();
            if (saved.isEmpty()) {
                return null;
            }
            stty("raw -echo");
            return new RawTerminal(saved);
        } catch (IOException e) {
            return null;
        }
    }

    void restore() {
        restoreNow();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // shutting down already
        }
    }

    private void restoreNow() {
        try {
            stty(saved);
        } catch (IOException ignored) {
            // the terminal is gone
        }
    }

    private static String stty(String args) throws IOException {
        Process p = new ProcessBuilder("sh", "-c", "stty " + args + " < /dev/tty").redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("stty failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
