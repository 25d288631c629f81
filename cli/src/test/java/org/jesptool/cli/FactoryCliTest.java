package org.jesptool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code esptool --port A --port B ... write-flash}: eight virtual boards of mixed chips, five in-process and
 * three served by esp-virtual processes over TCP, flashed at once with the stub; one in-process board's cable
 * is pulled mid-write and stays away.
 */
class FactoryCliTest {
    @TempDir
    Path dir;

    private static byte[] firmwareLike(int size, long seed) {
        byte[] d = new byte[size];
        new Random(seed).nextBytes(d);
        for (int i = 0; i < d.length; i += 3) {
            d[i] = (byte) (i >> 9);
        }
        d[0] = 0x11;
        return d;
    }

    @Test
    void eightBoardsAtOnceOneCutMidWrite() throws Exception {
        byte[] table = firmwareLike(3072, 1);
        byte[] app = firmwareLike(400_000, 2);
        Files.write(dir.resolve("table.bin"), table);
        Files.write(dir.resolve("app.bin"), app);
        Path stub = TestStub.write(dir, 0x40380000L, 0x3FC96BB4L);
        List<String> inProcess = List.of("esp32", "esp32c3", "esp32s3", "esp8266", "esp32c6");
        List<String> overTcp = List.of("esp32s2", "esp32h2", "esp32c3");
        List<Path> flash = new ArrayList<>();
        List<String> args = new ArrayList<>();
        List<Process> servers = new ArrayList<>();
        try {
            for (int i = 0; i < inProcess.size(); i++) {
                Path f = dir.resolve("board" + i + ".bin");
                flash.add(f);
                args.add("--port");
                args.add("virtual://" + inProcess.get(i) + "?image=" + f + (i == 2 ? "&unplug-after=150k&replug=0" : ""));
            }
            for (int i = 0; i < overTcp.size(); i++) {
                Path f = dir.resolve("board" + (inProcess.size() + i) + ".bin");
                flash.add(f);
                String[] url = new String[1];
                servers.add(EspVirtualServerTest.start(List.of("--chip", overTcp.get(i), "--flash-file", f.toString()),
                        url));
                args.add("--port");
                args.add(url[0]);
            }
            args.addAll(List.of("--stub-file", stub.toString(), "-b", "921600", "--report", "run.json",
                    "write-flash", "0x8000", dir.resolve("table.bin").toString(), "0x10000", dir.resolve("app.bin").toString()));
            Cli r = Cli.run(Map.of(), dir, args.toArray(String[]::new));

            assertThat(r.code).as(r.toString()).isEqualTo(2);
            String cut = args.get(5);
            assertThat(r.out).as(r.toString()).contains("7 of 8 boards succeeded.");
            assertThat(r.lines()).anySatisfy(l -> assertThat(l).startsWith(cut).contains("ESP32-S3").contains("FAILED"));
            assertThat(r.lines().stream().filter(l -> l.contains("  OK  "))).hasSize(7);
            assertThat(r.err).contains(cut + ": Writing " + dir.resolve("app.bin") + " at 0x000").contains("To redo this board, run: esptool --port '"
                    + cut + "' --chip esp32s3 --baud 921600 --stub-file " + stub + " write-flash --skip-flashed");
            for (int i = 0; i < 8; i++) {
                if (i == 2) {
                    continue;
                }
                byte[] f = Files.readAllBytes(flash.get(i));
                assertThat(Arrays.copyOfRange(f, 0x8000, 0x8000 + table.length)).as("board %d table", i).isEqualTo(table);
                assertThat(Arrays.copyOfRange(f, 0x10000, 0x10000 + app.length)).as("board %d app", i).isEqualTo(app);
                assertThat(Arrays.copyOfRange(f, 0, 0x8000)).containsOnly((byte) 0xFF);
                assertThat(Arrays.copyOfRange(f, 0x10000 + app.length, 0x80000)).containsOnly((byte) 0xFF);
            }
            String report = Files.readString(dir.resolve("run.json"));
            for (int i = 1; i < 16; i += 2) {
                assertThat(report).contains("\"port\": \"" + args.get(i) + "\"");
            }
            assertThat(report).contains("\"succeeded\": 7", "\"failed\": 1", "\"md5\": \"" + md5(app) + "\"",
                    "\"md5\": \"" + md5(table) + "\"", "\"chip\": \"ESP32-H2\"", "\"mac\": \"18:fe:34:00:00:01\"");
        } finally {
            for (Process p : servers) {
                EspVirtualServerTest.stop(p);
            }
        }
    }

