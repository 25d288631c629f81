package org.jesptool.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jesptool.monitor.doctor.Doctor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor on each failure the virtual device can produce, and on a board that works. */
class DoctorTest {
    @TempDir
    Path dir;

    private final List<String> progress = new ArrayList<>();
    private final Doctor doctor = new Doctor(progress::add, 300);

    private static String text(Doctor.Report r) {
        return Doctor.format(r);
    }

    @Test
    void workingBoardGetsItsCommandLine() {
        Doctor.Report r = doctor.examine("virtual://esp32?boot=app");
        assertThat(r.ok()).as(text(r)).isTrue();
        assertThat(r.command()).isEqualTo("esptool --port 'virtual://esp32?boot=app' --before default-reset flash-id");
        assertThat(r.attempts()).extracting(Doctor.Attempt::strategy).containsExactly(
                "no reset (chip already in download mode?)", "classic reset (DTR/RTS, 100 ms)",
                "tight reset (DTR/RTS together)", "USB-Serial/JTAG reset", "reset into the app (RTS pulse)");
        assertThat(r.attempts().get(1).synced()).isTrue();
        assertThat(r.attempts().get(0).synced()).isFalse();
        assertThat(text(r)).contains("The ROM found no valid bootloader in flash (erased?)");
        assertThat(progress).contains("Trying classic reset (DTR/RTS, 100 ms) ...");
    }

    @Test
    void strapHeldHighIsExplained() {
        Doctor.Report r = doctor.examine("virtual://esp32?boot=high");
        assertThat(r.ok()).isFalse();
        assertThat(text(r)).contains("problem: After the classic reset (DTR/RTS, 100 ms) and the tight reset (DTR/RTS"
                + " together) the chip printed 'rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)': GPIO0 (the"
                + " boot strap) was high, so the chip booted the app")
                .contains("next: Hold BOOT while resetting, or check the auto-reset circuit")
                .contains("No command works yet");
    }

    @Test
    void silentBoard() {
        Doctor.Report r = doctor.examine("virtual://esp32?boot=app&no-reply=1");
        assertThat(r.ok()).isFalse();
        assertThat(text(r)).contains("The chip printed nothing after any reset and did not answer")
                .contains("TX and RX are crossed");
    }

    @Test
    void wrongCrystalGarblesEveryRateYetSyncWorks() {
        // an ESP32-C2 ROM assumes its crystal: with 32 MHz it prints at 92160 baud, garbage at 115200 and 74880
        Doctor.Report r = doctor.examine("virtual://esp32c2?boot=app&xtal=32");
        assertThat(text(r)).contains("The chip printed only garbage, at 115200 and at 74880 baud")
                .contains("A crystal other than the ROM expects");
        assertThat(r.attempts().get(1).garbled()).isTrue();
        assertThat(r.ok()).isTrue(); // the ROM measures the host's rate from SYNC
    }

    @Test
    void esp8266At74880() {
        Doctor.Report r = doctor.examine("virtual://esp8266?boot=app");
        assertThat(r.ok()).isTrue();
        assertThat(text(r)).contains("The ROM prints its boot log at 74880 baud: an ESP8266");
        assertThat(r.attempts().get(4).printed()).startsWith("(at 74880 baud) ets Jan  8 2013,rst cause:2, boot mode:(3,6)");
    }

    @Test
    void brownOutLoop() throws Exception {
        Path log = dir.resolve("app.log");
        Files.writeString(log, "I (31) boot: ESP-IDF v5.1 2nd stage bootloader\r\n\r\nBrownout detector was triggered\r\n\r\n");
        Path flash = Fixtures.flash(dir, Fixtures.CORE_FLASH.resolve("bootloader_esp32c3.bin"), 0);
        Doctor.Report r = doctor.examine("virtual://esp32c3?boot=app&image=" + flash + "&app-log=" + log
                + "&app-reset=brownout&app-delay=20");
        assertThat(text(r)).contains("Brown-out resets: the supply voltage collapses").contains("powered hub");
    }

    @Test
    void missingPort() {
        Doctor.Report r = doctor.examine("/dev/ttyUSB77");
        assertThat(r.ok()).isFalse();
        assertThat(text(r)).contains("Port /dev/ttyUSB77 does not exist").contains("esptool list-ports");
        assertThat(r.attempts()).isEmpty();
    }

    @Test
    void socketToAChipInDownloadMode() throws Exception {
        try (EspVirtualProcess server = new EspVirtualProcess("--chip", "esp32c3")) {
            Doctor.Report r = doctor.examine("socket://127.0.0.1:" + server.port);
            assertThat(r.command()).isEqualTo("esptool --port socket://127.0.0.1:" + server.port + " --before no-reset flash-id");
            assertThat(text(r)).contains("A plain socket carries no DTR/RTS");
        }
    }

    @Test
    void pseudoTerminalWithoutControlLines() throws Exception {
        Assumptions.assumeTrue(MonitorTransportsTest.onPath("socat") || "true".equals(System.getenv("CI")),
                "socat not installed");
        try (EspVirtualProcess server = new EspVirtualProcess("--chip", "esp32")) {
            Path pty = dir.resolve("ttyV1");
            Process socat = new ProcessBuilder("socat", "pty,link=" + pty + ",raw,echo=0", "tcp:127.0.0.1:" + server.port)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("socat1.log").toFile()).start();
            try {
                for (int i = 0; i < 300 && !Files.exists(pty); i++) {
                    Thread.sleep(10);
                }
                Doctor.Report r = doctor.examine(pty.toString());
                assertThat(text(r)).contains("This port refused DTR/RTS changes");
                assertThat(r.command()).isEqualTo("esptool --port " + pty + " --before no-reset flash-id");
            } finally {
                socat.destroy();
                socat.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void busyPortNamesTheProcessHoldingIt() throws Exception {
        Assumptions.assumeTrue(MonitorTransportsTest.onPath("socat") || "true".equals(System.getenv("CI")),
                "socat not installed");
        Path pty = dir.resolve("ttyBusy");
        Process socat = new ProcessBuilder("socat", "pty,link=" + pty + ",raw,echo=0", "pty,raw,echo=0")
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        Process holder = null;
        try {
            for (int i = 0; i < 300 && !Files.exists(pty); i++) {
                Thread.sleep(10);
            }
            holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), PortHolder.class.getName(), pty.toString()).start();
            BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(r.readLine()).startsWith("open ");
            Doctor.Report report = doctor.examine(pty.toString());
            assertThat(report.ok()).isFalse();
            // socat holds the pty too (its other end); the list names every holder, the java process among them
            assertThat(text(report)).contains("is busy: held by process").contains("Close the other program")
                    .containsPattern("Processes with .*ttyBusy open: .*\\b" + holder.pid() + " \\(");
        } finally {
            if (holder != null) {
                holder.destroy();
                holder.waitFor(5, TimeUnit.SECONDS);
            }
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
