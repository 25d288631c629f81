package org.jesptool.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys (Ctrl+T menu, Ctrl+]), typed input reaching the chip, and surviving a port that vanishes. */
class MonitorKeysTest {
    @TempDir
    Path dir;

    /** A session running in the background, fed keys through a pipe. */
    final class Live implements AutoCloseable {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PipedOutputStream keys = new PipedOutputStream();
        final CompletableFuture<Integer> status;
        final long started = System.nanoTime();

        Live(MonitorSession.Options o) throws Exception {
            PipedInputStream in = new PipedInputStream(keys);
            MonitorSession s = new MonitorSession(o, in, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            status = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        void type(int... bytes) throws java.io.IOException {
            for (int b : bytes) {
                keys.write(b);
            }
            keys.flush();
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        /** Waits until {@code text} shows up in stdout or stderr (at most 5 s). */
        void await(String text) throws Exception {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!out().contains(text) && !err().contains(text) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(out() + err()).contains(text);
        }

        @Override
        public void close() throws java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
            try {
                type(MonitorSession.CTRL_RIGHT_BRACKET);
            } catch (java.io.IOException ignored) {
                // ended already
            }
            try {
                status.get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void menuKeys() throws Exception {
        Path flash = Fixtures.flash(dir, Fixtures.CORE_FLASH.resolve("bootloader_esp32c3.bin"), 0);
        MonitorSession.Options o = Fixtures.options("virtual://esp32c3?boot=app&image=" + flash, Duration.ofSeconds(20));
        o.nonInteractive = false;
        o.logDirectory = dir;
        try (Live s = new Live(o)) {
            s.await("entry 0x403c0000");
            s.type(MonitorSession.CTRL_T, 'h');
            s.await("Ctrl+T R        reset the chip (run the app)");
            s.type(MonitorSession.CTRL_T, 'z');
            s.await("Error: Unknown menu character z");
            // T: timestamps; R: reset; the next boot's lines carry the time
            s.type(MonitorSession.CTRL_T, 't');
            s.await("Timestamps on");
            int before = s.out().length();
            s.type(MonitorSession.CTRL_T, 'r');
            s.await("Resetting the chip");
            Thread.sleep(300);
            assertThat(Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} rst:0x1 \\(POWERON\\),boot:0xc")
                    .matcher(s.out().substring(before)).find()).as(s.out().substring(before)).isTrue();
            // L: log to a file (no colours); P: into download mode, explained
            s.type(MonitorSession.CTRL_T, 'l');
            s.await("Logging is enabled into file");
            s.type(MonitorSession.CTRL_T, 'p');
            s.await("Chip reset into download mode");
            s.await("--- the chip is in download mode, waiting for esptool");
            s.type(MonitorSession.CTRL_T, 'L');
            s.await("has been closed");
            List<Path> logs;
            try (Stream<Path> l = Files.list(dir)) {
                logs = l.filter(p -> p.getFileName().toString().matches("log\\.monitor\\.\\d{14}\\.txt")).toList();
            }
            assertThat(logs).hasSize(1);
            // as shown, timestamps included, without colours and with plain line ends
            assertThat(Files.readString(logs.get(0))).contains("rst:0x1 (POWERON),boot:0x5 (DOWNLOAD(USB/UART0/1))\n"
                    + "--- rst cause 1 (POWERON)").contains(" waiting for download\n--- the chip is in download mode")
                    .doesNotContain("\r\n").doesNotContain("\u001B");
            s.type(MonitorSession.CTRL_RIGHT_BRACKET);
            assertThat(s.status.get(5, TimeUnit.SECONDS)).isZero();
            assertThat(System.nanoTime() - s.started).isLessThan(Duration.ofSeconds(15).toNanos());
        }
    }

    @Test
    void typedKeysReachTheChipAndAVanishedPortIsReopened() throws Exception {
        Path flash = Fixtures.flash(dir, Fixtures.CORE_FLASH.resolve("bootloader_esp32c3.bin"), 0);
        // the board is unplugged once it has received 3 bytes, and comes back (replug=1)
        MonitorSession.Options o = Fixtures.options("virtual://esp32c3?boot=app&unplug-after=3&image=" + flash,
                Duration.ofSeconds(20));
        o.nonInteractive = false;
        o.noReset = true;
        try (Live s = new Live(o)) {
            s.await("entry 0x403c0000");
            assertThat(s.out().split("rst:0x1 \\(POWERON\\)", -1)).hasSize(2);
            s.type('a', 'b', 'c');
            s.await("Waiting for the device to reconnect");
            s.await("Reconnected to virtual://esp32c3");
            Thread.sleep(300);
            // the board powered up again: its boot log follows, without a reset from the monitor
            assertThat(s.out().split("rst:0x1 \\(POWERON\\)", -1)).hasSize(3);
            assertThat(s.err()).doesNotContain("Resetting");
        }
    }
}
