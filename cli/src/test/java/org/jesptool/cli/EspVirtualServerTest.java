package org.jesptool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The esptool commands against esp-virtual (EspVirtualMain in its own process) over socket:// and rfc2217://. */
class EspVirtualServerTest {

    /** Starts esp-virtual as bin/esp-virtual would, on a free port; returns the process and its URL. */
    static Process start(List<String> args, String[] url) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.jesptool.virtual.EspVirtualMain",
                "--listen", "127.0.0.1:0"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        Matcher m = Pattern.compile("connect with (\\S+)\\)").matcher(String.valueOf(line));
        if (!m.find()) {
            p.destroy();
            throw new AssertionError("esp-virtual did not start: " + line);
        }
        url[0] = m.group(1);
        return p;
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        p.waitFor(5, TimeUnit.SECONDS);
    }

    @Test
    void overPlainSocket() throws Exception {
        String[] url = new String[1];
        Process p = start(List.of("--chip", "esp32", "--mac", "24:0a:c4:aa:bb:cc", "--rev", "v1.1",
                "--jedec", "204017"), url);
        try {
            assertThat(url[0]).startsWith("socket://");
            Cli r = Cli.run("--port", url[0], "read-mac");
            assertThat(r.code).as(r.toString()).isZero();
            assertThat(r.value("Chip type")).isEqualTo("ESP32-D0WDQ6 (revision v1.1)");
            assertThat(r.value("Features")).isEqualTo("Wi-Fi, BT, Dual Core + LP Core, Coding Scheme None");
            assertThat(r.lines()).contains("MAC: 24:0a:c4:aa:bb:cc");
            Cli f = Cli.run("--port", url[0], "--chip", "esp32", "flash-id");
            assertThat(f.code).as(f.toString()).isZero();
            assertThat(f.value("Manufacturer")).isEqualTo("20");
            assertThat(f.value("Device")).isEqualTo("4017");
            assertThat(f.value("Detected flash size")).isEqualTo("8MB");
        } finally {
            stop(p);
        }
    }

    @Test
    void overRfc2217WithResetAndBaudChange() throws Exception {
        String[] url = new String[1];
        Process p = start(List.of("--chip", "esp32h2", "--rfc2217", "--boot", "app", "--mac", "60:55:f9:01:02:03",
                "--rev", "v0.1", "--jedec", "c84016"), url);
        try {
            assertThat(url[0]).startsWith("rfc2217://");
            Cli r = Cli.run("--port", url[0], "--baud", "460800", "read-mac");
            assertThat(r.code).as(r.toString()).isZero();
            assertThat(r.value("Chip type")).isEqualTo("ESP32-H2 (revision v0.1)");
            assertThat(r.lines()).contains("Changing baud rate to 460800...", "BASE MAC: 60:55:f9:01:02:03",
                    "MAC: 60:55:f9:ff:fe:01:02:03");
            Cli f = Cli.run("--port", url[0], "flash-id");
            assertThat(f.code).as(f.toString()).isZero();
            assertThat(f.value("Device")).isEqualTo("4016");
            Cli s = Cli.run("--port", url[0], "get-security-info");
            assertThat(s.code).as(s.toString()).isZero();
            assertThat(s.value("Chip ID")).isEqualTo("16");
        } finally {
            stop(p);
        }
    }

    @Test
    void stubLeftRunningIsFoundByTheNextClient(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path stub = dir.resolve("stub.json");
        java.nio.file.Files.writeString(stub, "{\"text\": \"" + java.util.Base64.getEncoder().encodeToString(new byte[64])
                + "\", \"text_start\": " + 0x40380000L + ", \"data\": \"AAAAAA==\", \"data_start\": " + 0x3FC96BB4L
                + ", \"entry\": " + 0x40380000L + "}");
        String[] url = new String[1];
        Process p = start(List.of("--chip", "esp32c3"), url);
        try {
            Cli first = Cli.run("--port", url[0], "--stub-file", stub.toString(), "--after", "no-reset-stub", "flash-id");
            assertThat(first.code).as(first.toString()).isZero();
            assertThat(first.lines()).contains("Uploading flasher stub...", "Staying in flasher stub.");
            Cli second = Cli.run("--port", url[0], "--stub-file", stub.toString(), "flash-id");
            assertThat(second.code).as(second.toString()).isZero();
            assertThat(second.lines()).contains("A flasher stub is already running on the chip; using it.")
                    .doesNotContain("Uploading flasher stub...");
        } finally {
            stop(p);
        }
    }

    /** Every info command over one transport; the server keeps the board powered between clients. */
    static void everyCommand(String url, String chip, int chipId, String mac, String rev, String device, Path dir)
            throws Exception {
        Cli r = Cli.run("--port", url, "--chip", chip, "read-mac");
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.value("Chip type")).endsWith("(revision v" + rev + ")");
        assertThat(r.lines()).contains("MAC: " + mac);
        Cli id = Cli.run("--port", url, "chip_id");
        assertThat(id.lines()).as(id.toString()).contains("MAC: " + mac);
        Cli f = Cli.run("--port", url, "flash-id");
        assertThat(f.value("Device")).as(f.toString()).isEqualTo(device);
        Cli st = Cli.run("--port", url, "write-flash-status", "--bytes", "1", "0x00");
        assertThat(st.value("After flash status")).as(st.toString()).isEqualTo("0x00");
        Cli rs = Cli.run("--port", url, "read-flash-status");
        assertThat(rs.value("Status value")).as(rs.toString()).matches("0x[0-9a-f]{4}");
        Cli sf = Cli.run("--port", url, "read-flash-sfdp", "0", "4");
        assertThat(sf.code).as(sf.toString()).isZero();
        Cli sec = Cli.run("--port", url, "get-security-info");
        assertThat(sec.value("Chip ID")).as(sec.toString()).isEqualTo(String.valueOf(chipId));
        // RAM survives between clients only without a reset in between
        // (with the stub, --after no-reset returns to the ROM through a software reset, as esptool does)
        Cli w = Cli.run("--port", url, "--no-stub", "--after", "no-reset", "write-mem", "0x3fc90000", "0xcafe0001");
        assertThat(w.code).as(w.toString()).isZero();
        Cli m = Cli.run("--port", url, "--no-stub", "--before", "no-reset", "--after", "no-reset", "read-mem",
                "0x3fc90000");
        assertThat(m.lines()).as(m.toString()).contains("0x3fc90000 = 0xcafe0001");
        Cli d = Cli.run("--port", url, "--before", "no-reset", "dump-mem", "0x3fc90000", "8", dir.resolve("m.bin").toString());
        assertThat(d.code).as(d.toString()).isZero();
        assertThat(java.nio.file.Files.readAllBytes(dir.resolve("m.bin"))).startsWith((byte) 0x01, (byte) 0x00,
                (byte) 0xfe, (byte) 0xca);
        Cli run = Cli.run("--port", url, "run");
        assertThat(run.lines()).as(run.toString()).contains("Running user code...");
    }

    @Test
    void everyInfoCommandOverSocketAndRfc2217(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String[] url = new String[1];
        Process p = start(List.of("--chip", "esp32s3", "--mac", "f4:12:fa:0a:0b:0c", "--rev", "v0.2", "--jedec", "c84017"), url);
        try {
            everyCommand(url[0], "esp32s3", 9, "f4:12:fa:0a:0b:0c", "0.2", "4017", dir);
        } finally {
            stop(p);
        }
        p = start(List.of("--chip", "esp32c3", "--rfc2217", "--boot", "app", "--mac", "58:cf:79:0a:0b:0c",
                "--rev", "v0.4", "--jedec", "204016"), url);
        try {
            everyCommand(url[0], "esp32c3", 5, "58:cf:79:0a:0b:0c", "0.4", "4016", dir);
        } finally {
            stop(p);
        }
    }
}
