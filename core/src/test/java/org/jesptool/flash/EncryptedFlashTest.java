package org.jesptool.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.jesptool.protocol.Opcode;
import org.jesptool.secure.FlashEncryption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Encrypted writes and the security checks, whole stack against the virtual device: the flash file must hold
 * exactly what espsecure's encrypt-flash-data produces for the device's key and each address.
 */
class EncryptedFlashTest {
    static final byte[] BOOT32 = VirtualRig.resource("bootloader_esp32.bin");
    static final byte[] BOOTC3 = VirtualRig.resource("bootloader_esp32c3.bin");
    static final byte[] PT = VirtualRig.resource("partitions_singleapp.bin");
    static final byte[] APP = VirtualRig.resource("app_esp32.bin");
    static final byte[] KEY = key(32, 7);

    @TempDir
    Path dir;
    Path flash;
    RecordingTransport wire;

    static byte[] key(int length, int seed) {
        byte[] k = new byte[length];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (i * seed + 1);
        }
        return k;
    }

    static String keyOption(byte[] key) {
        return "flash-key=" + HexFormat.of().formatHex(key);
    }

    private VirtualRig connect(String chip, boolean stub, String options) throws Exception {
        flash = dir.resolve(chip + ".bin");
        VirtualRig rig = VirtualRig.connect(chip, flash, stub, 460800, t -> wire = new RecordingTransport(t), options);
        wire.clear();
        return rig;
    }

    /** What espsecure encrypt-flash-data gives for the ESP32 (data padded as write-flash pads it). */
    static byte[] esp32Cipher(byte[] data, byte[] key, int address) {
        return FlashEncryption.esp32(WritePlanner.pad(data, 32), key, "key", address, 0xF, false);
    }

    /** What espsecure encrypt-flash-data --aes-xts gives for XTS chips. */
    static byte[] xtsCipher(byte[] data, byte[] key, int address) {
        return FlashEncryption.xts(WritePlanner.pad(data, 16), key, "key", address, false);
    }

    private byte[] flashAt(int address, int length) throws Exception {
        return VirtualRig.readFlashFile(flash, address, length);
    }

    private static List<FlashFile> esp32Files() {
        return List.of(new FlashFile(0x1000, BOOT32, "bootloader.bin"), new FlashFile(0x8000, PT, "partitions.bin"),
                new FlashFile(0x10000, APP, "app.bin"));
    }

    @ParameterizedTest(name = "compress={0}")
    @ValueSource(booleans = {true, false})
    void esp32StubWritesTheCiphertextEspsecureComputes(boolean compress) throws Exception {
        try (VirtualRig rig = connect("esp32", true, keyOption(KEY) + "&flash-crypt-config=0xF&flash-crypt-cnt=1")) {
            List<FileResult> r = rig.flasher().write(esp32Files(), new WriteOptions().encrypt(true).compress(compress));
            assertThat(r).noneMatch(FileResult::verified);
        }
        assertThat(wire.sent).doesNotContain(Opcode.SPI_FLASH_MD5)
                .contains(compress ? Opcode.FLASH_DEFL_BEGIN : Opcode.FLASH_BEGIN);
        for (FlashFile f : esp32Files()) {
            byte[] expected = esp32Cipher(f.data(), KEY, f.address());
            assertThat(flashAt(f.address(), expected.length)).as(f.name()).isEqualTo(expected);
            assertThat(flashAt(f.address(), 64)).isNotEqualTo(Arrays.copyOf(f.data(), 64));
        }
    }

    @ParameterizedTest(name = "compress={0}")
    @ValueSource(booleans = {true, false})
    void olderStubWithoutTheEncryptedWordGetsFlashEncryptData(boolean compress) throws Exception {
        List<String> messages = new java.util.ArrayList<>();
        try (VirtualRig rig = connect("esp32", true,
                keyOption(KEY) + "&flash-crypt-config=0xF&flash-crypt-cnt=1&old-stub=1")) {
            rig.flasher().listener(new ProgressListener() {
                @Override
                public void message(String text) {
                    messages.add(text);
                }
            }).write(esp32Files(), new WriteOptions().encrypt(true).compress(compress));
        }
        // the five-word BEGIN is refused once; from then on the esptool 4.x way: four words, plain
        // FLASH_ENCRYPT_DATA blocks
        assertThat(messages).filteredOn(m -> m.contains("FLASH_ENCRYPT_DATA")).hasSize(1);
        assertThat(wire.sent).contains(Opcode.FLASH_ENCRYPT_DATA).doesNotContain(Opcode.FLASH_DEFL_DATA,
                Opcode.FLASH_DATA);
        for (FlashFile f : esp32Files()) {
            byte[] expected = esp32Cipher(f.data(), KEY, f.address());
            assertThat(flashAt(f.address(), expected.length)).as(f.name()).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "stub={0}")
    @ValueSource(booleans = {true, false})
    void esp32c3WritesXtsCiphertextThroughRomAndStub(boolean stub) throws Exception {
        List<FlashFile> files = List.of(new FlashFile(0x0, BOOTC3, "bootloader.bin"),
                new FlashFile(0x8000, PT, "partitions.bin"), new FlashFile(0x10000, APP, "app.bin"));
        try (VirtualRig rig = connect("esp32c3", stub, keyOption(KEY) + "&flash-crypt-cnt=1")) {
            rig.flasher().write(files, new WriteOptions().encrypt(true).force(true));
        }
        for (FlashFile f : files) {
            byte[] expected = xtsCipher(f.data(), KEY, f.address());
            assertThat(flashAt(f.address(), expected.length)).as(f.name()).isEqualTo(expected);
        }
    }

    @Test
    void mixedEncryptedAndPlainFilesInOneRun() throws Exception {
        try (VirtualRig rig = connect("esp32c3", true, keyOption(KEY))) {
            List<FileResult> r = rig.flasher().write(List.of(new FlashFile(0x8000, PT, "partitions.bin")),
                    new WriteOptions().force(true).encryptFiles(List.of(new FlashFile(0x0, BOOTC3, "boot.bin"),
                            new FlashFile(0x10000, APP, "app.bin"))));
            assertThat(r).extracting(FileResult::verified).containsExactly(false, true, false);
        }
        assertThat(flashAt(0x8000, PT.length)).isEqualTo(PT);
        assertThat(flashAt(0x0, 0x10)).isEqualTo(Arrays.copyOf(xtsCipher(BOOTC3, KEY, 0), 0x10));
        byte[] app = xtsCipher(APP, KEY, 0x10000);
        assertThat(flashAt(0x10000, app.length)).isEqualTo(app);
    }

    @Test
    void esp32RomCannotEncryptAndNothingIsSent() throws Exception {
        try (VirtualRig rig = connect("esp32", false, keyOption(KEY) + "&flash-crypt-config=0xF")) {
            assertThatThrownBy(() -> rig.flasher().write(esp32Files(), new WriteOptions().encrypt(true)))
                    .isInstanceOf(FlashException.class).hasMessageContaining("ROM loader cannot write encrypted")
                    .hasMessageContaining("Load a flasher stub first.");
        }
        assertThat(wire.sent).doesNotContain(Opcode.FLASH_BEGIN, Opcode.FLASH_DEFL_BEGIN, Opcode.FLASH_DATA);
    }

    @ParameterizedTest(name = "{0} at 0x{1}")
    @CsvSource({"esp32, 1010", "esp32c3, 8008"})
    void misalignedEncryptedAddressRefusedBeforeAnythingIsSent(String chip, String hex) throws Exception {
        int address = Integer.parseInt(hex, 16);
        try (VirtualRig rig = connect(chip, true, keyOption(KEY) + "&flash-crypt-config=0xF")) {
            assertThatThrownBy(() -> rig.flasher().write(List.of(new FlashFile(0x20000, PT, "plain.bin")),
                    new WriteOptions().force(true).encryptFiles(List.of(new FlashFile(address, PT, "odd.bin")))))
                    .hasMessageContaining("odd.bin (address 0x" + hex + ") is not " + (chip.equals("esp32") ? 32 : 16)
                            + " byte aligned").hasMessageContaining("Nothing was written");
        }
        assertThat(wire.sent).doesNotContain(Opcode.FLASH_BEGIN, Opcode.FLASH_DEFL_BEGIN);
        assertThat(flashAt(0x20000, 0x1000)).containsOnly((byte) 0xFF);
    }

    @Test
    void missingKeyRefusedUnlessIgnored() throws Exception {
        byte[] blank = new byte[32]; // an unprogrammed key block: the hardware encrypts with zeros
        try (VirtualRig rig = connect("esp32c3", true, null)) {
            FlashFile app = new FlashFile(0x10000, APP, "app.bin");
            assertThatThrownBy(() -> rig.flasher().write(List.of(app), new WriteOptions().encrypt(true).force(true)))
                    .hasMessageContaining("Flash encryption key is not programmed")
                    .hasMessageContaining("--ignore-flash-enc-efuse");
            assertThat(wire.sent).doesNotContain(Opcode.FLASH_BEGIN, Opcode.FLASH_DEFL_BEGIN);
            List<String> messages = new ArrayList<>();
            rig.flasher().listener(new ProgressListener() {
                @Override
                public void message(String text) {
                    messages.add(text);
                }
            }).write(List.of(app), new WriteOptions().encrypt(true).force(true)
                    .ignoreFlashEncryptionEfuse(true));
            assertThat(messages).anyMatch(m -> m.contains("Flash encryption key is not programmed")
                    && m.contains("anyway"));
        }
        byte[] expected = xtsCipher(APP, blank, 0x10000);
        assertThat(flashAt(0x10000, expected.length)).isEqualTo(expected);
    }

    @Test
    void esp32UnexpectedCryptConfigRefusedUnlessIgnored() throws Exception {
        try (VirtualRig rig = connect("esp32", true, keyOption(KEY))) {
            FlashFile pt = new FlashFile(0x8000, PT, "pt.bin");
            assertThatThrownBy(() -> rig.flasher().write(List.of(pt), new WriteOptions().encrypt(true)))
                    .hasMessageContaining("Unexpected FLASH_CRYPT_CONFIG value: 0x0");
            rig.flasher().write(List.of(pt), new WriteOptions().encrypt(true).ignoreFlashEncryptionEfuse(true));
        }
        // the chip tweaks the key with FLASH_CRYPT_CONFIG 0 (no address bits): not what conf 0xF gives
        byte[] expected = FlashEncryption.esp32(WritePlanner.pad(PT, 32), KEY, "key", 0x8000, 0, false);
        assertThat(flashAt(0x8000, expected.length)).isEqualTo(expected);
    }

    @Test
    void releaseModeRefusesEncryptedAndPlaintextWrites() throws Exception {
        try (VirtualRig rig = connect("esp32c3", true, keyOption(KEY) + "&flash-crypt-cnt=1&dis-manual-encrypt=1")) {
            FlashFile pt = new FlashFile(0x8000, PT, "pt.bin");
            assertThatThrownBy(() -> rig.flasher().write(List.of(pt), new WriteOptions().encrypt(true)
                    .ignoreFlashEncryptionEfuse(true))).hasMessageContaining("DIS_DOWNLOAD_MANUAL_ENCRYPT");
            assertThatThrownBy(() -> rig.flasher().write(List.of(pt), new WriteOptions()))
                    .hasMessageContaining("download manual encrypt disabled").hasMessageContaining("--force");
            assertThat(wire.sent).doesNotContain(Opcode.FLASH_BEGIN, Opcode.FLASH_DEFL_BEGIN);
            rig.flasher().write(List.of(pt), new WriteOptions().force(true));
        }
        assertThat(flashAt(0x8000, PT.length)).isEqualTo(PT);
    }

    @Test
    void plaintextRefusedInSecureDownloadModeWithFlashEncryption() throws Exception {
        try (VirtualRig rig = connect("esp32c3", false, keyOption(KEY) + "&sdm=1&flash-crypt-cnt=1")) {
            FlashFile pt = new FlashFile(0x8000, PT, "pt.bin");
            assertThatThrownBy(() -> rig.flasher().write(List.of(pt), new WriteOptions().flashSize(4 << 20)))
                    .hasMessageContaining("Secure Download Mode").hasMessageContaining("--force");
            assertThat(wire.sent).doesNotContain(Opcode.FLASH_BEGIN);
            rig.flasher().write(List.of(pt), new WriteOptions().encrypt(true));
        }
        byte[] expected = xtsCipher(PT, KEY, 0x8000);
        assertThat(flashAt(0x8000, expected.length)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"esp32, flash-crypt-cnt=1", "esp32, secure-boot=1", "esp32c3, flash-crypt-cnt=7",
        "esp32c3, secure-boot=1"})
    void eraseRefusedWhileSecurityFeaturesAreOn(String chip, String option) throws Exception {
        byte[] data = new byte[0x2000];
        Arrays.fill(data, (byte) 0x5A);
        try (VirtualRig rig = connect(chip, true, option)) {
            rig.flasher().write(List.of(new FlashFile(0x20000, data, "data.bin")), new WriteOptions().force(true));
            wire.clear();
            Flasher f = rig.flasher();
            assertThatThrownBy(f::eraseFlash).hasMessageContaining("Active security features detected")
                    .hasMessageContaining("--force").hasMessageContaining("brick").hasMessageContaining("Nothing was erased");
            assertThatThrownBy(() -> f.eraseRegion(0x20000, 0x1000, 4 << 20)).hasMessageContaining("--force");
            assertThatThrownBy(() -> f.write(List.of(new FlashFile(0x30000, data, "x.bin")),
                    new WriteOptions().eraseAll(true))).hasMessageContaining("Active security features");
            assertThat(wire.sent).doesNotContain(Opcode.ERASE_FLASH, Opcode.ERASE_REGION, Opcode.FLASH_BEGIN,
                    Opcode.FLASH_DEFL_BEGIN);
            assertThat(flashAt(0x20000, data.length)).isEqualTo(data);
            f.eraseRegion(0x20000, 0x1000, 4 << 20, true);
            assertThat(wire.sent).contains(Opcode.ERASE_REGION);
            assertThat(flashAt(0x20000, 0x1000)).containsOnly((byte) 0xFF);
            f.eraseFlash(true);
            assertThat(wire.sent).contains(Opcode.ERASE_FLASH);
        }
        assertThat(flashAt(0x21000, 0x1000)).containsOnly((byte) 0xFF);
    }

    @Test
    void romEraseRegionRefusedWithSecureBootToo() throws Exception {
        try (VirtualRig rig = connect("esp32c3", false, "secure-boot=1")) {
            assertThatThrownBy(() -> rig.flasher().eraseRegion(0x20000, 0x1000, 4 << 20))
                    .hasMessageContaining("secure boot enabled");
            assertThat(wire.sent).doesNotContain(Opcode.FLASH_BEGIN);
        }
    }

    @Test
    void eraseAllowedWithoutSecurityFeatures() throws Exception {
        try (VirtualRig rig = connect("esp32c3", true, keyOption(KEY))) {
            rig.flasher().eraseRegion(0x20000, 0x1000, 4 << 20);
        }
        assertThat(wire.sent).contains(Opcode.ERASE_REGION);
    }

    @Test
    void secureBootV1ProtectsTheBootloaderRegion() throws Exception {
        try (VirtualRig rig = connect("esp32", true, "secure-boot=1")) {
            FlashFile boot = new FlashFile(0x1000, BOOT32, "bootloader.bin");
            assertThatThrownBy(() -> rig.flasher().write(List.of(boot, new FlashFile(0x10000, APP, "app.bin")),
                    new WriteOptions())).hasMessageContaining("Secure Boot detected")
                    .hasMessageContaining("bootloader.bin").hasMessageContaining("0x8000");
            assertThat(wire.sent).doesNotContain(Opcode.FLASH_BEGIN, Opcode.FLASH_DEFL_BEGIN);
            rig.flasher().write(List.of(new FlashFile(0x10000, APP, "app.bin")), new WriteOptions());
            rig.flasher().write(List.of(boot), new WriteOptions().force(true));
        }
        assertThat(flashAt(0x1000, BOOT32.length)).isEqualTo(BOOT32);
        assertThat(flashAt(0x10000, APP.length)).isEqualTo(APP);
    }

    @Test
    void keyManagerProtectsTheRegionBelow0x2000() throws Exception {
        try (VirtualRig rig = connect("esp32c5", false, "key-manager=1&flash-crypt-cnt=1")) {
            FlashFile low = new FlashFile(0x1000, PT, "low.bin");
            assertThatThrownBy(() -> rig.flasher().write(List.of(low), new WriteOptions()))
                    .hasMessageContaining("Key Manager").hasMessageContaining("0x2000").hasMessageContaining("--force");
            assertThat(wire.sent).doesNotContain(Opcode.FLASH_BEGIN, Opcode.FLASH_DEFL_BEGIN);
            // the Key Manager's key counts as a programmed key: no eFuse complaint
            rig.flasher().write(List.of(new FlashFile(0x2000, PT, "pt.bin")), new WriteOptions().encrypt(true));
            rig.flasher().write(List.of(low), new WriteOptions().force(true));
        }
        assertThat(flashAt(0x1000, PT.length)).isEqualTo(PT);
        assertThat(flashAt(0x2000, PT.length)).isEqualTo(xtsCipher(PT, new byte[32], 0x2000));
    }

    @Test
    void encryptedWriteIsNotResumedAfterALostLink() throws Exception {
        flash = dir.resolve("c3.bin");
        FaultyTransport[] faulty = new FaultyTransport[1];
        try (VirtualRig rig = VirtualRig.connect("esp32c3", flash, true, 460800,
                t -> faulty[0] = new FaultyTransport(t, FaultyTransport.Fault.RESET, 3), keyOption(KEY))) {
            assertThatThrownBy(() -> rig.flasher().write(List.of(new FlashFile(0x10000, APP, "app.bin")),
                    new WriteOptions().encrypt(true).force(true))).isInstanceOf(FlashException.class)
                    .hasMessageContaining("app.bin").hasMessageNotContaining("reconnecting")
                    .hasMessageContaining("write-flash --skip-flashed --encrypt 0x10000 app.bin");
        }
        assertThat(faulty[0].faultsInjected).isEqualTo(1);
        assertThat(Files.exists(flash)).isTrue();
    }
}
