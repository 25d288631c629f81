package org.jesptool.cli.flash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flash commands through bin/esptool's entry point against virtual chips; flash files checked directly. */
class FlashCommandsTest {
    @TempDir
    Path dir;
    Path flash;
    Path boot;
    Path pt;
    Path app;

    @BeforeEach
    void files() throws Exception {
        flash = dir.resolve("flash.bin");
        boot = FlashCli.resource(dir, "bootloader_esp32.bin");
        pt = FlashCli.resource(dir, "partitions_singleapp.bin");
        app = FlashCli.resource(dir, "app_esp32.bin");
    }

    private String port(String chip) {
        return "virtual://" + chip + "?flash=4MB&image=" + flash;
    }

    private byte[] flashAt(int address, int length) throws Exception {
        return Arrays.copyOfRange(Files.readAllBytes(flash), address, address + length);
    }

    @Test
    void writesPatchesVerifiesThroughTheStub() throws Exception {
        FlashCli r = FlashCli.run(dir, "--port", port("esp32"), "--stub-file", FlashCli.stub(dir, "esp32").toString(),
                "--baud", "921600", "write-flash", "-fm", "dio", "-ff", "40m", "-fs", "detect",
                "0x1000", boot.toString(), "0x8000", pt.toString(), "0x10000", app.toString());
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.out).contains("Flash parameters set to 0x0220.")
                .contains("Wrote 601808 bytes (").contains("compressed) at 0x00010000 in")
                .contains("Hash of data verified.");
        byte[] b = Files.readAllBytes(boot);
        b[2] = 2;
        b[3] = 0x20;
        assertThat(flashAt(0x1000, b.length)).isEqualTo(b);
        assertThat(flashAt(0x8000, 96)).isEqualTo(Files.readAllBytes(pt));
        assertThat(flashAt(0x10000, 601808)).isEqualTo(Files.readAllBytes(app));

        FlashCli again = FlashCli.run(dir, "--port", port("esp32"), "--stub-file",
                FlashCli.stub(dir, "esp32").toString(), "write-flash", "--skip-flashed", "0x10000", app.toString());
        assertThat(again.code).as(again.toString()).isZero();
        assertThat(again.out).contains("Skipped 601808 bytes at 0x00010000: flash already holds them");
    }

    @Test
    void romModeReadAndVerify() throws Exception {
        FlashCli w = FlashCli.run(dir, "--port", port("esp32"), "write-flash", "0x8000", pt.toString());
        assertThat(w.code).as(w.toString()).isZero();
        Path out = dir.resolve("pt-back.bin");
        FlashCli r = FlashCli.run(dir, "--port", port("esp32"), "read-flash", "0x8000", "96", out.toString());
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(pt));
        FlashCli v = FlashCli.run(dir, "--port", port("esp32"), "verify-flash", "0x8000", pt.toString());
        assertThat(v.code).as(v.toString()).isZero();
        assertThat(v.out).contains("-- verify OK (digest matched)");
        FlashCli bad = FlashCli.run(dir, "--port", port("esp32"), "verify-flash", "--diff", "0x8000", boot.toString());
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.out).contains("-- verify FAILED:");
        assertThat(bad.err).contains("Verify failed: 1 of 1 file(s) differ from flash.");
    }

    @Test
    void badInputFailsBeforeAnythingIsWritten() throws Exception {
        String[][] cases = {
            {"write-flash", "0x1002", pt.toString()},
            {"write-flash", "0x1000", dir.resolve("missing.bin").toString()},
            {"write-flash", "0x1000", boot.toString(), "0x2000", pt.toString()},
            {"write-flash", "0x3F0000", app.toString()},
            {"write-flash", "0x10000", app.toString(), "0x20000"},
            {"erase-region", "0x1001", "0x1000"},
            {"erase-region", "0x1000", "0x800"},
        };
        String[] expected = {"is not a multiple of 4", "missing.bin does not exist", "Detected overlap at address 0x2000",
            "past the end of the 4MB flash", "the last address has no file", "must be a multiple of 4096",
            "must be a positive multiple of 4096"};
        for (int i = 0; i < cases.length; i++) {
            String[] args = new String[cases[i].length + 2];
            args[0] = "--port";
            args[1] = port("esp32");
            System.arraycopy(cases[i], 0, args, 2, cases[i].length);
            FlashCli r = FlashCli.run(dir, args);
            assertThat(r.code).as(r.toString()).isEqualTo(2);
            assertThat(r.err).as(r.toString()).contains(expected[i]);
        }
        FlashCli wrongChip = FlashCli.run(dir, "--port", port("esp32c3"), "write-flash", "0x10000", app.toString());
        assertThat(wrongChip.code).isEqualTo(2);
        assertThat(wrongChip.err).contains("is not an ESP32-C3 image").contains("--force");
        if (Files.exists(flash)) {
            assertThat(Files.readAllBytes(flash)).containsOnly((byte) 0xFF);
        }
    }

    @Test
    void readFlashLeavesNoPartialFile() throws Exception {
        FlashCli r = FlashCli.run(dir, "--port", port("esp8266"), "--no-stub", "read-flash", "0", "4k",
                dir.resolve("out.bin").toString());
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("read-flash needs the flasher stub on ESP8266: its ROM loader cannot read flash."
                + " Drop --no-stub.");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("out.bin"));
        }
    }

    @Test
    void esp8266InitDataGoesToTheFourthLastSector() throws Exception {
        Path init = dir.resolve("esp_init_data_default.bin");
        byte[] data = new byte[128];
        Arrays.fill(data, (byte) 0x07);
        Files.write(init, data);
        Path boot8266 = FlashCli.resource(dir, "bootloader_esp8266.bin");
        FlashCli r = FlashCli.run(dir, "--port", port("esp8266"), "--stub-file",
                FlashCli.stub(dir, "esp8266").toString(), "write-flash", "--init-data", init.toString(),
                "0x0", boot8266.toString());
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(flashAt(0x3FC000, 128)).isEqualTo(data);
        assertThat(flashAt(0x3FE000, 4096)).containsOnly((byte) 0xFF);
        assertThat(flashAt(0, (int) Files.size(boot8266))).isEqualTo(Files.readAllBytes(boot8266));
    }
}
