package org.jesptool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jesptool.cli.secure.EspsecureMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same malformed number gets the same error line and exit status 2 from every esptool and espsecure
 * command that takes one, before any port is opened or file written (esptool parses all of them with
 * Python's {@code int(x, 0)}, which refuses {@code 010000}).
 */
class NumberArgumentsTest {
    static final String LEADING_ZERO = "error: Invalid number '010000': a decimal number cannot start with 0. "
            + "Write 0x10000 for hexadecimal or 10000 for decimal.";
    static final String GARBAGE = "error: Invalid number '0x1000x': write it in decimal (4096), hexadecimal "
            + "(0x1000), octal (0o10000) or binary (0b1000000000000).";

    @TempDir
    Path dir;

    private String port() {
        return "virtual://esp32?flash=4MB&image=" + dir.resolve("flash.bin");
    }

    private Cli esptool(String... command) {
        List<String> args = new ArrayList<>(List.of("--chip", "esp32", "--port", port()));
        args.addAll(List.of(command));
        return Cli.run(Map.of(), dir, args.toArray(String[]::new));
    }

    private void refused(String firstLine, Cli r) {
        assertThat(r.code).as(r.toString()).isEqualTo(2);
        assertThat(r.err.lines().findFirst()).as(r.toString()).hasValue(firstLine);
        assertThat(r.out).as(r.toString()).doesNotContain("Connecting");
        assertThat(dir.resolve("flash.bin")).as("the chip was never opened").doesNotExist();
    }

    @Test
    void writeFlashRefusesALeadingZeroInsteadOfWritingAtDecimal10000() throws Exception {
        Path app = Files.write(dir.resolve("app.bin"), new byte[] {1, 2, 3, 4});
        refused(LEADING_ZERO, esptool("write-flash", "010000", app.toString()));
        refused(LEADING_ZERO, esptool("write_flash", "0x1000", app.toString(), "010000", app.toString()));
    }

    @Test
    void mergeBinAndReadMemRefuseTheSameWay() throws Exception {
        Path app = Files.write(dir.resolve("app.bin"), new byte[] {1, 2, 3, 4});
        refused(LEADING_ZERO, esptool("merge-bin", "-o", dir.resolve("out.bin").toString(), "010000",
                app.toString()));
        assertThat(dir.resolve("out.bin")).doesNotExist();
        Cli noChip = Cli.run(Map.of(), dir, "merge-bin", "-o", dir.resolve("out.bin").toString(), "010000",
                app.toString());
        assertThat(noChip.err.lines().findFirst()).as(noChip.toString()).hasValue(LEADING_ZERO);
        refused(LEADING_ZERO, esptool("read-mem", "010000"));
        refused("error: Invalid number '010': a decimal number cannot start with 0. Write 0x10 for hexadecimal "
                + "or 10 for decimal.", esptool("read-mem", "010"));
    }

    @Test
    void everyNumberArgumentGivesTheSameError() throws Exception {
        String bin = Files.write(dir.resolve("a.bin"), new byte[16]).toString();
        String out = dir.resolve("o.bin").toString();
        List<List<String>> commands = List.of(
                List.of("write-flash", "%s", bin),
                List.of("write-flash", "0x1000", bin, "--encrypt-files", "%s", bin),
                List.of("verify-flash", "%s", bin),
                List.of("read-flash", "%s", "4k", out),
                List.of("read-flash", "0", "%s", out),
                List.of("erase-region", "%s", "0x1000"),
                List.of("erase-region", "0", "%s"),
                List.of("read-mem", "%s"),
                List.of("write-mem", "%s", "1"),
                List.of("write-mem", "0x40000000", "%s"),
                List.of("write-mem", "0x40000000", "1", "%s"),
                List.of("dump-mem", "%s", "16", out),
                List.of("dump-mem", "0x40000000", "%s", out),
                List.of("read-flash-sfdp", "%s", "4"),
                List.of("read-flash-sfdp", "0", "%s"),
                List.of("read-flash-status", "--bytes", "%s"),
                List.of("write-flash-status", "--bytes", "%s", "0"),
                List.of("write-flash-status", "%s"),
                List.of("merge-bin", "-o", out, "%s", bin),
                List.of("merge-bin", "-o", out, "--target-offset", "%s", "0", bin),
                List.of("merge-bin", "-o", out, "-f", "uf2", "--chunk-size", "%s", "0", bin),
                List.of("make-image", "-f", bin, "-a", "%s", out),
                List.of("make-image", "-f", bin, "-a", "0", "-e", "%s", out),
                List.of("elf2image", "--min-rev-full", "%s", bin),
                List.of("elf2image", "--elf-sha256-offset", "%s", bin));
        for (String bad : List.of("010000", "0x1000x")) {
            String expected = bad.equals("010000") ? LEADING_ZERO : GARBAGE;
            for (List<String> c : commands) {
                String[] args = c.stream().map(a -> a.equals("%s") ? bad : a).toArray(String[]::new);
                Cli r = esptool(args);
                assertThat(r.code).as(String.join(" ", args) + "\n" + r).isEqualTo(2);
                assertThat(r.err.lines().findFirst()).as(String.join(" ", args) + "\n" + r).hasValue(expected);
            }
            assertThat(Cli.run(Map.of(), dir, "--baud", bad, "--port", port(), "read-mac").err.lines().findFirst())
                    .hasValue(expected);
            assertThat(Cli.run(Map.of(), dir, "--connect-attempts", bad, "--port", port(), "read-mac").err.lines()
                    .findFirst()).hasValue(expected);
        }
    }

    @Test
    void espsecureGivesTheSameErrorAsEsptool() throws Exception {
        Path key = Files.write(dir.resolve("key.bin"), new byte[32]);
        Path data = Files.write(dir.resolve("data.bin"), new byte[32]);
        for (String[] args : List.of(
                new String[] {"encrypt-flash-data", "--keyfile", key.toString(), "--output",
                        dir.resolve("o.bin").toString(), "--address", "010000", data.toString()},
                new String[] {"digest-private-key", "--keyfile", key.toString(), "--keylen", "010000",
                        dir.resolve("o.bin").toString()},
                new String[] {"decrypt-flash-data", "--keyfile", key.toString(), "--output",
                        dir.resolve("o.bin").toString(), "--address", "0", "--flash-crypt-conf", "010000",
                        data.toString()})) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = EspsecureMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            String e = err.toString(StandardCharsets.UTF_8);
            assertThat(status).as(e).isEqualTo(2);
            assertThat(e.lines().findFirst()).as(e).hasValue(LEADING_ZERO);
            assertThat(dir.resolve("o.bin")).doesNotExist();
        }
    }
}