    @Test
    void badBoardsAreReportedEachOthersUnaffected() throws Exception {
        Path app = dir.resolve("app.bin");
        Files.write(app, org.jesptool.testsupport.Fixtures.bytes("flash/app_esp32.bin")); // ESP32 app: a C3 must refuse it
        Path esp32 = dir.resolve("esp32.bin");
        try (java.net.ServerSocket mute = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> { // a TCP serial server whose line is silent: not an ESP behind it
                List<java.net.Socket> held = new ArrayList<>();
                try {
                    while (true) {
                        held.add(mute.accept());
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
            });
            t.setDaemon(true);
            t.start();
            String silent = "socket://127.0.0.1:" + mute.getLocalPort();
            String good = "virtual://esp32?image=" + esp32;
            Cli r = Cli.run(Map.of(), dir, "--connect-attempts", "2", "--port", good, "--port", "virtual://esp32c3",
                    "--port", silent, "--port", good, "--report", "run.csv", "write-flash", "0x10000", app.toString());
            assertThat(r.code).as(r.toString()).isEqualTo(2);
            assertThat(r.out).as(r.toString()).contains("1 of 4 boards succeeded.");
            assertThat(r.err).contains("virtual://esp32c3: " + app + " is not an ESP32-C3 image");
            assertThat(r.err).contains(silent + ": ").contains("To redo this board, run: esptool --port " + silent
                    + " --connect-attempts 2 write-flash 0x10000 " + app);
            assertThat(r.err).contains("is named more than once (also board 1)");
            List<String> csv = Files.readAllLines(dir.resolve("run.csv"));
            assertThat(csv).hasSize(5);
            assertThat(csv.get(1)).startsWith(good + ",ESP32,").contains(",succeeded,");
            assertThat(csv.get(2)).startsWith("virtual://esp32c3,ESP32-C3,").contains(",failed,");
            byte[] image = Files.readAllBytes(app);
            assertThat(Arrays.copyOfRange(Files.readAllBytes(esp32), 0x10000, 0x10000 + image.length)).isEqualTo(image);
        }
    }

    @Test
    void commandsThatCannotRunOnSeveralBoardsAreRefusedBeforeAnyIsTouched() {
        Cli r = Cli.run(Map.of(), dir, "--port", "virtual://esp32", "--port", "virtual://esp32c3", "-b", "460800",
                "read_flash", "0", "0x1000", "out.bin");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("read-flash writes a file on this machine").doesNotContain("Connect");
        assertThat(Files.exists(dir.resolve("out.bin"))).isFalse();
        Cli none = Cli.run(Map.of(), dir, "--port", "virtual://esp32", "--port", "virtual://esp32c3");
        assertThat(none.err).contains("No command given");
    }

    @Test
    void parsesOnlyTheGlobalOptions() {
        FactoryCli f = FactoryCli.parse(List.of("--port", "a", "-b", "921600", "--port=b", "--report", "x.json",
                "write-flash", "--port", "0x0", "f.bin"));
        assertThat(f).isNotNull();
        assertThat(FactoryCli.parse(List.of("--port", "a", "write-flash", "--port", "c"))).isNull();
        assertThat(FactoryCli.parse(List.of("--port", "all", "--port-filter", "vid=0x303a", "read-mac"))).isNotNull();
        // --port all without a filter: USB serial ports, not a PC's built-in UARTs
        assertThat(FactoryCli.usb(new org.jesptool.transport.PortInfo("/dev/ttyS0", "", 0, 0, ""))).isFalse();
        assertThat(FactoryCli.usb(new org.jesptool.transport.PortInfo("/dev/ttyUSB3", "", 0, 0, ""))).isTrue();
        assertThat(FactoryCli.usb(new org.jesptool.transport.PortInfo("COM7", "", 0x10C4, 0xEA60, ""))).isTrue();
    }

    /** MD5 as md5sum prints it, computed here independently of the code under test. */
    static String md5(byte[] data) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (byte b : java.security.MessageDigest.getInstance("MD5").digest(data)) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }
}
