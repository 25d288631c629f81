package org.jesptool.cli.flash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.jesptool.secure.FlashEncryption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * write-flash --encrypt / --encrypt-files / --ignore-flash-enc-efuse and the erase refusals, through the
 * esptool entry point against virtual chips with flash encryption keys; the flash file must hold exactly what
 * the espsecure library's encrypt-flash-data computes.
 */
class EncryptedWriteCommandsTest {
    @TempDir
    Path dir;
    Path flash;
    Path boot32;
    Path bootC3;
    Path pt;
    Path app;
    byte[] key = new byte[32];

    @BeforeEach
    void files() throws Exception {
        flash = dir.resolve("flash.bin");
        boot32 = FlashCli.resource(dir, "bootloader_esp32.bin");
        bootC3 = FlashCli.resource(dir, "bootloader_esp32c3.bin");
        pt = FlashCli.resource(dir, "partitions_singleapp.bin");
        app = FlashCli.resource(dir, "app_esp32.bin");
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (0xA5 ^ i * 11);
        }
    }

    private String port(String chip, String options) {
        return "virtual://" + chip + "?flash=4MB&image=" + flash + (options.isEmpty() ? "" : "&" + options);
    }

    private String keyed() {
        return "flash-key=" + HexFormat.of().formatHex(key);
    }

    private byte[] flashAt(int address, int length) throws Exception {
        return Arrays.copyOfRange(Files.readAllBytes(flash), address, address + length);
    }

    private static byte[] pad(byte[] data, int multiple) {
        int n = (data.length + multiple - 1) / multiple * multiple;
        byte[] p = Arrays.copyOf(data, n);
        Arrays.fill(p, data.length, n, (byte) 0xFF);
        return p;
    }

    private void assertXts(Path file, int address) throws Exception {
        byte[] expected = FlashEncryption.xts(pad(Files.readAllBytes(file), 16), key, "key", address, false);
        assertThat(flashAt(address, expected.length)).as("%s at 0x%x", file.getFileName(), address)
                .isEqualTo(expected);
    }

    @Test
    void esp32EncryptThroughTheStub() throws Exception {
        FlashCli r = FlashCli.run(dir, "--port", port("esp32", keyed() + "&flash-crypt-config=0xF&flash-crypt-cnt=1"),
                "--stub-file", FlashCli.stub(dir, "esp32").toString(), "write-flash", "--encrypt",
                "0x1000", boot32.toString(), "0x8000", pt.toString(), "0x10000", app.toString());
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.out).contains("Cannot verify written data if encrypted").doesNotContain("Hash of data verified")
                .doesNotContain("not every file could be verified");
        for (Object[] f : new Object[][] {{boot32, 0x1000}, {pt, 0x8000}, {app, 0x10000}}) {
            int address = (Integer) f[1];
            byte[] expected = FlashEncryption.esp32(pad(Files.readAllBytes((Path) f[0]), 32), key, "key", address,
                    0xF, false);
            assertThat(flashAt(address, expected.length)).as("0x%x", address).isEqualTo(expected);
        }
    }

    @Test
    void esp32c3RomMixesEncryptedAndPlainFiles() throws Exception {
        FlashCli r = FlashCli.run(dir, "--port", port("esp32c3", keyed()), "--no-stub", "write-flash", "--force",
                "0x8000", pt.toString(), "--encrypt-files", "0x0", bootC3.toString(), "0x10000", app.toString());
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.out).contains("Hash of data verified.").contains("Cannot verify written data if encrypted")
                .doesNotContain("not every file could be verified");
        assertThat(flashAt(0x8000, (int) Files.size(pt))).isEqualTo(Files.readAllBytes(pt));
        assertXts(bootC3, 0x0);
        assertXts(app, 0x10000);
    }

    @Test
    void misalignedEncryptedAddressRefusedBeforeWriting() throws Exception {
        FlashCli r = FlashCli.run(dir, "--port", port("esp32c3", keyed()), "--no-stub", "write-flash", "--encrypt",
                "0x8008", pt.toString());
        assertThat(r.code).as(r.toString()).isEqualTo(2);
        assertThat(r.err).contains("(address 0x8008) is not 16 byte aligned").contains("Nothing was written");
        assertThat(Files.readAllBytes(flash)).containsOnly((byte) 0xFF);
    }

    @Test
    void eFuseCheckRefusesWithoutKeyAndIsOverridable() throws Exception {
        FlashCli r = FlashCli.run(dir, "--port", port("esp32c3", ""), "--no-stub", "write-flash", "--encrypt",
                "0x8000", pt.toString());
        assertThat(r.code).as(r.toString()).isEqualTo(2);
        assertThat(r.err).contains("Flash encryption key is not programmed").contains("--ignore-flash-enc-efuse");
        assertThat(Files.readAllBytes(flash)).containsOnly((byte) 0xFF);

        FlashCli forced = FlashCli.run(dir, "--port", port("esp32c3", ""), "--no-stub", "write-flash", "--encrypt",
                "--ignore-flash-encryption-efuse-setting", "0x8000", pt.toString());
        assertThat(forced.code).as(forced.toString()).isZero();
        key = new byte[32]; // a blank key block: the chip encrypts with zeros
        assertXts(pt, 0x8000);
    }

    @Test
    void secureBootLeavesTheBootloaderHeaderAlone() throws Exception {
        FlashCli r = FlashCli.run(dir, "--port", port("esp32c3", "secure-boot=1"), "write-flash", "-fm", "qio",
                "-ff", "80m", "0x0", bootC3.toString()); // the image says dio, 20m
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.out).contains("Security features enabled (secure boot), so the flash header of the bootloader "
                + "is not changed.").doesNotContain("Flash parameters set");
        assertThat(flashAt(0, (int) Files.size(bootC3))).isEqualTo(Files.readAllBytes(bootC3));
    }

    @Test
    void eraseRefusedWithFlashEncryptionOrSecureBootUnlessForced() throws Exception {
        String stub = FlashCli.stub(dir, "esp32").toString();
        FlashCli w = FlashCli.run(dir, "--port", port("esp32", "flash-crypt-cnt=1"), "--stub-file", stub,
                "write-flash", "0x10000", pt.toString());
        assertThat(w.code).as(w.toString()).isZero();
        for (String[] cmd : new String[][] {{"erase-flash"}, {"erase-region", "0x10000", "0x1000"}}) {
            String[] args = new String[4 + cmd.length];
            System.arraycopy(new String[] {"--port", port("esp32", "flash-crypt-cnt=1"), "--stub-file", stub}, 0,
                    args, 0, 4);
            System.arraycopy(cmd, 0, args, 4, cmd.length);
            FlashCli r = FlashCli.run(dir, args);
            assertThat(r.code).as(r.toString()).isEqualTo(2);
            assertThat(r.err).contains("Active security features detected (flash encryption enabled)")
                    .contains("--force").contains("brick").doesNotContain("Exception");
            assertThat(flashAt(0x10000, (int) Files.size(pt))).isEqualTo(Files.readAllBytes(pt));
        }
        FlashCli rom = FlashCli.run(dir, "--port", port("esp32c3", "secure-boot=1"), "erase-region", "0x10000",
                "0x1000");
        assertThat(rom.code).as(rom.toString()).isEqualTo(2);
        assertThat(rom.err).contains("(secure boot enabled)");
        assertThat(flashAt(0x10000, (int) Files.size(pt))).isEqualTo(Files.readAllBytes(pt));

        FlashCli region = FlashCli.run(dir, "--port", port("esp32c3", "secure-boot=1"), "erase-region", "--force",
                "0x10000", "0x1000");
        assertThat(region.code).as(region.toString()).isZero();
        assertThat(flashAt(0x10000, 0x1000)).containsOnly((byte) 0xFF);
        FlashCli all = FlashCli.run(dir, "--port", port("esp32", "flash-crypt-cnt=1"), "--stub-file", stub,
                "erase-flash", "--force");
        assertThat(all.code).as(all.toString()).isZero();
        assertThat(all.out).contains("Chip erase completed successfully");
    }
}
