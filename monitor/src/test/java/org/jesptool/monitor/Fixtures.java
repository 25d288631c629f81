package org.jesptool.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Test material: the wild ELF beside the repository, flash images with a bootloader, addr2line, a session runner. */
final class Fixtures {
    private Fixtures() {
    }

    static final Path CORE_FLASH = Path.of("..", "test-support", "src", "main", "resources", "org", "jesptool", "testsupport", "flash"); // the shared fixtures

    /** ESP-IDF v3.3.1 app ELF (Xtensa, 4 MB: read from ../shared, not copied into the repository). */
    static Path idfElf() {
        return wild("esp32-idf331broadcaster-app.elf");
    }

    /** A file of ../shared/conformance/wild (skips without ../shared, fails under CI=true). */
    static Path wild(String name) {
        Path p = Path.of(System.getProperty("jesptool.shared", "../../shared"), "conformance", "wild", name);
        if (!Files.exists(p)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true but " + p + " is missing: ../shared must be beside the repository");
            }
            Assumptions.abort("../shared is not beside the repository: " + p + " missing");
        }
        return p;
    }

    /** {@code addr2line -f -i -e ELF ADDR}: function and file:line lines (discriminators dropped). */
    static List<String> addr2line(Path elf, String address) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("addr2line", "-f", "-i", "-e", elf.toString(), address).redirectErrorStream(true).start();
        } catch (IOException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true but addr2line (binutils) is not installed", e);
            }
            Assumptions.abort("addr2line (binutils) is not installed");
            return null;
        }
        String outText = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        List<String> lines = new ArrayList<>();
        for (String l : outText.split("\n")) {
            lines.add(l.replaceAll(" \\(discriminator \\d+\\)", "").strip());
        }
        return lines;
    }

    /** A 1 MB flash file with {@code bootloader} at {@code offset}. */
    static Path flash(Path dir, Path bootloader, int offset) throws IOException {
        byte[] f = new byte[1 << 20];
        Arrays.fill(f, (byte) 0xFF);
        byte[] b = Files.readAllBytes(bootloader);
        System.arraycopy(b, 0, f, offset, b.length);
        Path p = Files.createTempFile(dir, "flash", ".bin");
        Files.write(p, f);
        return p;
    }

    /** What a session printed: device text and notes (out), session messages (err), and its exit status. */
    record Run(String out, String err, int status) {
    }

    static Run run(MonitorSession.Options o, InputStream keys) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream po = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream pe = new PrintStream(err, true, StandardCharsets.UTF_8);
        int status = new MonitorSession(o, keys, po, pe).run();
        return new Run(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), status);
    }

    static MonitorSession.Options options(String port, Duration exitAfter) {
        MonitorSession.Options o = new MonitorSession.Options();
        o.port = port;
        o.nonInteractive = true;
        o.exitAfter = exitAfter;
        return o;
    }

    static void assertLinesInOrder(String text, String... lines) {
        int from = 0;
        for (String l : lines) {
            int i = text.indexOf(l, from);
            assertThat(i).as("'" + l + "' after offset " + from + " in:\n" + text).isGreaterThanOrEqualTo(0);
            from = i + l.length();
        }
    }
}
