package org.jesptool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drop-in behaviour: env vars, config file, @file, both spellings, exit codes, error paragraphs. */
class CliBehaviourTest {
    static final String C3 = "virtual://esp32c3?mac=11:22:33:44:55:66&rev=v0.4";

    @Test
    void versionNeedsNoChip() {
        Cli r = Cli.run("version");
        assertThat(r.code).isZero();
        assertThat(r.out).startsWith("jesptool v").contains("esptool v5.3 compatible");
    }

    @Test
    void portAndChipFromEnvironment(@TempDir Path dir) {
        Cli r = Cli.run(Map.of("ESPTOOL_PORT", C3, "ESPTOOL_CHIP", "ESP32-C3", "ESPTOOL_AFTER", "no_reset"), dir, "read_mac");
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.lines()).contains("MAC: 11:22:33:44:55:66", "Staying in bootloader.");
        Cli wrong = Cli.run(Map.of("ESPTOOL_PORT", C3, "ESPTOOL_CHIP", "esp32"), dir, "read-mac");
        assertThat(wrong.code).isEqualTo(2);
        assertThat(wrong.err).contains("This chip is ESP32-C3, not ESP32. Wrong --chip argument?");
        assertThat(wrong.err).doesNotContain("Exception");
    }

    @Test
    void esp32BaudChangeCorrectsForTheRomCrystalEstimate() {
        // 26 MHz board, ROM estimate right; 40 MHz board whose ROM estimated 42 MHz (RTC calibration drift):
        // only the reference's correction (baud x estimate / crystal) makes the raised baud rate work.
        for (String port : new String[] {"virtual://esp32?xtal=26", "virtual://esp32?rom-xtal=42"}) {
            Cli r = Cli.run("--port", port, "--baud", "921600", "--after", "no-reset", "flash-id");
            assertThat(r.code).as(port + "\n" + r).isZero();
            assertThat(r.lines()).contains("Changed.", "Manufacturer: ef");
        }
    }

    @Test
    void atFileExpandsToArguments(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("args.txt"), "--port '" + C3 + "'\n# comment\n--after no-reset read-mac\n");
        Cli r = Cli.run(Map.of(), dir, "@args.txt");
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.lines()).contains("MAC: 11:22:33:44:55:66");
        Cli missing = Cli.run(Map.of(), dir, "@nope.txt");
        assertThat(missing.code).isEqualTo(2);
        assertThat(missing.err).contains("Argument file nope.txt");
    }

    @Test
    void configFileSectionIsReadAndUnknownKeysAreNoted(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("setup.cfg"), "[metadata]\nname = x\n\n[esptool]\nconnect_attempts = 1\n"
                + "custom_reset_sequence = D0|R1|W0.01|D1|R0|W0.01|D0\nsomething_new = 3\n");
        Cli r = Cli.run(Map.of(), dir, "--port", C3, "read-mac");
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.out).contains("Ignoring unknown config key 'something_new'")
                .contains("Loaded custom configuration from " + dir.resolve("setup.cfg").toAbsolutePath() + "\n");
        Files.writeString(dir.resolve("other.cfg"), "[esptool]\ncustom_reset_sequence = D0|Q1\n");
        Cli bad = Cli.run(Map.of("ESPTOOL_CFGFILE", "other.cfg"), dir, "--port", C3, "read-mac");
        assertThat(bad.out).contains("Loaded custom configuration from " + dir.resolve("other.cfg").toAbsolutePath()
                + " (set with ESPTOOL_CFGFILE)");
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.err).contains("Invalid step 'Q1'");
    }

    @Test
    void usageErrorsExitWith2AndOneParagraph() {
        Cli unknown = Cli.run("frobnicate");
        assertThat(unknown.code).isEqualTo(2);
        assertThat(unknown.err).contains("No such command 'frobnicate'").contains("esptool --help");
        Cli unknownHelp = Cli.run("no-such-command", "--help");
        assertThat(unknownHelp.code).as(unknownHelp.toString()).isEqualTo(2);
        assertThat(unknownHelp.err).contains("No such command 'no-such-command'");
        assertThat(unknownHelp.out).doesNotContain("Usage:");
        Cli option = Cli.run("read-mac", "--bogus");
        assertThat(option.code).isEqualTo(2);
        assertThat(option.err).contains("Unknown option '--bogus'");
        Cli number = Cli.run("--port", C3, "read-mem", "0x12zz");
        assertThat(number.code).isEqualTo(2);
        assertThat(number.err).contains("Invalid number '0x12zz'");
        Cli chip = Cli.run("--chip", "esp99", "--port", C3, "read-mac");
        assertThat(chip.code).isEqualTo(2);
        assertThat(chip.err).contains("Unknown chip 'esp99'");
        Cli before = Cli.run("--before", "sometimes", "--port", C3, "read-mac");
        assertThat(before.code).isEqualTo(2);
        assertThat(before.err).contains("Invalid --before value 'sometimes'");
    }

    @Test
    void missingPortIsAFatalErrorWithoutStackTrace() {
        Cli r = Cli.run("--port", "/dev/ttyNOPE42", "read-mac");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("A fatal error occurred: Serial port /dev/ttyNOPE42 does not exist.")
                .doesNotContain("\tat ");
        Cli traced = Cli.run("--trace", "--port", "/dev/ttyNOPE42", "read-mac");
        assertThat(traced.err).contains("\tat ");
    }

    @Test
    void traceShowsEveryFrame() {
        Cli r = Cli.run("--trace", "--port", C3, "--after", "no-reset", "read-mem", "0x60008844");
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.err).contains("write 44 bytes: 00 08 24 00").contains("read ").contains("00 0a 04 00 00 00 00 00 44 88 00 60");
    }

    @Test
    void chipIdOnEsp8266AndMacFallbackElsewhere() {
        Cli r = Cli.run("--port", "virtual://esp8266?mac=18:fe:34:a1:b2:c3", "chip-id");
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.value("Chip ID")).isEqualTo("0x00a1b2c3");
        Cli c3 = Cli.run("--port", C3, "chip_id");
        assertThat(c3.code).isZero();
        assertThat(c3.err).contains("ESP32-C3 has no chip id");
        assertThat(c3.lines()).contains("MAC: 11:22:33:44:55:66");
    }

    @Test
    void securityInfoOfS3() {
        Cli r = Cli.run("--port", "virtual://esp32s3", "get-security-info");
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.value("Chip ID")).isEqualTo("9");
        assertThat(r.value("Secure boot")).isEqualTo("Disabled");
        assertThat(r.value("Flags")).startsWith("0x00000000");
        Cli esp32 = Cli.run("--port", "virtual://esp32", "get-security-info");
        assertThat(esp32.code).isEqualTo(2);
        assertThat(esp32.err).contains("does not have GET_SECURITY_INFO");
    }

    @Test
    void flashStatusWriteReadAndSfdp() {
        String port = "virtual://esp32c3?jedec=c84016";
        Cli w = Cli.run("--port", port, "write-flash-status", "--bytes", "2", "0x0200");
        assertThat(w.code).as(w.toString()).isZero();
        assertThat(w.value("Setting flash status")).isEqualTo("0x0200");
        Cli sfdp = Cli.run("--port", port, "read-flash-sfdp", "0", "4");
        assertThat(sfdp.code).as(sfdp.toString()).isZero();
        assertThat(sfdp.lines()).anyMatch(l -> l.matches("SFDP\\[0x0\\]: 0x[0-9a-f]{8}"));
    }

    @Test
    void stubFileIsUploadedAndNoStubForcesRom(@TempDir Path dir) throws Exception {
        Path stub = dir.resolve("stub.json");
        Files.writeString(stub, "{\"text\": \"" + Base64.getEncoder().encodeToString(new byte[64])
                + "\", \"text_start\": " + 0x40380000L + ", \"data\": \"" + Base64.getEncoder().encodeToString(new byte[16])
                + "\", \"data_start\": " + 0x3FC96BB4L + ", \"entry\": " + 0x40380000L + "}");
        Cli r = Cli.run("--port", C3, "--stub-file", stub.toString(), "flash-id");
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.out).contains("Uploading flasher stub...").contains("Flasher stub running.");
        Cli rom = Cli.run("--port", C3, "--no-stub", "--stub-file", stub.toString(), "flash-id");
        assertThat(rom.out).contains("Using the ROM loader (--no-stub)").doesNotContain("Uploading");
        // no stub option: our own stub (every chip has one now, the Xtensa ESP32 included)
        for (String port : new String[] {C3, "virtual://esp32"}) {
            Cli own = Cli.run("--port", port, "flash-id");
            assertThat(own.out).as(port).contains("Uploading flasher stub...").contains("Flasher stub running.");
            assertThat(own.err).as(port).isEmpty();
        }
    }

    @Test
    void loadRamRunsAnImageAndSkipsTheAfterReset(@TempDir Path dir) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(24 + 8 + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0xE9).put((byte) 1).put((byte) 2).put((byte) 0x20).putInt(0x40380000);
        b.put(new byte[16]);
        b.putInt(0x40380000).putInt(16).put(new byte[16]);
        Files.write(dir.resolve("app.bin"), b.array());
        Cli r = Cli.run(Map.of(), dir, "--port", C3, "load-ram", "app.bin");
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.lines()).contains("Downloading 16 bytes at 0x40380000...", "All segments done, executing at 0x40380000.");
        assertThat(r.out).doesNotContain("Hard resetting");
        Cli missing = Cli.run(Map.of(), dir, "--port", C3, "load_ram", "nope.bin");
        assertThat(missing.code).isEqualTo(2);
        assertThat(missing.err).contains("nope.bin does not exist");
    }

    @Test
    void runLeavesTheLoader() {
        Cli r = Cli.run("--port", C3, "run");
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.lines()).contains("Running user code...");
    }

    @Test
    void silentPrintsNothingButErrors() {
        Cli r = Cli.run("--silent", "--port", C3, "read-mac");
        assertThat(r.code).isZero();
        assertThat(r.out).isEmpty();
        Cli both = Cli.run("--silent", "--verbose", "--port", C3, "read-mac");
        assertThat(both.code).isEqualTo(2);
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : new String[] {"read-mac", "chip-id", "flash-id", "read-flash-status", "write-flash-status",
            "read-flash-sfdp", "get-security-info", "read-mem", "write-mem", "dump-mem", "load-ram", "run", "version",
            "list-ports"}) {
            Cli r = Cli.run(c, "--help");
            assertThat(r.code).as(c).isZero();
            assertThat(r.out).as(c).contains("Usage: esptool " + c);
        }
    }

    @Test
    void chipThatDoesNotAnswerIsAFatalErrorWithAnExplanation() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (java.net.Socket s = silent.accept()) {
                    s.getInputStream().readAllBytes();
                } catch (java.io.IOException e) {
                    // test over
                }
            });
            t.setDaemon(true);
            t.start();
            Cli r = Cli.run("--port", "socket://127.0.0.1:" + silent.getLocalPort(), "--connect-attempts", "1", "read-mac");
            assertThat(r.code).isEqualTo(2);
            assertThat(r.err).contains("no serial data received at all. Wrong port, no power, or TX/RX swapped?")
                    .doesNotContain("\tat ");
        }
    }
}
