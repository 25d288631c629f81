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
            assertThat(r.value("Chip type")).isEqualTo("ESP32 (revision v1.1)");
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
}
