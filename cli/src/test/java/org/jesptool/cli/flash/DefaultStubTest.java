package org.jesptool.cli.flash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jesptool.loader.StubImages;
import org.jesptool.target.Chip;
import org.jesptool.target.Chips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No stub option: every chip JEsptool has a stub image for (ESP8266 and the RISC-V chips; stand-ins from the
 * test fixture until stub/ commits the real ones) writes through it with an MD5 check, reads back and erases;
 * {@code --no-stub} keeps the ROM loader; a stub that does not start leaves the chip in ROM mode, said once.
 */
class DefaultStubTest {
    @TempDir
    Path dir;

    static List<String> chipsWithStub() {
        return Chips.all().stream().filter(c -> StubImages.forChip(c).isPresent()).map(Chip::name).toList();
    }

    @Test
    void esp8266AndEveryRiscVChipHaveAStub() {
        assertThat(chipsWithStub()).contains("esp8266", "esp32c2", "esp32c3", "esp32c5", "esp32c6", "esp32c61",
                "esp32h2", "esp32p4");
    }

    @Test
    void encryptedWritesStayWithTheRomLoaderSinceOurStubCannotEncrypt() throws Exception {
        Path pt = FlashCli.resource(dir, "partitions_singleapp.bin");
        String key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        FlashCli w = FlashCli.run(dir, "--port", port("esp32c3", "&flash-crypt-cnt=1&flash-key=" + key), "write-flash",
                "--encrypt", "0x8000", pt.toString());
        assertThat(w.code).as(w.toString()).isZero();
        assertThat(w.out).as(w.toString()).contains("using the ROM loader for this encrypted write")
                .doesNotContain("Uploading flasher stub");
        byte[] stored = flashAt(0x8000, (int) Files.size(pt));
        assertThat(stored).isNotEqualTo(Files.readAllBytes(pt)); // ciphertext, not the plain partition table
        assertThat(stored).isNotEqualTo(flashAt(0x100000, stored.length)); // and something was written
    }

    @Test
    void esp32p4BeforeRevision3GetsItsOwnImage() {
        Chip p4 = Chips.byName("esp32p4").orElseThrow();
        assertThat(StubImages.forChip(p4, 100).orElseThrow().segments().get(0).address()).isEqualTo(0x4FF10000);
        assertThat(StubImages.forChip(p4, 300).orElseThrow().segments().get(0).address()).isEqualTo(0x4FF50000);
    }

    private String port(String chip, String options) {
        return "virtual://" + chip + "?flash=4MB&image=" + dir.resolve("flash.bin") + options;
    }

    private byte[] flashAt(int address, int length) throws Exception {
        return Arrays.copyOfRange(Files.readAllBytes(dir.resolve("flash.bin")), address, address + length);
    }

    @ParameterizedTest
    @MethodSource("chipsWithStub")
    void writesVerifiesReadsBackAndErasesThroughOurStub(String chip) throws Exception {
        Path boot = FlashCli.resource(dir, "bootloader_esp32.bin");
        Path pt = FlashCli.resource(dir, "partitions_singleapp.bin");
        Path app = FlashCli.resource(dir, "app_esp32.bin");
        // the esp32 files as plain data (none lies at this chip's bootloader offset, so nothing is patched)
        FlashCli w = FlashCli.run(dir, "--port", port(chip, ""), "write-flash", "--force", "0x1000", boot.toString(),
                "0x8000", pt.toString(), "0x10000", app.toString());
        assertThat(w.code).as(w.toString()).isZero();
        assertThat(w.out).as(w.toString()).contains("Flasher stub running.").doesNotContain("ROM loader");
        assertThat(w.out.split("Hash of data verified\\.", -1)).as(w.toString()).hasSize(4);
        byte[] appBytes = Files.readAllBytes(app);
        assertThat(flashAt(0x1000, (int) Files.size(boot))).isEqualTo(Files.readAllBytes(boot));
        assertThat(flashAt(0x8000, (int) Files.size(pt))).isEqualTo(Files.readAllBytes(pt));
        assertThat(flashAt(0x10000, appBytes.length)).isEqualTo(appBytes);

        Path back = dir.resolve("back.bin");
        FlashCli r = FlashCli.run(dir, "--port", port(chip, ""), "read-flash", "0x10000",
                String.valueOf(appBytes.length), back.toString());
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(back)).isEqualTo(appBytes);

        FlashCli e = FlashCli.run(dir, "--port", port(chip, ""), "erase-flash");
        assertThat(e.code).as(e.toString()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("flash.bin"))).containsOnly((byte) 0xFF);
    }

    @Test
    void noStubKeepsTheRomLoader() throws Exception {
        Path pt = FlashCli.resource(dir, "partitions_singleapp.bin");
        FlashCli w = FlashCli.run(dir, "--port", port("esp32c3", ""), "--no-stub", "write-flash", "0x8000",
                pt.toString());
        assertThat(w.code).as(w.toString()).isZero();
        assertThat(w.out).contains("Using the ROM loader (--no-stub)").contains("Hash of data verified.")
                .doesNotContain("Uploading flasher stub");
        // the ROM loader has no chip erase: erase-flash erases the detected flash as one region instead
        FlashCli e = FlashCli.run(dir, "--port", port("esp8266", ""), "--no-stub", "erase-flash");
        assertThat(e.code).as(e.toString()).isZero();
        assertThat(e.out).contains("The ROM loader has no chip erase: erasing all 4MB as one region.")
                .doesNotContain("Uploading flasher stub");
        assertThat(flashAt(0, 4 << 20)).containsOnly((byte) 0xFF);
    }

    @Test
    void aStubThatDoesNotStartLeavesTheChipInRomMode() throws Exception {
        Path pt = FlashCli.resource(dir, "partitions_singleapp.bin");
        FlashCli w = FlashCli.run(dir, "--port", port("esp32c3", "&stub-greets=0"), "write-flash", "0x8000",
                pt.toString());
        assertThat(w.code).as(w.toString()).isZero();
        assertThat(w.err.split("The flasher stub did not start", -1)).as(w.toString()).hasSize(2);
        assertThat(w.out).contains("Hash of data verified.");
        assertThat(flashAt(0x8000, (int) Files.size(pt))).isEqualTo(Files.readAllBytes(pt));

        // the ESP8266 ROM cannot read flash: the error says why the stub is not there, not "Drop --no-stub"
        FlashCli e = FlashCli.run(dir, "--port", port("esp8266", "&stub-greets=0"), "read-flash", "0", "4k",
                dir.resolve("out.bin").toString());
        assertThat(e.code).as(e.toString()).isEqualTo(2);
        assertThat(e.err).contains("cannot read flash.")
                .contains("The flasher stub did not start on this chip (see above).").doesNotContain("--no-stub");
    }
}
