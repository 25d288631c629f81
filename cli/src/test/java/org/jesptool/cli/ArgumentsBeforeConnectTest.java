package org.jesptool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad numbers and option values are reported before the port is opened, as esptool's argument parser does. */
class ArgumentsBeforeConnectTest {
    @TempDir
    Path dir;

    private Cli run(String... command) {
        String[] args = new String[command.length + 2];
        args[0] = "--port";
        args[1] = "virtual://esp32?flash=4MB&image=" + dir.resolve("flash.bin");
        System.arraycopy(command, 0, args, 2, command.length);
        return Cli.run(Map.of(), dir, args);
    }

    private void assertRejectedUnconnected(String expected, String... command) {
        Cli r = run(command);
        assertThat(r.code).as(r.toString()).isEqualTo(2);
        assertThat(r.err).as(r.toString()).contains(expected).doesNotContain("Exception");
        assertThat(r.out).as(r.toString()).doesNotContain("Connecting").doesNotContain("Connected");
        assertThat(dir.resolve("flash.bin")).as("the virtual chip was never opened").doesNotExist();
    }

    @Test
    void flashCommandsCheckTheirArgumentsFirst() throws Exception {
        String bin = Files.write(dir.resolve("a.bin"), new byte[16]).toString();
        assertRejectedUnconnected("0x1000x", "read-flash", "0", "0x1000x", "out.bin");
        assertRejectedUnconnected("zero", "read-flash", "zero", "4k", "out.bin");
        assertRejectedUnconnected("size must be positive", "read-flash", "0", "0", "out.bin");
        assertRejectedUnconnected("-1 is negative", "read-flash", "0", "-1", "out.bin");
        assertRejectedUnconnected("-4096 is negative", "erase-region", "0", "-4096");
        assertRejectedUnconnected("0x10q", "erase-region", "0x10q", "0x1000");
        assertRejectedUnconnected("must be a multiple of 4096", "erase-region", "0x1001", "0x1000");
        assertRejectedUnconnected("must be a positive multiple of 4096", "erase-region", "0x1000", "0x800");
        assertRejectedUnconnected("0x1000x", "write-flash", "0x1000x", bin);
        assertRejectedUnconnected("3x", "write-flash", "--pad-to-size", "3x", "0x1000", bin);
        assertRejectedUnconnected("exclude each other", "write-flash", "-z", "-u", "0x1000", bin);
        assertRejectedUnconnected("Detected overlap", "write-flash", "0x1000", bin, "--encrypt-files", "0x1000", bin);
        assertRejectedUnconnected("0x2000x", "write-flash", "0x1000", bin, "--encrypt-files", "0x2000x", bin);
        assertRejectedUnconnected("missing.bin", "write-flash", "--init-data", dir.resolve("missing.bin").toString(),
                "0x1000", bin);
        assertRejectedUnconnected("one file (or 'skip') per written file", "write-flash", "0x1000", bin,
                "0x2000", bin, "--diff-with", bin);
        assertRejectedUnconnected("0x8000x", "verify-flash", "0x8000x", bin);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a.bin");
        }
    }

    @Test
    void numberTakingInfoCommandsCheckTheirArgumentsFirst() {
        assertRejectedUnconnected("0x4000x", "read-mem", "0x4000x");
        assertRejectedUnconnected("'1y'", "write-mem", "0x40000000", "1y");
        assertRejectedUnconnected("'5q'", "dump-mem", "0x40000000", "5q", "out.bin");
        assertRejectedUnconnected("SIZE", "dump-mem", "0x40000000", "-4", "out.bin");
        assertRejectedUnconnected("BYTES must be 1 to 4", "read-flash-sfdp", "0", "9");
        assertRejectedUnconnected("--bytes must be 1, 2 or 3", "write-flash-status", "--bytes", "5", "0");
        assertRejectedUnconnected("--bytes must be 1, 2 or 3", "read-flash-status", "--bytes", "0");
        assertRejectedUnconnected("0xZZ", "write-flash-status", "0xZZ");
    }
}
