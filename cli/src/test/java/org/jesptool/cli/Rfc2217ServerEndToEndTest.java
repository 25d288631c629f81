package org.jesptool.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code esp-rfc2217-server} (its main class in a child JVM) in front of (a) a board behind a real OS serial
 * path: esp-virtual over TCP, made a pseudo-terminal by socat, and (b) an in-process {@code virtual://} ESP32
 * that boots its application unless DTR/RTS hold the strap low at the right time. Our esptool and
 * esptool-js flash through it; a second client is refused; a client killed mid-write frees the board.
 * A pseudo-terminal has no DTR/RTS, so through (a) the board waits in download mode and the reset only has to
 * be acknowledged; (b) is where the reset must really work. Skipped without socat / node, except under CI=true.
 */
class Rfc2217ServerEndToEndTest {
    private static final Path ESPTOOL_JS = Path.of("").toAbsolutePath().getParent().resolve("test").resolve("esptool-js");
    private static final Pattern SERVING = Pattern.compile("on (rfc2217://\\S+) ");

    @TempDir
    Path dir;
    final List<Process> processes = new ArrayList<>();
    final StringBuffer serverLog = new StringBuffer();

    @AfterEach
    void stop() throws Exception {
        for (Process p : processes) {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    static void require(String what, boolean present) {
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(what + " is required on CI (CI=true)");
        }
        assumeTrue(present, what + " not installed");
    }

    static boolean onPath(String program) {
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, program))) {
                return true;
            }
        }
        return false;
    }

    /** A pseudo-terminal whose other end is esp-virtual (an ESP32 waiting in download mode) over TCP. */
    private Path boardBehindPty(Path flash) throws Exception {
        require("socat", onPath("socat"));
        String[] url = new String[1];
        processes.add(EspVirtualServerTest.start(List.of("--chip", "esp32", "--flash-file", flash.toString()), url));
        Path pty = dir.resolve("ttyV0");
        processes.add(new ProcessBuilder("socat", "pty,link=" + pty + ",raw,echo=0",
                "tcp:" + url[0].substring("socket://".length())).redirectErrorStream(true)
                .redirectOutput(dir.resolve("socat.log").toFile()).start());
        for (int i = 0; i < 300 && !Files.exists(pty); i++) {
            Thread.sleep(10);
        }
        assertThat(pty).exists();
        return pty;
    }

    private Process java(String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        processes.add(p);
        return p;
    }

    /** Starts the server on a free loopback port; returns its rfc2217:// URL. Its output goes to serverLog. */
    private String server(String port) throws Exception {
        Process p = java("org.jesptool.cli.remote.Rfc2217ServerMain", "--port", port, "--listen", "127.0.0.1:0", "-v");
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = r.readLine();
        Matcher m = SERVING.matcher(String.valueOf(first));
        assertThat(m.find()).as("server did not start: " + first).isTrue();
        Thread t = new Thread(() -> {
            try {
                for (String l; (l = r.readLine()) != null; ) {
                    serverLog.append(l).append('\n');
                }
            } catch (IOException e) {
                // server gone
            }
        });
        t.setDaemon(true);
        t.start();
        return m.group(1);
    }

    private Path stub() throws IOException {
        return TestStub.write(dir, 0x40090000L, 0x3FFD0000L); // ESP32 IRAM, DRAM
    }

    private Path data(String name, int size, long seed) throws IOException {
        byte[] d = new byte[size];
        new Random(seed).nextBytes(d);
        d[0] = 0x33;
        return Files.write(dir.resolve(name), d);
    }

    private Cli esptool(String url, Path file) throws IOException {
        return Cli.run(Map.of(), dir, "--port", url, "--stub-file", stub().toString(), "-b", "921600",
                "write-flash", "0x10000", file.toString());
    }

    private static void assertFlashHolds(Path flash, Path file) throws IOException {
        byte[] want = Files.readAllBytes(file);
        assertThat(Arrays.copyOfRange(Files.readAllBytes(flash), 0x10000, 0x10000 + want.length)).isEqualTo(want);
    }

    private void waitForLog(String text) throws InterruptedException {
        for (int i = 0; i < 1000 && !serverLog.toString().contains(text); i++) {
            Thread.sleep(10);
        }
        assertThat(serverLog.toString()).contains(text);
    }

    @Test
    void throughAPseudoTerminalOurEsptoolWritesAndVerifiesAndASecondClientIsRefused() throws Exception {
        Path flash = dir.resolve("flash.bin");
        String url = server(boardBehindPty(flash).toString());
        Path app = data("app.bin", 300_000, 1);
        Cli w = esptool(url, app);
        assertThat(w.code).as(w.toString()).isZero();
        assertThat(w.out).contains("Hash of data verified.", "Changing baud rate to 921600...");
        assertFlashHolds(flash, app);
        waitForLog("disconnected; DTR and RTS released.");
        assertThat(serverLog.toString()).contains("baud rate 921600", "chip held in reset (EN low)");

        try (Socket holder = new Socket("127.0.0.1", Integer.parseInt(url.substring(url.lastIndexOf(':') + 1)))) {
            waitForLog("connected.");
            assertThat(holder.isConnected()).isTrue();
            Cli refused = Cli.run("--port", url, "read-mac");
            assertThat(refused.code).isEqualTo(2);
            assertThat(refused.err).contains("The server closed the connection, saying: esp-rfc2217-server: busy: "
                    + "another client (127.0.0.1:").contains("try again when it has finished.");
        }
    }

    @Test
    void aClientKilledMidWriteFreesTheBoard() throws Exception {
        Path flash = dir.resolve("flash.bin");
        String url = server(boardBehindPty(flash).toString());
        Path big = data("big.bin", 2_000_000, 2);
        Process client = java("org.jesptool.cli.EsptoolMain", "--port", url, "--stub-file", stub().toString(),
                "-b", "921600", "write-flash", "0x10000", big.toString());
        BufferedReader r = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = r.readLine()) != null && !line.startsWith("Writing " + big + ": ")) {
            seen.append(line).append('\n');
        }
        assertThat(line).as("the client never wrote:\n" + seen).isNotNull();
        client.destroyForcibly(); // killed mid-write
        client.waitFor(5, TimeUnit.SECONDS);
        waitForLog("DTR and RTS released.");
        Path app = data("app.bin", 50_000, 3);
        Cli w = esptool(url, app);
        assertThat(w.code).as(w.toString()).isZero();
        assertFlashHolds(flash, app);
    }

    @Test
    void esptoolJsThroughAPseudoTerminal() throws Exception {
        requireEsptoolJs();
        String url = server(boardBehindPty(dir.resolve("flash.bin")).toString());
        String out = runEsptoolJs(url, "--lines-unwired");
        assertThat(out).contains("ok reset: ", "ok stub: uploaded", "ok baud: 921600 in place",
                "ok write: 262144 bytes at 0x010000", "ok read: 262144 bytes read back").containsPattern("(?m)^PASS ESP32 ");
    }

    @Test
    void resetIntoDownloadModeReallyWorksThroughTheServer() throws Exception {
        Path flash = dir.resolve("flash.bin");
        String url = server("virtual://esp32?boot=app&image=" + flash);
        Path app = data("app.bin", 100_000, 4);
        Cli w = esptool(url, app);
        assertThat(w.code).as(w.toString()).isZero();
        assertFlashHolds(flash, app);
        waitForLog("reset released: the chip starts its application"); // esptool's hard reset afterwards
        assertThat(serverLog.toString()).contains("reset released with the boot strap low: download mode");
        if (nodeReady() == null) {
            String out = runEsptoolJs(url);
            assertThat(out).contains("ok reset: ", "waiting for download", "ok write: 262144 bytes")
                    .containsPattern("(?m)^PASS ESP32 ");
        }
    }

    private static String nodeReady() {
        if (!onPath("node")) {
            return "node";
        }
        return Files.isDirectory(ESPTOOL_JS.resolve("node_modules").resolve("esptool-js")) ? null
                : "esptool-js (npm ci in test/esptool-js)";
    }

    private static void requireEsptoolJs() {
        String missing = nodeReady();
        require(missing == null ? "node" : missing, missing == null);
    }

    private String runEsptoolJs(String url, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("node", "run.mjs", "--port", url.substring(url.lastIndexOf(':') + 1),
                "--chip", "esp32", "--mode", "rfc2217", "--timeout", "50"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).directory(ESPTOOL_JS.toFile()).redirectErrorStream(true).start();
        processes.add(p);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out + "\nserver:\n" + serverLog).isZero();
        return out;
    }
}
