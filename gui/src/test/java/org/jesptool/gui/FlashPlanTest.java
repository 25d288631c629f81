package org.jesptool.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jesptool.flash.FlashFile;
import org.jesptool.image.ImageChip;
import org.jesptool.image.ImageFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the file rows become before anything is sent: addresses suggested from headers, and the refusals. */
class FlashPlanTest {
    static final Path FLASH = WindowHarness.FLASH_FILES;
    static final ImageChip ESP32 = ImageFormats.forChip("esp32");
    static final ImageChip ESP32C3 = ImageFormats.forChip("esp32c3");
    static final ImageChip ESP8266 = ImageFormats.forChip("esp8266");

    @TempDir
    Path tmp;

    static FileRow row(Path file, String address) {
        FileRow r = new FileRow(file.toString());
        r.address = address;
        return r;
    }

    static ImageSniffer.Sniff sniff(Path p) throws Exception {
        return ImageSniffer.sniff(p.getFileName().toString(), Files.readAllBytes(p));
    }

    @Test
    void headersTellWhatEachConformanceFileIsAndWhereItGoesPerChip() throws Exception {
        ImageSniffer.Sniff boot = sniff(FLASH.resolve("bootloader_esp32.bin"));
        assertThat(boot.describe()).isEqualTo("bootloader for ESP32");
        assertThat(ImageSniffer.suggestAddress("b.bin", boot, null, 0)).isEqualTo(0x1000);
        ImageSniffer.Sniff c3 = sniff(FLASH.resolve("bootloader_esp32c3.bin"));
        assertThat(c3.describe()).isEqualTo("bootloader for ESP32-C3");
        assertThat(ImageSniffer.suggestAddress("b.bin", c3, ESP32C3, 0)).isEqualTo(0);
        assertThat(sniff(FLASH.resolve("partitions_singleapp.bin")).kind()).isEqualTo(ImageSniffer.Kind.PARTITION_TABLE);
        ImageSniffer.Sniff app = sniff(FLASH.resolve("app_esp32.bin"));
        assertThat(app.describe()).isEqualTo("application for ESP32");
        assertThat(ImageSniffer.suggestAddress("a.bin", app, ESP32, 0)).isEqualTo(0x10000);
        assertThat(sniff(FLASH.resolve("bootloader_esp8266.bin")).describe()).isEqualTo("ESP8266 firmware");
        assertThat(ImageSniffer.hexInName("nodemcu-0x10000.bin")).isEqualTo(0x10000);
        assertThat(ImageSniffer.hexInName("firmware.bin")).isEqualTo(-1);
    }

    @Test
    void aMergedImageGoesAtZero() throws Exception {
        byte[] merged = new byte[0x20000];
        Arrays.fill(merged, (byte) 0xFF);
        byte[] boot = Files.readAllBytes(FLASH.resolve("bootloader_esp32.bin"));
        System.arraycopy(boot, 0, merged, 0x1000, boot.length);
        byte[] pt = Files.readAllBytes(FLASH.resolve("partitions_singleapp.bin"));
        System.arraycopy(pt, 0, merged, 0x8000, pt.length);
        ImageSniffer.Sniff s = ImageSniffer.sniff("merged.bin", merged);
        assertThat(s.kind()).isEqualTo(ImageSniffer.Kind.MERGED);
        assertThat(s.chip()).isEqualTo(ESP32);
        assertThat(ImageSniffer.suggestAddress("merged.bin", s, ESP32, 4 << 20)).isZero();
    }

    @Test
    void theThreeFilesBecomeThreeWrites() {
        FlashPlan p = FlashPlan.of(List.of(row(FLASH.resolve("bootloader_esp32.bin"), "0x1000"),
                row(FLASH.resolve("partitions_singleapp.bin"), "0x8000"), row(FLASH.resolve("app_esp32.bin"), "64k")),
                ESP32, 4 << 20, null);
        assertThat(p.problems()).isEmpty();
        assertThat(p.files()).extracting(FlashFile::address).containsExactly(0x1000, 0x8000, 0x10000);
    }

    @Test
    void anImageForAnotherChipIsRefusedWithWhatToDo() {
        FlashPlan p = FlashPlan.of(List.of(row(FLASH.resolve("bootloader_esp32c3.bin"), "0x1000")), ESP32, 4 << 20,
                null);
        assertThat(p.problems()).extracting(FlashPlan.Problem::text).containsExactly("bootloader_esp32c3.bin is built"
                + " for ESP32-C3, but the board is ESP32: choose the ESP32 build of this file.");
    }

