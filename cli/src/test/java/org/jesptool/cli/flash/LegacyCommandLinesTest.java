package org.jesptool.cli.flash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command lines copied from the NodeMCU, Adafruit and esptool.py 2.x guides, as users type them. */
class LegacyCommandLinesTest {
    @TempDir
    Path dir;

    private String port(String chip) {
        return "virtual://" + chip + "?flash=4MB&image=" + dir.resolve("flash.bin");
    }

    private byte[] flashAt(int address, int length) throws Exception {
        return Arrays.copyOfRange(Files.readAllBytes(dir.resolve("flash.bin")), address, address + length);
    }

    @Test
    void nodeMcuHeadlineCommandWritesA4MbHeader() throws Exception {
        Path fw = Files.copy(FlashCli.resource(dir, "bootloader_esp8266.bin"), dir.resolve("fw.bin"));
        byte[] init = new byte[128];
        Arrays.fill(init, (byte) 0x05);
        Files.write(dir.resolve("init.bin"), init);
        // esptool.py --port P write_flash -fm dio -fs 32m 0x00000 fw.bin 0x3fc000 init.bin
        FlashCli r = FlashCli.run(dir, "--port", port("esp8266"), "write_flash", "-fm", "dio", "-fs", "32m",
                "0x00000", "fw.bin", "0x3fc000", "init.bin");
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.out).contains("Note: Flash size '32m' is in megabits, as esptool 2.x wrote it; using '4MB' "
                + "(write -fs 4MB from now on).");
        byte[] expected = Files.readAllBytes(fw);
        expected[2] = 2; // dio
        expected[3] = (byte) (0x40 | (expected[3] & 0x0F)); // 4MB in the high nibble, frequency kept
        assertThat(flashAt(0, expected.length)).isEqualTo(expected);
        assertThat(flashAt(3, 1)[0] & 0xF0).as("header size code: 4MB").isEqualTo(0x40);
        assertThat(flashAt(0x3fc000, 128)).isEqualTo(init);
    }

    @Test
    void everyMegabitSizeMapsToItsByteSize() throws Exception {
        Path fw = Files.copy(FlashCli.resource(dir, "bootloader_esp8266.bin"), dir.resolve("fw.bin"));
        String[][] cases = {{"4m", "0x00"}, {"2m", "0x10"}, {"8m", "0x20"}, {"16m", "0x30"}, {"32m", "0x40"},
            {"16m-c1", "0x50"}, {"32m-c1", "0x60"}, {"32m-c2", "0x40"}};
        for (String[] c : cases) {
            FlashCli r = FlashCli.run(dir, "--port", port("esp8266"), "write_flash", "-fs", c[0], "0", fw.toString());
            assertThat(r.code).as(c[0] + "\n" + r).isZero();
            assertThat(flashAt(3, 1)[0] & 0xF0).as(c[0]).isEqualTo(Integer.decode(c[1]));
        }
    }

    @Test
    void megabitSizeFromTheEnvironment() throws Exception {
        Path fw = Files.copy(FlashCli.resource(dir, "bootloader_esp8266.bin"), dir.resolve("fw.bin"));
        FlashCli r = FlashCli.run(dir, java.util.Map.of("ESPTOOL_FS", "16m"), "--port", port("esp8266"),
                "write-flash", "0", fw.toString());
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.out).contains("using '2MB'");
        assertThat(flashAt(3, 1)[0] & 0xF0).isEqualTo(0x30);
    }

    @Test
    void aBadFlashSizeIsRefusedBeforeConnecting() throws Exception {
        Path fw = Files.copy(FlashCli.resource(dir, "bootloader_esp8266.bin"), dir.resolve("fw.bin"));
        FlashCli r = FlashCli.run(dir, "--port", port("esp8266"), "write_flash", "-fs", "32mb", "0", fw.toString());
        assertThat(r.code).as(r.toString()).isEqualTo(2);
        assertThat(r.err).contains("Invalid flash size '32mb': use detect, keep or one of 256KB, 512KB, 1MB, 2MB, "
                + "2MB-c1, 4MB, 4MB-c1, 8MB, 16MB, 32MB, 64MB, 128MB.");
        assertThat(r.out).doesNotContain("Connecting");
        assertThat(dir.resolve("flash.bin")).as("the chip was never opened").doesNotExist();
    }

    @Test
    void aFlashSizeLargerThanTheChipsIsWarnedAbout() throws Exception {
        Path fw = Files.copy(FlashCli.resource(dir, "bootloader_esp8266.bin"), dir.resolve("fw.bin"));
        FlashCli r = FlashCli.run(dir, "--port", port("esp8266"), "write_flash", "-fs", "8MB", "0", fw.toString());
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.err).contains("Warning: Set --flash-size 8MB is larger than the available flash size of 4MB.");
        FlashCli ok = FlashCli.run(dir, "--port", port("esp8266"), "write_flash", "-fs", "4MB", "0", fw.toString());
        assertThat(ok.err).doesNotContain("is larger than");
    }

    @Test
    void elf2imageAndMergeBinTakeMegabitSizes() throws Exception {
        Path fw = FlashCli.resource(dir, "bootloader_esp32.bin");
        Path out = dir.resolve("merged.bin");
        FlashCli r = FlashCli.run(dir, "--chip", "esp32", "merge-bin", "-fs", "32m", "-o", out.toString(), "0x1000",
                fw.toString());
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.out).contains("using '4MB'");
        assertThat(Files.readAllBytes(out)[0x1003] & 0xF0).isEqualTo(0x20); // ESP32 family: 4MB is 0x20
    }

    @Test
    void theOldPyNameWorksAndSaysOnceThatItIsOld() throws Exception {
        FlashCli r = FlashCli.run(dir, java.util.Map.of("JESPTOOL_PROG", "esptool.py"), "--port", port("esp8266"),
                "flash_id");
        assertThat(r.code).as(r.toString()).isZero();
        String line = "Warning: DEPRECATED: 'esptool.py' is deprecated. Please use 'esptool' instead. The '.py' "
                + "suffix will be removed in a future major release.";
        assertThat(r.err.lines().filter(line::equals)).hasSize(1);
        assertThat(r.out).contains("Manufacturer:");
        assertThat(FlashCli.run(dir, "--port", port("esp8266"), "flash_id").err).doesNotContain("DEPRECATED");
        for (String tool : new String[] {"esptool", "espefuse", "espsecure"}) {
            Path script = Path.of("..", "bin", tool + ".py");
            assertThat(Files.isExecutable(script)).as(script.toString()).isTrue();
            assertThat(Files.readString(script)).contains("JESPTOOL_PROG=" + tool + ".py")
                    .contains("/" + tool + "\" \"$@\"");
        }
    }

    @Test
    void eraseFlashInRomModeErasesTheDetectedFlashRegionByRegion() throws Exception {
        byte[] junk = new byte[4 << 20];
        Arrays.fill(junk, (byte) 0x5A);
        Files.write(dir.resolve("flash.bin"), junk);
        for (String[] globals : new String[][] {{"--no-stub"}, {}}) {
            String[] args = new String[globals.length + 3];
            System.arraycopy(globals, 0, args, 0, globals.length);
            args[globals.length] = "--port";
            args[globals.length + 1] = port("esp32");
            args[globals.length + 2] = "erase-flash";
            Files.write(dir.resolve("flash.bin"), junk);
            FlashCli r = FlashCli.run(dir, args);
            assertThat(r.code).as(r.toString()).isZero();
            if (globals.length > 0) { // the ROM loader: a region erase of the detected size
                assertThat(r.out).contains("The ROM loader has no chip erase: erasing all 4MB as one region.");
            } else { // our own stub: its chip erase
                assertThat(r.out).contains("Flasher stub running.").doesNotContain("The ROM loader has no chip erase");
            }
            assertThat(r.out).contains("Chip erase completed successfully");
            assertThat(Files.readAllBytes(dir.resolve("flash.bin"))).containsOnly((byte) 0xFF);
        }
    }

    @Test
    void dropNoStubIsOnlySuggestedToThoseWhoGaveIt() throws Exception {
        FlashCli noStub = FlashCli.run(dir, "--no-stub", "--port", port("esp8266"), "read-flash", "0", "4k",
                dir.resolve("out.bin").toString());
        assertThat(noStub.code).isEqualTo(2);
        assertThat(noStub.err).contains("cannot read flash. Drop --no-stub.");
        // ROM mode without --no-stub: the stub did not start
        FlashCli romOnly = FlashCli.run(dir, "--port", port("esp8266") + "&stub-greets=0", "read-flash", "0", "4k",
                dir.resolve("out.bin").toString());
        assertThat(romOnly.code).isEqualTo(2);
        assertThat(romOnly.err).contains("cannot read flash.").doesNotContain("--no-stub");
    }
}
