package org.jesptool.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jesptool.testsupport.JvmFlags;
import org.jesptool.testsupport.OutsideTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Independent-client conformance: Espressif's esptool-js (npm, pinned in test/esptool-js) runs under
 * Node against {@code esp-virtual} (its main class in a child JVM) over TCP, through the project's own
 * Web-Serial-shaped adapter, and must connect through a DTR/RTS reset, detect the chip, read the
 * configured MAC and flash ID, run its own stub, change baud, write 256 KiB compressed with a passing
 * MD5 check, read it back unchanged, and erase the chip. test/esptool-js/run.mjs does the steps and
 * checks; this class starts the device with known settings and asserts the runner's per-step report.
 *
 * <p>Needs Node 20.10+ and {@code npm ci} in test/esptool-js. Without them the test is skipped, except
 * when {@code CI=true}, where it fails.
 */
class EsptoolJsConformanceTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path CLIENT = REPO.resolve("test").resolve("esptool-js");
    private static final long RUN_TIMEOUT_SECONDS = 60;
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern NODE_VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\..*");

    /** Why the client cannot run here, or null when it can; looked up once. */
    private static String missing;
    private static boolean looked;

    /** Skips the test when node or esptool-js is missing, or fails it under CI=true. */
    private static synchronized void requireNodeAndEsptoolJs() {
        if (!looked) {
            missing = findNode();
            if (missing == null && !Files.isDirectory(CLIENT.resolve("node_modules").resolve("esptool-js"))) {
                missing = "esptool-js is not installed: run 'npm ci' in " + CLIENT;
            }
            looked = true;
        }
        OutsideTools.require(missing == null ? null : "esptool-js conformance: " + missing);
    }

    /**
     * A board to flash: chip, factory MAC, RDID bytes and flash size the device is started with, the flash
     * id esptool-js must read back, its reset wiring, and how the client changes baud.
     */
    record Board(String chip, String mac, String jedec, String flashSize, String flashId, boolean usbJtag,
            boolean reopenBaud) {
        @Override
        public String toString() {
            return chip + " (" + (usbJtag ? "USB-JTAG" : "classic") + " reset, baud change "
                    + (reopenBaud ? "by reopening" : "in place") + ")";
        }
    }

    /**
     * ESP8266 and ESP32 sit behind a USB-UART bridge and get esptool-js's classic reset (over RFC 2217 DTR
     * and RTS arrive one at a time, which works thanks to the device's EN rise delay); ESP32-S3 and
     * ESP32-C3 use their USB-Serial/JTAG port and esptool-js's USB-JTAG sequence. Half change baud in
     * place, half as in a browser, whose Web Serial cannot: by closing the port and opening it again at
     * the new rate (a new connection to the same device).
     */
    static List<Board> boards() {
        return List.of(
                new Board("esp8266", "5c:cf:7f:01:02:03", "c84016", "4MB", "0x1640c8", false, false),
                new Board("esp32", "24:0a:c4:11:22:33", "ef4017", "8MB", "0x1740ef", false, true),
                new Board("esp32s3", "34:85:18:44:55:66", "ef4018", "16MB", "0x1840ef", true, false),
                new Board("esp32c3", "84:f7:03:77:88:99", "204016", "4MB", "0x164020", true, true));
    }

    /** The other chips esptool-js and the device both know, each with its own identity and wiring. */
    static List<Board> moreBoards() {
        return List.of(
                new Board("esp32s2", "7c:df:a1:0a:0b:0c", "c84017", "8MB", "0x1740c8", false, true),
                new Board("esp32c2", "08:3a:8d:0d:0e:0f", "ef4016", "4MB", "0x1640ef", false, false),
                new Board("esp32c5", "3c:dc:75:10:11:12", "ef4018", "16MB", "0x1840ef", true, true),
                new Board("esp32c6", "40:4c:ca:13:14:15", "c84016", "4MB", "0x1640c8", true, false),
                new Board("esp32c61", "60:55:f9:1c:1d:1e", "204017", "8MB", "0x174020", true, true),
                new Board("esp32h2", "60:55:f9:16:17:18", "ef4015", "2MB", "0x1540ef", true, false),
                new Board("esp32p4", "30:ed:a0:19:1a:1b", "ef4018", "16MB", "0x1840ef", true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"boards", "moreBoards"})
    void esptoolJsFlashesAndReadsBack(Board board) throws Exception {
        runConformance(board, false);
    }

    /** The same with bytes paced at the baud rate and flash timings modelled (about 20 s per chip). */
    @ParameterizedTest(name = "{0}, real time")
    @MethodSource("boards")
    @EnabledIfSystemProperty(named = "jesptool.realtime", matches = "true")
    void esptoolJsFlashesAndReadsBackInRealTime(Board board) throws Exception {
        runConformance(board, true);
    }

    /**
     * Every chip boots its application first ({@code --boot app}: the strap follows DTR), so only a correct
     * DTR/RTS sequence gets it into download mode; then esptool-js does everything run.mjs checks.
     */
    private static void runConformance(Board board, boolean realtime) throws Exception {
        requireNodeAndEsptoolJs();
        List<String> serverArgs = new ArrayList<>(List.of("--chip", board.chip, "--rfc2217", "--mac", board.mac,
                "--jedec", board.jedec, "--flash-size", board.flashSize, "--boot", "app", "--trace"));
        List<String> clientArgs = new ArrayList<>(List.of("--chip", board.chip, "--mode", "rfc2217",
                "--expect-mac", board.mac, "--expect-flash-id", board.flashId, "--erase"));
        if (board.usbJtag) {
            serverArgs.addAll(List.of("--usb", "jtag"));
            clientArgs.add("--usb-jtag");
        }
        if (board.reopenBaud) {
            clientArgs.add("--reopen-baud");
        }
        if (realtime) {
            serverArgs.add("--realtime");
        }
        String chipName = chipName(board.chip);
        try (VirtualServer server = VirtualServer.start(serverArgs.toArray(String[]::new))) {
            Result result = runClient(server.port, clientArgs.toArray(String[]::new));
            String context = "esptool-js output:\n" + result.output + "\nesp-virtual output:\n" + server.output();
            assertThat(result.exitCode).as(context).isZero();
            assertThat(result.output).as(context)
                    .contains("DTR/RTS changes (" + (board.usbJtag ? "USB-JTAG" : "classic")
                                    + " reset) sent as RFC 2217 SET-CONTROL; chip printed ",
                            "ok connect: synced with the ROM", "ok detect: " + chipName, "ok mac: " + board.mac,
                            "ok flash-id: " + board.flashId, "ok stub: uploaded with", "OHAI received",
                            board.reopenBaud
                                    ? "ok baud: 921600 by closing and reopening the port (second TCP connection opened at 921600"
                                    : "ok baud: 921600 in place (RFC 2217 SET-BAUDRATE sent)",
                            "ok write: 262144 bytes at 0x010000 in 17 FLASH_DEFL_DATA blocks, MD5 ",
                            "ok read: 262144 bytes read back with READ_FLASH, equal to what was written",
                            "ok erase: ERASE_FLASH left the written region and sector 0 all 0xFF")
                    .containsPattern("(?m)^PASS " + Pattern.quote(chipName) + " mode=rfc2217 ");
            assertThat(server.output()).as(context).containsPattern("boot: application[\\s\\S]*reset asserted[\\s\\S]*"
                    + "boot: download mode \\(" + (board.usbJtag ? "USB" : "POWER_ON") + "\\)");
        }
    }

    /**
     * A plain socket carries no DTR/RTS: the chip waits in download mode, and what one connection leaves
     * behind (the running stub, the flash contents) is what the next one finds.
     */
    @Test
    void plainSocketKeepsStubAndFlashAcrossConnections() throws Exception {
        requireNodeAndEsptoolJs();
        try (VirtualServer server = VirtualServer.start("--chip", "esp32c3", "--mac", "84:f7:03:00:00:2a")) {
            Result first = runClient(server.port, "--chip", "esp32c3", "--mode", "raw",
                    "--expect-mac", "84:f7:03:00:00:2a", "--expect-flash-id", "0x1640ef");
            String context = "first connection:\n" + first.output + "\nesp-virtual output:\n" + server.output();
            assertThat(first.exitCode).as(context).isZero();
            assertThat(first.output).as(context).contains("ok stub: uploaded", "ok write: 262144 bytes", "ok read:")
                    .containsPattern("(?m)^PASS ESP32-C3 mode=raw ");

            Result second = runClient(server.port, "--chip", "esp32c3", "--mode", "raw", "--read-only",
                    "--expect-mac", "84:f7:03:00:00:2a", "--expect-flash-id", "0x1640ef");
            context = "second connection:\n" + second.output + "\nesp-virtual output:\n" + server.output();
            assertThat(second.exitCode).as(context).isZero();
            assertThat(second.output).as(context)
                    .contains("ok connect: synced with the running stub", "ok stub: already running",
                            "ok md5: 262144 bytes at 0x010000 kept from the earlier connection",
                            "ok read: 262144 bytes read back with READ_FLASH, equal to what was written")
                    .doesNotContain("ok write:")
                    .containsPattern("(?m)^PASS ESP32-C3 mode=raw ");
        }
    }

    private static Result runClient(int port, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "run.mjs", "--port", Integer.toString(port),
                "--timeout", Long.toString(RUN_TIMEOUT_SECONDS - 5)));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(CLIENT.toFile()).redirectErrorStream(true).start();
        StreamCollector output = new StreamCollector(process.getInputStream());
        if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("esptool-js did not finish within " + RUN_TIMEOUT_SECONDS + " s:\n" + output.text());
        }
        output.join();
        return new Result(process.exitValue(), output.text());
    }

    private static String chipName(String chip) {
        return switch (chip) {
            case "esp8266" -> "ESP8266";
            case "esp32" -> "ESP32";
            default -> "ESP32-" + chip.substring(5).toUpperCase();
        };
    }

    /** Returns null when a usable node is on the PATH, else what is wrong. */
    private static String findNode() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "'node --version' failed: " + version;
            }
            Matcher m = NODE_VERSION.matcher(version);
            if (!m.matches()) {
                return "cannot read node version from '" + version + "'";
            }
            int major = Integer.parseInt(m.group(1));
            int minor = Integer.parseInt(m.group(2));
            if (major < 20 || (major == 20 && minor < 10)) {
                return "node " + version + " is too old: esptool-js needs 20.10 or newer";
            }
            return null;
        } catch (IOException e) {
            return "node is not on the PATH (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while looking for node";
        }
    }

    private record Result(int exitCode, String output) {
    }

    /** bin/esp-virtual's main class in a child JVM on the test class path, listening on a free local port. */
    private static final class VirtualServer implements AutoCloseable {
        final int port;
        final Process process;
        final StreamCollector output;

        private VirtualServer(int port, Process process, StreamCollector output) {
            this.port = port;
            this.process = process;
            this.output = output;
        }

        static VirtualServer start(String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(javaBinary()));
            command.addAll(JvmFlags.launcher());
            command.addAll(List.of("-cp", testClassPath(), EspVirtualMain.class.getName(), "--listen", "127.0.0.1:0"));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            StreamCollector output = new StreamCollector(process.getInputStream());
            return new VirtualServer(awaitListening(process, output), process, output);
        }

        String output() {
            return output.text();
        }

        /** Waits for "listening on 127.0.0.1:PORT" and returns the port the server picked. */
        private static int awaitListening(Process process, StreamCollector output) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                Matcher m = LISTENING.matcher(output.text());
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
                if (!process.isAlive()) {
                    output.join();
                    fail("esp-virtual exited with " + process.exitValue() + " before listening:\n" + output.text());
                }
                Thread.sleep(20);
            }
            process.destroyForcibly();
            fail("esp-virtual did not say where it listens within 20 s:\n" + output.text());
            return -1;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        private static String javaBinary() {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }

        private static String testClassPath() {
            String surefire = System.getProperty("surefire.test.class.path");
            return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        }
    }

    /** Drains a process stream on a daemon thread so the process never blocks on a full pipe. */
    private static final class StreamCollector {
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;

        StreamCollector(InputStream in) {
            thread = new Thread(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line; (line = reader.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("[output ended: " + e.getMessage() + "]"); // the process was killed
                }
            }, "collector");
            thread.setDaemon(true);
            thread.start();
        }

        String text() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }

        void join() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
    }
}
