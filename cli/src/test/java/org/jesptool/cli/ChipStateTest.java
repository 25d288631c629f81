package org.jesptool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Secure Download Mode, --after actions, port auto-detection without ports. */
class ChipStateTest {
    @Test
    void secureDownloadModeAllowsOnlySecurityInfo() {
        Cli mac = Cli.run("--port", "virtual://esp32s3?sdm=1", "read-mac");
        assertThat(mac.code).isEqualTo(2);
        assertThat(mac.value("Chip type")).isEqualTo("ESP32-S3 in Secure Download Mode");
        assertThat(mac.err).contains("not available while the chip is in Secure Download Mode");
        Cli info = Cli.run("--port", "virtual://esp32s3?sdm=1", "get-security-info");
        assertThat(info.code).as(info.toString()).isZero();
        assertThat(info.value("Flags")).isEqualTo("0x00000004 (0b100)");
        assertThat(info.value("Secure download mode")).isEqualTo("Enabled");
    }

    @Test
    void esp32S2InSecureDownloadModeIsFoundThroughItsRefusedRegisterRead() {
        Cli info = Cli.run("--port", "virtual://esp32s2?sdm=1", "get-security-info");
        assertThat(info.code).as(info.toString()).isZero();
        assertThat(info.value("Chip type")).isEqualTo("ESP32-S2 in Secure Download Mode");
        assertThat(info.out).doesNotContain("Chip ID:");
    }

    @Test
    void afterActions() {
        String c3 = "virtual://esp32c3";
        assertThat(Cli.run("--port", c3, "--after", "soft-reset", "read-mem", "0x60008844").lines())
                .contains("Soft resetting...");
        assertThat(Cli.run("--port", c3, "--after", "watchdog_reset", "read-mem", "0x60008844").lines())
                .contains("Resetting with the RTC watchdog...");
        Cli esp32 = Cli.run("--port", "virtual://esp32", "--after", "watchdog-reset", "read-mem", "0x3ff5a004");
        assertThat(esp32.code).isZero();
        assertThat(esp32.out).contains("Watchdog reset is not available on ESP32; used a hard reset instead.");
        Cli bad = Cli.run("--port", c3, "--after", "explode", "read-mac");
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.err).contains("Invalid --after value 'explode'");
    }

    @Test
    void autoDetectionWithAFilterThatMatchesNothing() {
        Cli r = Cli.run("--port-filter", "vid=0x9999", "name=nothing-like-this", "read-mac");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("No serial ports found matching --port-filter");
        Cli bad = Cli.run("--port-filter", "colour=blue", "read-mac");
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.err).contains("Invalid --port-filter key 'colour'");
    }

    @Test
    void listPortsRuns() {
        Cli r = Cli.run("list-ports");
        assertThat(r.code).isZero();
        assertThat(r.out).isNotEmpty();
    }

    @Test
    void overrideVddsdioOnEsp32OnlyAndBaudFromEnvironment() {
        Cli r = Cli.run(java.util.Map.of("ESPTOOL_BAUD", "921600"), java.nio.file.Path.of("").toAbsolutePath(),
                "--trace", "--port", "virtual://esp32", "--override-vddsdio", "1.9v", "read-mac");
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.lines()).contains("Changing baud rate to 921600...", "VDD_SDIO regulator set to 1.9V.");
        // WRITE_REG RTC_CNTL_SDIO_CONF = force | pd_en | xpd | boosted references
        assertThat(r.err).contains("00 09 10 00 00 00 00 00 74 80 f4 3f 00 00 60 fe ff ff ff ff 00 00 00 00");
        Cli c3 = Cli.run("--port", "virtual://esp32c3", "--override-vddsdio", "1.8V", "read-mac");
        assertThat(c3.code).isEqualTo(2);
        assertThat(c3.err).contains("only for ESP32");
    }

    @Test
    void verboseShowsWhatTheChipPrintedDuringReset() {
        Cli r = Cli.run("--verbose", "--port", "virtual://esp32", "read-mac");
        assertThat(r.out).contains("The chip printed while resetting:").contains("waiting for download");
    }

    @Test
    void openPortAttemptsRetryOnlyWithAConcreteChip() {
        java.util.Map<String, String> env = java.util.Map.of("ESPTOOL_OPEN_PORT_ATTEMPTS", "3");
        java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
        Cli r = Cli.run(env, cwd, "--verbose", "--chip", "esp32", "--port", "/dev/ttyGONE7", "read-mac");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.out.split("retrying", -1)).hasSize(3); // two retries after the first failure
        Cli auto = Cli.run(env, cwd, "--verbose", "--port", "/dev/ttyGONE7", "read-mac");
        assertThat(auto.out).doesNotContain("retrying");
    }

    @Test
    void c2InSecureDownloadModeKeepsTheBaudRate() {
        Cli r = Cli.run("--port", "virtual://esp32c2?sdm=1", "--baud", "460800", "get-security-info");
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.out).contains("cannot change the baud rate; staying at 115200").doesNotContain("Changing baud rate");
        assertThat(r.value("Chip ID")).isEqualTo("12");
    }
}
