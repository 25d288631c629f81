package org.jesptool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every info command against the in-process virtual device, for every chip, with exact configured values. */
class VirtualChipCommandsTest {

    /** Chip, description printed for the virtual's default eFuse fields (package 0, no embedded memory), revision. */
    static Stream<Arguments> chips() {
        return Stream.of(
                Arguments.of("esp8266", "ESP8266EX", "0.0"),
                Arguments.of("esp32", "ESP32-D0WDQ6-V3", "3.0"),
                Arguments.of("esp32s2", "ESP32-S2", "1.2"),
                Arguments.of("esp32s3", "ESP32-S3 (QFN56)", "0.2"),
                Arguments.of("esp32c2", "ESP32-C2", "1.1"),
                Arguments.of("esp32c3", "ESP32-C3 (QFN32)", "0.4"),
                Arguments.of("esp32c5", "ESP32-C5", "1.2"),
                Arguments.of("esp32c6", "ESP32-C6 (QFN40)", "0.2"),
                Arguments.of("esp32c61", "ESP32-C61", "1.0"),
                Arguments.of("esp32h2", "ESP32-H2", "0.1"),
                Arguments.of("esp32p4", "ESP32-P4", "1.3"));
    }

    static String port(String chip, String rev) {
        String mac = chip.equals("esp8266") ? "18:fe:34:12:34:56" : "aa:bb:cc:12:34:56";
        String revOpt = chip.equals("esp8266") ? "" : "&rev=v" + rev;
        return "virtual://" + chip + "?flash=8MB&jedec=c84017&mac=" + mac + revOpt;
    }

    @ParameterizedTest
    @MethodSource("chips")
    void readMacChipInfoAndRevision(String chip, String description, String rev) {
        Cli r = Cli.run("--port", port(chip, rev), "read-mac");
        assertThat(r.code).as(r.toString()).isZero();
        // the description as esptool derives it from the (default) eFuse package fields; ESP8266 has no revision
        assertThat(r.value("Chip type")).isEqualTo(chip.equals("esp8266") ? description : description + " (revision v" + rev + ")");
        String mac = chip.equals("esp8266") ? "18:fe:34:12:34:56" : "aa:bb:cc:12:34:56";
        if (chip.equals("esp32c6") || chip.equals("esp32h2")) {
            assertThat(r.lines()).contains("MAC: aa:bb:cc:ff:fe:12:34:56", "BASE MAC: " + mac, "MAC_EXT: ff:fe");
        } else {
            assertThat(r.lines()).contains("MAC: " + mac);
        }
        assertThat(r.lines()).contains("Hard resetting via RTS pin...");
    }

    @ParameterizedTest
    @MethodSource("chips")
    void flashIdAndStatus(String chip, String display, String rev) {
        Cli r = Cli.run("-p", port(chip, rev), "--chip", chip, "flash_id");
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.value("Manufacturer")).isEqualTo("c8");
        assertThat(r.value("Device")).isEqualTo("4017");
        assertThat(r.value("Detected flash size")).isEqualTo("8MB");
        assertThat(r.err).contains("Warning: Deprecated: Command 'flash_id' is deprecated. Use 'flash-id' instead.");