    @Test
    void aMissingFileAnEmptyAddressAndAFilePastTheEndAreRefused() {
        FlashPlan p = FlashPlan.of(List.of(row(tmp.resolve("gone.bin"), "0x10000"),
                row(FLASH.resolve("partitions_singleapp.bin"), " "),
                row(FLASH.resolve("app_esp32.bin"), "0x3f0000")), ESP32, 4 << 20, null);
        assertThat(p.problems()).extracting(FlashPlan.Problem::text).containsExactly(
                "gone.bin is not there any more (" + tmp.resolve("gone.bin") + "): choose the file again or untick"
                        + " the row.",
                "Type the flash address of partitions_singleapp.bin (for example 0x10000).",
                "app_esp32.bin at 0x3f0000 would end at 0x482ed0, past the end of the 4MB flash: check the address.");
        assertThat(FlashPlan.of(List.of(), ESP32, 0, null).problems()).extracting(FlashPlan.Problem::text)
                .singleElement().asString().startsWith("There is nothing to flash");
    }

    @Test
    void internalDefaultIsTheInitDataAtTheFourthLastSectorAndBlanksTheSecondLast() throws Exception {
        Path init = tmp.resolve("esp_init_data_default.bin");
        byte[] data = new byte[128];
        Arrays.fill(data, (byte) 0x5A);
        Files.write(init, data);
        FileRow def = new FileRow(FileRow.INTERNAL_DEFAULT);
        FileRow blank = new FileRow(FileRow.INTERNAL_BLANK);
        blank.address = "0x7e000";
        FlashPlan p = FlashPlan.of(List.of(def), ESP8266, 4 << 20, init);
        assertThat(p.problems()).isEmpty();
        assertThat(p.files()).extracting(FlashFile::address).containsExactly(0x3FC000, 0x3FE000);
        assertThat(p.files().get(0).data()).isEqualTo(data);
        assertThat(p.files().get(1).data()).hasSize(4096).containsOnly((byte) 0xFF);
        FlashPlan small = FlashPlan.of(List.of(def), ESP8266, 512 << 10, init);
        assertThat(small.files()).extracting(FlashFile::address).containsExactly(0x7C000, 0x7E000);

        FlashPlan b = FlashPlan.of(List.of(blank), ESP8266, 512 << 10, init);
        assertThat(b.files()).singleElement().satisfies(f -> {
            assertThat(f.address()).isEqualTo(0x7E000);
            assertThat(f.data()).hasSize(4096).containsOnly((byte) 0xFF);
        });
        assertThat(FlashPlan.of(List.of(def), ESP32, 4 << 20, init).problems()).extracting(FlashPlan.Problem::text)
                .containsExactly("INTERNAL://DEFAULT is ESP8266 SDK init data, but the board is ESP32: untick that row.");
        assertThat(FlashPlan.of(List.of(def), ESP8266, 4 << 20, null).problems()).extracting(FlashPlan.Problem::text)
                .singleElement().asString().contains("needs the SDK's esp_init_data_default.bin");
    }

    @Test
    void theCommandLineDoesWhatTheWindowIsSetUpToDo() {
        FileRow a = row(Path.of("/fw/my app.bin"), "0x10000");
        FileRow off = row(Path.of("/fw/old.bin"), "0x20000");
        off.enabled = false;
        FileRow blank = new FileRow(FileRow.INTERNAL_BLANK);
        blank.address = "0x7e000";
        String cmd = EsptoolCommand.writeFlash("/dev/ttyUSB0", 460800,
                new FlashOptions("dio", "keep", "detect", true, false, Boolean.FALSE),
                List.of(row(Path.of("/fw/bootloader.bin"), "0x1000"), a, off, new FileRow(FileRow.INTERNAL_DEFAULT),
                        blank), "/sdk/esp_init_data_default.bin");
        assertThat(cmd).isEqualTo("esptool --port /dev/ttyUSB0 --baud 460800 write-flash --flash-mode dio"
                + " --flash-size detect --erase-all --no-verify --no-compress --init-data /sdk/esp_init_data_default.bin"
                + " 0x1000 /fw/bootloader.bin 0x10000 '/fw/my app.bin'\n"
                + "# INTERNAL://BLANK at 0x7e000: esptool has no pseudo-file; write a 4096-byte file of 0xFF bytes there.");
    }

    @Test
    void addressesAsPeopleTypeThem() {
        assertThat(Numbers.parseAddress("0x10000")).isEqualTo(0x10000);
        assertThat(Numbers.parseAddress(" 0X1_000 ")).isEqualTo(0x1000);
        assertThat(Numbers.parseAddress("65536")).isEqualTo(65536);
        assertThat(Numbers.parseAddress("64k")).isEqualTo(65536);
        assertThat(Numbers.parseAddress("0x1OOOO")).isEqualTo(-1);
        assertThat(Numbers.parseAddress("-5")).isEqualTo(-1);
    }
}
