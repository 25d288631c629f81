package org.jesptool.factory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jesptool.flash.FlashFile;
import org.jesptool.flash.VirtualRig;
import org.jesptool.loader.ConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many in-process virtual boards flashed at once through the engine, with the library's own flash job. */
class FactoryRunTest {
    @TempDir
    Path dir;

    static byte[] data(int size, long seed) {
        byte[] d = new byte[size];
        new Random(seed).nextBytes(d);
        for (int i = 0; i < d.length; i += 7) {
            d[i] = 0x55; // compressible in parts, as real firmware is
        }
        d[0] = 0x12;
        return d;
    }

    private static String chipOf(String port) {
        return port.substring("virtual://".length(), port.indexOf('?'));
    }

    private static ConnectOptions options(String port) {
        String chip = chipOf(port);
        ConnectOptions o = ConnectOptions.of(port).baud(460800).connectAttempts(3);
        // a stand-in stub (the virtual device runs any MEM_END'd program as its stub) where VirtualRig has RAM for one
        return List.of("esp32", "esp32c3", "esp8266", "esp32s3").contains(chip) ? o.stub(VirtualRig.dummyStub(chip)) : o;
    }

    @Test
    void eightBoardsAtOnceOneCutMidWrite() throws Exception {
        byte[] app = data(300_000, 1);
        byte[] table = data(3072, 2);
        List<String> chips = List.of("esp32", "esp32c3", "esp32s3", "esp8266", "esp32c6", "esp32h2", "esp32s2",
                "esp32c3");
        List<String> ports = new ArrayList<>();
        for (int i = 0; i < chips.size(); i++) {
            ports.add("virtual://" + chips.get(i) + "?flash=4MB&image=" + dir.resolve("board" + i + ".bin")
                    + (i == 5 ? "&unplug-after=100k&replug=0" : ""));
        }
        List<BoardProgress> events = new CopyOnWriteArrayList<>();
        Map<Integer, BoardResult> finished = new ConcurrentHashMap<>();
        BoardListener listener = new BoardListener() {
            @Override
            public void progress(BoardProgress p) {
                events.add(p);
            }

            @Override
            public void finished(BoardResult r) {
                finished.put(r.index(), r);
            }
        };
        FlashJob job = FlashJob.of(List.of(new FlashFile(0x8000, table, "table.bin"),
                new FlashFile(0x10000, app, "app.bin"))).connect(FactoryRunTest::options);
        List<BoardResult> results = FactoryRun.run(ports, job, listener);

        assertThat(results).hasSize(8).extracting(BoardResult::port).containsExactlyElementsOf(ports);
        assertThat(finished).hasSize(8);
        for (int i = 0; i < 8; i++) {
            BoardResult r = results.get(i);
            if (i == 5) {
                assertThat(r.status()).isEqualTo(BoardResult.Status.FAILED);
                assertThat(r.chip()).isEqualTo("ESP32-H2");
                assertThat(r.error()).contains("To finish the job");
                assertThat(r.redoCommand()).startsWith("esptool --port '" + ports.get(5) + "' --chip esp32h2 "
                        + "write-flash --skip-flashed").contains("app.bin");
                continue;
            }
            assertThat(r.status()).as(r.port() + ": " + r.error()).isEqualTo(BoardResult.Status.SUCCEEDED);
            assertThat(r.redoCommand()).isNull();
            assertThat(r.mac()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
            assertThat(r.files()).extracting(FlashedFile::md5)
                    .containsExactly(md5(table), md5(app));
            assertThat(r.files()).allMatch(FlashedFile::verified);
            byte[] flash = Files.readAllBytes(dir.resolve("board" + i + ".bin"));
            assertThat(Arrays.copyOfRange(flash, 0x8000, 0x8000 + table.length)).isEqualTo(table);
            assertThat(Arrays.copyOfRange(flash, 0x10000, 0x10000 + app.length)).isEqualTo(app);
            assertThat(Arrays.copyOfRange(flash, 0, 0x8000)).containsOnly((byte) 0xFF);
            int index = i;
            assertThat(events).filteredOn(e -> e.index() == index && e.phase() == Phase.WRITING)
                    .extracting(BoardProgress::total).containsOnly((long) app.length + table.length);
            assertThat(events).filteredOn(e -> e.index() == index).extracting(BoardProgress::phase)
                    .containsSubsequence(Phase.CONNECTING, Phase.WRITING, Phase.RESETTING, Phase.DONE);
        }
        assertThat(results.get(0).chip()).isEqualTo("ESP32");
        assertThat(results.get(3).chip()).isEqualTo("ESP8266");

        Path json = dir.resolve("report.json");
        BoardReport.write(json, results);
        String text = Files.readString(json);
        for (String p : ports) {
            assertThat(text).contains(p);
        }
        assertThat(text).contains("\"succeeded\": 7", "\"failed\": 1", md5(app));
        Path csv = dir.resolve("report.csv");
        BoardReport.write(csv, results);
        assertThat(Files.readAllLines(csv)).hasSize(9);
    }

    @Test
    void samePortTwiceRunsOnceAndSaysSo() throws Exception {
        String port = "virtual://esp32c3?flash=4MB&image=" + dir.resolve("c3.bin");
        List<BoardResult> results = FactoryRun.run(List.of(port, "virtual://esp32?flash=4MB", port),
                FlashJob.of(List.of(new FlashFile(0x10000, data(5000, 3), "a.bin"))).connect(FactoryRunTest::options),
                BoardListener.NONE);
        assertThat(results).extracting(BoardResult::status).containsExactly(BoardResult.Status.SUCCEEDED,
                BoardResult.Status.SUCCEEDED, BoardResult.Status.FAILED);
        assertThat(results.get(2).error()).contains("named more than once").contains("board 1");
    }

    @Test
    void aFailingJobDoesNotStopTheOthers() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        List<BoardResult> results = FactoryRun.run(List.of("a", "b", "c"), board -> {
            board.chip("ESP32");
            if (board.port().equals("b")) {
                board.redoCommand("redo b");
                throw new java.io.IOException("No serial data received.");
            }
            Thread.sleep(50);
            seen.add(board.port());
        }, BoardListener.NONE);
        assertThat(seen).containsExactlyInAnyOrder("a", "c");
        assertThat(results.get(1).error()).isEqualTo("No serial data received.");
        assertThat(results.get(1).redoCommand()).isEqualTo("redo b");
        assertThat(results.get(0).succeeded()).isTrue();
        assertThat(results.get(2).succeeded()).isTrue();
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
