package org.jesptool.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.jesptool.image.FlashHeaderPatcher;
import org.jesptool.image.ImageFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole stack (host library, transport, virtual device): the flash file holds exactly the expected bytes. */
class FlashEndToEndTest {
    static final byte[] BOOT32 = VirtualRig.resource("bootloader_esp32.bin");
    static final byte[] BOOTC3 = VirtualRig.resource("bootloader_esp32c3.bin");
    static final byte[] BOOT8266 = VirtualRig.resource("bootloader_esp8266.bin");
    static final byte[] PT = VirtualRig.resource("partitions_singleapp.bin");
    static final byte[] APP = VirtualRig.resource("app_esp32.bin");

    @TempDir
    Path dir;

    /** The header patch the CLI applies for --flash-mode dio --flash-freq 40m --flash-size 4MB. */
    static WriteOptions dio40m4mb(String chip) {
        var imageChip = ImageFormats.forChip(chip);
        return new WriteOptions().bootloaderPatch(d -> FlashHeaderPatcher.patch(d, imageChip.bootloaderOffset(),
                imageChip, "dio", "40m", "4MB").data());
    }

    /** Expected bootloader bytes, computed here independently: mode byte, size|freq byte, SHA-256 fix-up. */
    static byte[] patched(byte[] boot, int sizeFreq) throws Exception {
        byte[] e = boot.clone();
        e[2] = 2; // dio
        e[3] = (byte) sizeFreq;
        if (e[23] == 1) {
            int dataLength = e.length - 32;
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(e, dataLength));
            System.arraycopy(sha, 0, e, dataLength, 32);
        }
        return e;
    }

    private static void assertFlash(Path file, int address, byte[] expected) throws Exception {
        assertThat(VirtualRig.readFlashFile(file, address, expected.length)).as("flash at 0x%x", address)
                .isEqualTo(expected);
        // the rest of the last sector is untouched (erased)
        int end = address + expected.length;
        int sectorEnd = (end + 0xFFF) & ~0xFFF;
        if (sectorEnd > end) {
            assertThat(VirtualRig.readFlashFile(file, end, sectorEnd - end)).containsOnly((byte) 0xFF);
        }
    }

    @ParameterizedTest(name = "stub={0}")
    @ValueSource(booleans = {true, false})
    void esp32BootloaderPartitionTableAndApp(boolean stub) throws Exception {
        Path flash = dir.resolve("esp32.bin");
        try (VirtualRig rig = VirtualRig.connect("esp32", flash, stub, 921600, null, null)) {
            List<FileResult> r = rig.flasher().write(List.of(new FlashFile(0x1000, BOOT32, "bootloader.bin"),
                    new FlashFile(0x8000, PT, "partitions.bin"), new FlashFile(0x10000, APP, "app.bin")),
                    dio40m4mb("esp32"));
            assertThat(r).allMatch(FileResult::verified);
        }
        assertFlash(flash, 0x1000, patched(BOOT32, 0x20));
        assertFlash(flash, 0x8000, PT);
        assertFlash(flash, 0x10000, APP);
        assertThat(VirtualRig.readFlashFile(flash, 0, 0x1000)).containsOnly((byte) 0xFF);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(VirtualRig.Loader.class)
    void esp32c3BootloaderWithShaFixUp(VirtualRig.Loader loader) throws Exception {
        Path flash = dir.resolve("c3.bin");
        try (VirtualRig rig = VirtualRig.connect("esp32c3", flash, loader, 460800, null, null)) {
            FlashFile app = new FlashFile(0x10000, APP, "app_esp32.bin");
            assertThatThrownBy(() -> rig.flasher().write(List.of(app), new WriteOptions()))
                    .hasMessageContaining("app_esp32.bin is not an ESP32-C3 image").hasMessageContaining("--force");
            rig.flasher().write(List.of(new FlashFile(0x0, BOOTC3, "bootloader.bin"),
                    new FlashFile(0x8000, PT, "partitions.bin")), dio40m4mb("esp32c3"));
            rig.flasher().write(List.of(app), new WriteOptions().force(true));
        }
        assertFlash(flash, 0x0, patched(BOOTC3, 0x20));
        assertFlash(flash, 0x8000, PT);
        assertFlash(flash, 0x10000, APP);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(VirtualRig.Loader.class)
    void esp8266BootloaderAndInitData(VirtualRig.Loader loader) throws Exception {
        Path flash = dir.resolve("8266.bin");
        byte[] init = new byte[128];
        Arrays.fill(init, (byte) 0x05);
        try (VirtualRig rig = VirtualRig.connect("esp8266", flash, loader, 115200, null, null)) {
            Flasher f = rig.flasher();
            long size = f.detectFlashSize();
            assertThat(size).isEqualTo(4 << 20);
            List<FlashFile> files = new java.util.ArrayList<>(List.of(new FlashFile(0x0, BOOT8266, "boot.bin"),
                    new FlashFile(0x10000, APP, "app.bin")));
            files.addAll(Esp8266InitData.files(size, init, "esp_init_data_default.bin"));
            List<FileResult> r = f.write(files, dio40m4mb("esp8266").force(true));
            assertThat(r).allMatch(x -> x.verified() == rig.stub); // the ESP8266 ROM has no MD5
        }
        assertFlash(flash, 0x0, patched(BOOT8266, 0x40));
        assertFlash(flash, 0x10000, APP);
        assertFlash(flash, 0x3FC000, init);
        assertThat(VirtualRig.readFlashFile(flash, 0x3FE000, 0x1000)).containsOnly((byte) 0xFF);
    }

    /** Overwrites non-erased flash: a short erase (the ESP8266 ROM's erase-size bug) would leave old bits set. */
    @ParameterizedTest(name = "{0} stub={1}")
    @org.junit.jupiter.params.provider.CsvSource({"esp8266, ROM", "esp8266, ESPTOOL_STUB", "esp32, ROM",
        "esp8266, OWN_STUB", "esp32c3, OWN_STUB"})
    void rewritesOverOldContents(String chip, VirtualRig.Loader stub) throws Exception {
        Path flash = dir.resolve("over.bin");
        byte[] first = new byte[0x23000];
        byte[] second = new byte[0x23000];
        java.util.Random r = new java.util.Random(5);
        r.nextBytes(first);
        r.nextBytes(second);
        byte[] neighbour = new byte[0x10000];
        r.nextBytes(neighbour);
        try (VirtualRig rig = VirtualRig.connect(chip, flash, stub, 115200, null, null)) {
            // 0x3d000: inside a 64 KiB block, so the ESP8266 ROM's head/tail erase arithmetic matters; an
            // erase that is too long destroys the neighbour, one that is too short leaves old bits set
            rig.flasher().write(List.of(new FlashFile(0x60000, neighbour, "neighbour.bin"),
                    new FlashFile(0x3d000, first, "first.bin")), new WriteOptions().force(true));
            rig.flasher().write(List.of(new FlashFile(0x3d000, second, "second.bin")),
                    new WriteOptions().force(true));
        }
        assertFlash(flash, 0x3d000, second);
        assertFlash(flash, 0x60000, neighbour);
    }

    @ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource({"esp32, ESPTOOL_STUB", "esp32c3, OWN_STUB", "esp8266, OWN_STUB"})
    void readBackAndSkipFlashedThroughTheStub(String chip, VirtualRig.Loader loader) throws Exception {
        Path flash = dir.resolve("r.bin");
        try (VirtualRig rig = VirtualRig.connect(chip, flash, loader, 921600, null, null)) {
            Flasher f = rig.flasher();
            f.write(List.of(new FlashFile(0x10000, APP, "app.bin")), new WriteOptions().force(true));
            Path out = dir.resolve("out.bin");
            f.read(0x10000, APP.length, out);
            assertThat(Files.readAllBytes(out)).isEqualTo(APP);
            List<FileResult> again = f.write(List.of(new FlashFile(0x10000, APP, "app.bin")),
                    new WriteOptions().skipFlashed(true).force(true));
            assertThat(again.get(0).operation()).isEqualTo("Skipped");
            assertThat(f.verify(List.of(new FlashFile(0x10000, APP, "app.bin")), new WriteOptions(), false))
                    .allMatch(VerifyResult::matches);
            byte[] other = APP.clone();
            other[100] ^= 1;
            List<VerifyResult> diff = f.verify(List.of(new FlashFile(0x10000, other, "other.bin")),
                    new WriteOptions(), true);
            assertThat(diff.get(0).differences()).containsExactly(0x10000L + 100);
            f.eraseRegion(0x10000, 0x1000, 4 << 20);
            assertThat(f.read(0x10000, 16)).containsOnly((byte) 0xFF);
            assertThat(f.read(0x11000, 16)).isEqualTo(Arrays.copyOfRange(APP, 0x1000, 0x1010));
            f.eraseFlash();
            assertThat(f.read(0x11000, 16)).containsOnly((byte) 0xFF);
        }
    }

    @Test
    void romSlowReadOnEsp32AndClearErrorOnEsp8266() throws Exception {
        try (VirtualRig rig = VirtualRig.connect("esp32", dir.resolve("a.bin"), false, 115200, null, null)) {
            Flasher f = rig.flasher();
            f.write(List.of(new FlashFile(0x8000, PT, "pt.bin")), new WriteOptions());
            assertThat(f.read(0x8000, PT.length)).isEqualTo(PT);
        }
        try (VirtualRig rig = VirtualRig.connect("esp8266", dir.resolve("b.bin"), false, 115200, null, null)) {
            assertThatThrownBy(() -> rig.flasher().read(0, 64, dir.resolve("x.bin")))
                    .hasMessageContaining("read-flash needs the flasher stub on ESP8266");
            assertThat(dir.resolve("x.bin")).doesNotExist();
        }
    }

    @Test
    void secureDownloadModeWritesPlainAndSaysItCannotVerify() throws Exception {
        Path flash = dir.resolve("sdm.bin");
        List<String> messages = new java.util.ArrayList<>();
        try (VirtualRig rig = VirtualRig.connect("esp32c3", flash, false, 115200, null, "sdm=1")) {
            assertThat(rig.device.secureDownloadMode()).isTrue();
            List<FileResult> r = rig.flasher().listener(new ProgressListener() {
                @Override
                public void message(String text) {
                    messages.add(text);
                }
            }).write(List.of(new FlashFile(0x10000, APP, "app.bin")), new WriteOptions());
            assertThat(r.get(0).verified()).isFalse();
            assertThat(r.get(0).wireBytes()).isEqualTo(APP.length); // plain: no FLASH_DEFL_* in SDM
        }
        assertThat(messages).anyMatch(m -> m.contains("Secure Download Mode cannot compute MD5"));
        assertFlash(flash, 0x10000, APP);
    }

    @Test
    void refusesBadInputBeforeSendingAnything() throws Exception {
        Path flash = dir.resolve("bad.bin");
        try (VirtualRig rig = VirtualRig.connect("esp32", flash, true, 115200, null, null)) {
            Flasher f = rig.flasher();
            assertThatThrownBy(() -> f.write(List.of(new FlashFile(0x3F0000, APP, "app.bin")),
                    new WriteOptions().flashSize(4 << 20))).hasMessageContaining("past the end of the 4MB flash");
            assertThatThrownBy(() -> f.write(List.of(new FlashFile(0x10000, APP, "a.bin"),
                    new FlashFile(0x20000, PT, "pt.bin")), new WriteOptions())).hasMessageContaining("overlap");
            assertThatThrownBy(() -> f.write(List.of(new FlashFile(0x10002, PT, "pt.bin")), new WriteOptions()))
                    .hasMessageContaining("not a multiple of 4");
        }
        assertThat(Files.readAllBytes(flash)).containsOnly((byte) 0xFF);
    }
}