        Cli s = Cli.run("-p", port(chip, rev), "read-flash-status", "--bytes", "1");
        assertThat(s.code).as(s.toString()).isZero();
        assertThat(s.value("Status value")).matches("0x[0-9a-f]{2}");
    }

    @ParameterizedTest
    @MethodSource("chips")
    void memoryCommands(String chip, String display, String rev, @TempDir Path tmp) throws Exception {
        int ram = switch (chip) {
            case "esp8266" -> 0x3FFE8000;
            case "esp32" -> 0x3FFB0000;
            case "esp32s2" -> 0x3FFB0000;
            case "esp32s3" -> 0x3FC90000;
            case "esp32c2" -> 0x3FCA0000;
            case "esp32c3" -> 0x3FC90000;
            case "esp32p4" -> 0x4FF10000;
            default -> 0x40810000;
        };
        String a = String.format("0x%08x", ram);
        Cli w = Cli.run("-p", port(chip, rev), "--after", "no-reset", "write-mem", a, "0x12345678");
        assertThat(w.code).as(w.toString()).isZero();
        assertThat(w.lines()).contains("Wrote 0x12345678, mask 0xffffffff to " + a);
        assertThat(w.lines()).contains("Staying in bootloader.");
        Cli m = Cli.run("-p", port(chip, rev), "dump-mem", a, "16", tmp.resolve("d.bin").toString());
        assertThat(m.code).as(m.toString()).isZero();
        assertThat(Files.size(tmp.resolve("d.bin"))).isEqualTo(16);
    }

    @ParameterizedTest
    @MethodSource("chips")
    void macRegisterReadWithReadMem(String chip, String display, String rev) {
        int reg = macReg(chip);
        Cli r = Cli.run("-p", port(chip, rev), "read_mem", String.format("0x%08x", reg));
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.lines()).anyMatch(l -> l.matches(String.format("0x%08x = 0x[0-9a-f]{8}", reg)));
    }

    @ParameterizedTest
    @MethodSource("chips")
    void chipIdSecurityInfoStatusWriteSfdpLoadRamAndRun(String chip, String display, String rev, @TempDir Path tmp)
            throws Exception {
        String port = port(chip, rev);
        Cli id = Cli.run("-p", port, "chip-id");
        assertThat(id.code).as(id.toString()).isZero();
        if (chip.equals("esp8266")) {
            assertThat(id.value("Chip ID")).isEqualTo("0x00123456");
        } else {
            assertThat(id.lines()).contains("MAC: aa:bb:cc:12:34:56");
        }

        Cli sec = Cli.run("-p", port, "get-security-info");
        if (chip.equals("esp8266") || chip.equals("esp32")) {
            assertThat(sec.code).isEqualTo(2);
            assertThat(sec.err).contains("does not have GET_SECURITY_INFO");
        } else {
            assertThat(sec.code).as(sec.toString()).isZero();
            assertThat(sec.value("Secure boot")).isEqualTo("Disabled");
            if (!chip.equals("esp32s2")) {
                int expectedId = org.jesptool.target.Chips.byName(chip).orElseThrow().imageChipId();
                assertThat(sec.value("Chip ID")).isEqualTo(String.valueOf(expectedId));
            }
        }

        Cli ws = Cli.run("-p", port, "write_flash_status", "--non-volatile", "--bytes", "1", "0x00");
        assertThat(ws.code).as(ws.toString()).isZero();
        assertThat(ws.value("After flash status")).isEqualTo("0x00");

        Cli sfdp = Cli.run("-p", port, "read-flash-sfdp", "0x0", "4");
        assertThat(sfdp.code).as(sfdp.toString()).isZero();
        assertThat(sfdp.value("SFDP[0x0]")).matches("0x[0-9a-f]{8}");

        int ram = ramAddress(chip);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((chip.equals("esp8266") ? 8 : 24) + 8 + 16)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0xE9).put((byte) 1).put((byte) 2).put((byte) 0x20).putInt(ram);
        if (!chip.equals("esp8266")) {
            b.put(new byte[16]);
        }
        b.putInt(ram).putInt(16).put(new byte[16]);
        Files.write(tmp.resolve("ram.bin"), b.array());
        Cli load = Cli.run("-p", port, "load-ram", tmp.resolve("ram.bin").toString());
        assertThat(load.code).as(load.toString()).isZero();
        assertThat(load.lines()).contains(String.format("Downloading 16 bytes at 0x%08x...", ram));

        Cli run = Cli.run("-p", port, "run");
        assertThat(run.code).as(run.toString()).isZero();
        assertThat(run.lines()).contains("Running user code...");
    }

    static int ramAddress(String chip) {
        return switch (chip) {
            case "esp8266" -> 0x3FFE8000;
            case "esp32", "esp32s2" -> 0x3FFB0000;
            case "esp32s3", "esp32c3" -> 0x3FC90000;
            case "esp32c2" -> 0x3FCA0000;
            case "esp32p4" -> 0x4FF10000;
            default -> 0x40810000;
        };
    }

    static int macReg(String chip) {
        return org.jesptool.target.Chips.byName(chip).orElseThrow().macEfuseReg();
    }

    @Test
    void chipTypeAndFeaturesComeFromTheEfusePackageAndMemoryFields() {
        Cli r = Cli.run("--port", "virtual://esp32s3?rev=v0.2&pkg=1&flash-cap=2&flash-vendor=1&psram-cap=2&psram-vendor=1",
                "read-mac");
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.value("Chip type")).isEqualTo("ESP32-S3-PICO-1 (LGA56) (revision v0.2)");
        assertThat(r.value("Features")).isEqualTo(
                "Wi-Fi, BT 5 (LE), Dual Core + LP Core, 240MHz, Embedded Flash 4MB (XMC), Embedded PSRAM 2MB (AP_3v3)");
    }
}
