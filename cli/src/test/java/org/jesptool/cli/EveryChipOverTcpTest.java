package org.jesptool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every chip served by esp-virtual in its own process, as a board on another machine would be: identified,
 * MAC and flash id read, written with the ROM loader over socket://, then (same flash file, board kept)
 * reset over rfc2217:// through DTR/RTS, written with the stub protocol compressed, read back, erased and
 * verified. Values asserted are the ones the server was started with.
 */
class EveryChipOverTcpTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "esp8266, ESP8266, 5c:cf:7f:10:20:31",
        "esp32, ESP32, 24:0a:c4:10:20:32",
        "esp32s2, ESP32-S2, 7c:df:a1:10:20:33",
        "esp32s3, ESP32-S3, f4:12:fa:10:20:34",
        "esp32c2, ESP32-C2, 08:3a:8d:10:20:35",
        "esp32c3, ESP32-C3, 58:cf:79:10:20:36",
        "esp32c5, ESP32-C5, 3c:dc:75:10:20:37",
        "esp32c6, ESP32-C6, 40:4c:ca:10:20:38",
        "esp32c61, ESP32-C61, 70:04:1d:10:20:39",
        "esp32h2, ESP32-H2, 60:55:f9:10:20:3a",
        "esp32p4, ESP32-P4, 30:ed:a0:10:20:3b"})
    void identifyWriteReadEraseVerify(String chip, String display, String mac, @TempDir Path dir) throws Exception {
        Path flash = dir.resolve("flash.bin");
        Path data = dir.resolve("data.bin");
        byte[] bytes = firmwareLike(40 * 1024 + 12);
        Files.write(data, bytes);
        Path stub = dir.resolve("stub.json");
        Files.writeString(stub, "{\"text\": \"" + Base64.getEncoder().encodeToString(new byte[64])
                + "\", \"text_start\": " + 0x40380000L + ", \"data\": \"AAAAAA==\", \"data_start\": " + 0x3FC96BB4L
                + ", \"entry\": " + 0x40380000L + "}");
        List<String> board = List.of("--chip", chip, "--mac", mac, "--flash-size", "2MB", "--jedec", "ef4015",
                "--flash-file", flash.toString());
        String[] url = new String[1];

        Process p = EspVirtualServerTest.start(board, url);
        try {
            assertThat(url[0]).startsWith("socket://");
            Cli id = Cli.run("--port", url[0], "read-mac");
            assertThat(id.code).as(id.toString()).isZero();
            assertThat(id.value("Chip type")).startsWith(display);
            assertThat(id.lines()).as(id.toString()).containsAnyOf("MAC: " + mac, "BASE MAC: " + mac);
            Cli f = Cli.run("--port", url[0], "flash-id");
            assertThat(f.value("Device")).as(f.toString()).isEqualTo("4015");
            assertThat(f.value("Detected flash size")).isEqualTo("2MB");
            Cli w = Cli.run("--port", url[0], "--chip", chip, "write-flash", "0x10000", data.toString());
            assertThat(w.code).as(w.toString()).isZero();
        } finally {
            EspVirtualServerTest.stop(p);
        }

        p = EspVirtualServerTest.start(concat(board, "--rfc2217", "--boot", "app"), url);
        try {
            assertThat(url[0]).startsWith("rfc2217://");
            String[] stubbed = {"--port", url[0], "--chip", chip, "--stub-file", stub.toString()};
            Cli w = Cli.run(concat(stubbed, "write-flash", "-z", "0x20000", data.toString()));
            assertThat(w.code).as(w.toString()).isZero();
            assertThat(w.lines()).contains("Hash of data verified.");
            for (String at : new String[] {"0x10000", "0x20000"}) {
                Path back = dir.resolve("back" + at + ".bin");
                Cli r = Cli.run(concat(stubbed, "read-flash", at, String.valueOf(bytes.length), back.toString()));
                assertThat(r.code).as(r.toString()).isZero();
                assertThat(Files.readAllBytes(back)).as("flash at " + at).isEqualTo(bytes);
            }
            Cli e = Cli.run(concat(stubbed, "erase-region", "0x20000", "0x10000"));
            assertThat(e.code).as(e.toString()).isZero();
            Cli v = Cli.run(concat(stubbed, "verify-flash", "0x10000", data.toString()));
            assertThat(v.code).as(v.toString()).isZero();
        } finally {
            EspVirtualServerTest.stop(p);
        }
        byte[] image = Files.readAllBytes(flash);
        assertThat(image).hasSize(2 << 20);
        assertThat(Arrays.copyOfRange(image, 0x10000, 0x10000 + bytes.length)).isEqualTo(bytes);
        byte[] erased = Arrays.copyOfRange(image, 0x20000, 0x30000);
        byte[] ff = new byte[0x10000];
        Arrays.fill(ff, (byte) 0xFF);
        assertThat(erased).as("erased region").isEqualTo(ff);
    }

    /** Half random, half runs of repeated words: compresses like real firmware. */
    private static byte[] firmwareLike(int size) {
        byte[] b = new byte[size];
        Random r = new Random(size);
        for (int i = 0; i < size; i += 64) {
            if ((i / 64) % 2 == 0) {
                for (int j = i; j < Math.min(size, i + 64); j++) {
                    b[j] = (byte) r.nextInt(256);
                }
            } else {
                Arrays.fill(b, i, Math.min(size, i + 64), (byte) (i >> 6));
            }
        }
        return b;
    }

    private static List<String> concat(List<String> a, String... more) {
        List<String> l = new java.util.ArrayList<>(a);
        l.addAll(List.of(more));
        return l;
    }

    private static String[] concat(String[] a, String... more) {
        String[] r = Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, r, a.length, more.length);
        return r;
    }
}
