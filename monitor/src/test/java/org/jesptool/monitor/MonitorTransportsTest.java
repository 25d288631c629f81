package org.jesptool.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor end to end over socket://, rfc2217:// and a socat pseudo-terminal (the ESP8266 at 74880). */
class MonitorTransportsTest {
    @TempDir
    Path dir;

    @Test
    void socketAndRfc2217() throws Exception {
        Path elf = Fixtures.idfElf();
        Path log = dir.resolve("app.log");
        Files.writeString(log, MonitorEndToEndTest.panicLog(elf));
        Path flash = Fixtures.flash(dir, Fixtures.CORE_FLASH.resolve("bootloader_esp32.bin"), 0x1000);
        // a plain socket carries no DTR/RTS: the server power-cycles the board for each client
        try (EspVirtualProcess server = new EspVirtualProcess("--chip", "esp32", "--boot", "app", "--reset-on-connect",
                "--flash-file", flash.toString(), "-o", "app-log=" + log, "-o", "app-reset=panic")) {
            MonitorSession.Options o = Fixtures.options("socket://127.0.0.1:" + server.port, Duration.ofMillis(1500));
            o.elf = elf;
            Fixtures.Run r = Fixtures.run(o, new ByteArrayInputStream(new byte[0]));
            MonitorEndToEndTest.assertDecoded(r.out(), elf);
        }
        // RFC 2217: the monitor's RTS pulse resets the chip over the network
        try (EspVirtualProcess server = new EspVirtualProcess("--chip", "esp32", "--boot", "app", "--rfc2217",
                "--flash-file", flash.toString(), "-o", "app-log=" + log, "-o", "app-reset=panic")) {
            MonitorSession.Options o = Fixtures.options("rfc2217://127.0.0.1:" + server.port, Duration.ofMillis(1500));
            o.elf = elf;
            Fixtures.Run r = Fixtures.run(o, new ByteArrayInputStream(new byte[0]));
            MonitorEndToEndTest.assertDecoded(r.out(), elf);
        }
    }

    @Test
    void esp8266BootLogAt74880ThroughAPseudoTerminalThenTheAppAt115200() throws Exception {
        boolean socat = Files.isExecutable(Path.of("/usr/bin/socat")) || onPath("socat");
        if (!socat && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("socat is required on CI (CI=true)");
        }
        Assumptions.assumeTrue(socat, "socat not installed");
        Path log = dir.resolve("app.log");
        Files.writeString(log, "\r\nHello from the ESP8266 app at 115200\r\n");
        Path flash = Fixtures.flash(dir, Fixtures.CORE_FLASH.resolve("bootloader_esp8266.bin"), 0);
        try (EspVirtualProcess server = new EspVirtualProcess("--chip", "esp8266", "--boot", "app", "--reset-on-connect",
                "--flash-file", flash.toString(), "-o", "app-log=" + log, "-o", "app-baud=115200")) {
            Path pty = dir.resolve("ttyV0");
            // the TCP side connects a second after the pty appears, once the monitor has opened it (a script:
            // socat's address syntax takes the colons of an inline command for separators)
            Path connect = dir.resolve("connect.sh");
            Files.writeString(connect, "#!/bin/sh\nsleep 1\nexec socat - tcp:127.0.0.1:" + server.port + "\n");
            connect.toFile().setExecutable(true);
            Process p = new ProcessBuilder("socat", "pty,link=" + pty + ",raw,echo=0", "system:" + connect)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("socat.log").toFile()).start();
            try {
                for (int i = 0; i < 300 && !Files.exists(pty); i++) {
                    Thread.sleep(10);
                }
                MonitorSession.Options o = Fixtures.options(pty.toString(), Duration.ofMillis(2500));
                o.romBaud = 74880;
                Fixtures.Run r = Fixtures.run(o, new ByteArrayInputStream(new byte[0]));
                assertThat(r.status()).as(r.err()).isZero();
                Fixtures.assertLinesInOrder(r.out(), " ets Jan  8 2013,rst cause:2, boot mode:(3,6)",
                        "--- rst cause 2: reset pin", "--- boot mode (3,6): flash boot (GPIO0 high at reset)",
                        "load 0x40100000, len 1396, room 16 ", "--- the ROM loads the 2nd-stage bootloader",
                        "csum 0xc0", "--- bootloader loaded and its checksum is good",
                        "Hello from the ESP8266 app at 115200");
                // jSerialComm cannot set 74880 on a pty (ENOTTY); a pty carries no line speed anyway
                assertThat(r.err()).contains("is a pseudo-terminal: it has no line speed").doesNotContain("Error");
            } finally {
                p.destroy();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void esp8266RomAt74880ThenAppAt115200InProcess() throws Exception {
        Path log = dir.resolve("app.log");
        Files.writeString(log, "\r\nHello from the ESP8266 app at 115200\r\n");
        Path flash = Fixtures.flash(dir, Fixtures.CORE_FLASH.resolve("bootloader_esp8266.bin"), 0);
        // the virtual wire garbles bytes sent at one rate and read at another, as a real UART does
        MonitorSession.Options o = Fixtures.options("virtual://esp8266?boot=app&image=" + flash + "&app-log=" + log
                + "&app-baud=115200", Duration.ofMillis(800));
        o.romBaud = 74880;
        Fixtures.Run r = Fixtures.run(o, new ByteArrayInputStream(new byte[0]));
        Fixtures.assertLinesInOrder(r.out(), " ets Jan  8 2013,rst cause:2, boot mode:(3,6)", "csum 0xc0",
                "Hello from the ESP8266 app at 115200");
        assertThat(r.err()).contains("ROM boot log done (74880 baud); following the app at 115200 baud");
        // without being told: garbage after the reset at 115200 makes the monitor try 74880
        o = Fixtures.options("virtual://esp8266?boot=app&image=" + flash + "&app-log=" + log + "&app-baud=115200",
                Duration.ofMillis(1200));
        r = Fixtures.run(o, new ByteArrayInputStream(new byte[0]));
        assertThat(r.err()).contains("resetting again at 74880 baud, the ESP8266 ROM's rate")
                .contains("following the app at 115200 baud");
        Fixtures.assertLinesInOrder(r.out(), " ets Jan  8 2013,rst cause:2, boot mode:(3,6)", "csum 0xc0",
                "Hello from the ESP8266 app at 115200");
        // without following, the app's text is garbage at 74880
        o = Fixtures.options("virtual://esp8266?boot=app&image=" + flash + "&app-log=" + log + "&app-baud=115200",
                Duration.ofMillis(800));
        o.baud = 74880;
        r = Fixtures.run(o, new ByteArrayInputStream(new byte[0]));
        assertThat(r.out()).contains("csum 0xc0").doesNotContain("Hello from");
    }

    static boolean onPath(String program) {
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, program))) {
                return true;
            }
        }
        return false;
    }
}
