package org.jesptool.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.jesptool.cli.EsptoolMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** esptool monitor, doctor and write-flash --monitor from the command line: exit status and messages. */
class MonitorCliTest {
    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
    }

    Result esptool(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = EsptoolMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), dir, false);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void monitorShowsAndExplainsTheBootLog() {
        Result r = esptool("--port", "virtual://esp32c3?boot=app", "monitor", "--non-interactive", "--timeout", "0.6");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("rst:0x1 (POWERON),boot:0xc (SPI_FAST_FLASH_BOOT)\r\n"
                + "--- rst cause 1 (POWERON): power-on").contains("invalid header: 0xffffffff\r\n--- no bootloader where")
                .doesNotContain("\u001B[");
        assertThat(r.err()).contains("--- jesptool monitor on virtual://esp32c3?boot=app at 115200 baud");
    }

    @Test
    void badInputIsOneParagraph() throws Exception {
        Result r = esptool("--port", "/dev/ttyUSB77", "monitor", "--non-interactive", "--timeout", "0.3");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("Serial port /dev/ttyUSB77 does not exist").doesNotContain("Exception");
        Path notElf = dir.resolve("app.bin");
        Files.write(notElf, new byte[256]);
        r = esptool("--port", "virtual://esp32", "monitor", "--elf", notElf.toString(), "--timeout", "0.3");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("A fatal error occurred: Cannot use " + notElf).contains("invalid ELF magic")
                .doesNotContain("Exception");
        r = esptool("--port", "virtual://esp32", "monitor", "--elf", "missing.elf", "--timeout", "0.3");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("missing.elf does not exist");
    }

    @Test
    void doctorExitStatusAndCommandLine() {
        Result r = esptool("--port", "virtual://esp32?boot=app", "doctor", "--listen", "250");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("This command works: esptool --port 'virtual://esp32?boot=app' --before"
                + " default-reset flash-id");
        r = esptool("doctor", "--port", "virtual://esp32?boot=high", "--listen", "250");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).contains("GPIO0 (the boot strap) was high").contains("No command works yet");
    }

    @Test
    void writeFlashThenMonitor() throws Exception {
        Path image = dir.resolve("flash.bin");
        Path bootloader = Path.of("..", "test-support", "src", "main", "resources", "org", "jesptool", "testsupport", "flash", "bootloader_esp32c3.bin").toAbsolutePath();
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(new byte[] {0x1D})); // Ctrl+] ends the monitor
            Result r = esptool("--port", "virtual://esp32c3?boot=app&image=" + image, "write-flash", "--monitor",
                    "0x0", bootloader.toString());
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).contains("Hash of data verified.");
            assertThat(r.err()).contains("--- jesptool monitor on virtual://esp32c3?boot=app&image=" + image);
        } finally {
            System.setIn(stdin);
        }
        byte[] written = Arrays.copyOf(Files.readAllBytes(image), (int) Files.size(bootloader));
        assertThat(written).isEqualTo(Files.readAllBytes(bootloader));
    }
}
