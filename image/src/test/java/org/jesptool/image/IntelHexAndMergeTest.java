package org.jesptool.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

import org.jesptool.image.hex.IntelHex;
import org.junit.jupiter.api.Test;

class IntelHexAndMergeTest {
    private static final ImageChip ESP32 = ImageFormats.forChip("esp32");

    @Test
    void writesRecordsLikeTheReferenceAcrossA64KiBBoundary() {
        byte[] data = TestElf.filled(40, 1);
        String hex = new String(IntelHex.write(List.of(new IntelHex.Chunk(0xFFF0, data))), StandardCharsets.US_ASCII);
        String[] lines = hex.split("\n");
        assertThat(lines[0]).isEqualTo(":020000040000FA");
        assertThat(lines[1]).startsWith(":10FFF000");
        assertThat(lines[2]).isEqualTo(":020000040001F9");
        assertThat(lines[3]).startsWith(":10000000");
        assertThat(lines[lines.length - 1]).isEqualTo(":00000001FF");
        List<IntelHex.Chunk> back = IntelHex.read(hex.getBytes(StandardCharsets.US_ASCII), "t.hex");
        assertThat(back).hasSize(1);
        assertThat(back.get(0).address()).isEqualTo(0xFFF0);
        assertThat(back.get(0).data()).isEqualTo(data);
    }

    @Test
    void smallDataHasNoExtendedAddressRecords() {
        String hex = new String(IntelHex.write(List.of(new IntelHex.Chunk(0x100, new byte[] {1, 2, 3}))),
                StandardCharsets.US_ASCII);
        assertThat(hex).isEqualTo(":03010000010203F6\n:00000001FF\n");
    }

    @Test
    void badRecordChecksumNamesFileAndLine() {
        String hex = ":03010000010203F6\n:03010300010203F0\n:00000001FF\n";
        assertThatThrownBy(() -> IntelHex.read(hex.getBytes(StandardCharsets.US_ASCII), "bad.hex"))
                .isInstanceOf(ImageException.class).hasMessageContaining("bad.hex line 2")
                .hasMessageContaining("checksum");
    }

    @Test
    void aFileThatOnlyStartsWithAColonIsMergedAsRawBytes() {
        // the reference falls back to raw data when a ':' file is not valid Intel HEX
        byte[] notHex = ":hello world\n".getBytes(StandardCharsets.US_ASCII);
        List<MergeBin.Input> in = MergeBin.prepare(List.of(new MergeBin.Input(0x1000, "c.bin", notHex)));
        assertThat(in).singleElement().satisfies(i -> {
            assertThat(i.address()).isEqualTo(0x1000);
            assertThat(i.data()).isEqualTo(notHex);
        });
        byte[] badChecksum = ":03010000010203F6\n:03010300010203F0\n:00000001FF\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(MergeBin.prepare(List.of(new MergeBin.Input(0, "b.hex", badChecksum))))
                .singleElement().satisfies(i -> assertThat(i.data()).isEqualTo(badChecksum));
    }

    @Test
    void linesAfterTheEndOfFileRecordAreIgnoredLikeTheReferenceReader() {
        String hex = ":03010000010203F6\n:00000001FF\ntrailing garbage\n";
        List<IntelHex.Chunk> back = IntelHex.read(hex.getBytes(StandardCharsets.US_ASCII), "t.hex");
        assertThat(back).singleElement().satisfies(c -> assertThat(c.data()).containsExactly(1, 2, 3));
    }

    @Test
    void imageInfoOfAColonFileThatIsNotHexReportsItsMagic() {
        byte[] notHex = ":hello world\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> ImageInfo.text(notHex, null, "c.bin")).isInstanceOf(ImageException.class)
                .hasMessage("This is not a valid image (invalid magic number: 0x3a).");
    }

    @Test
    void overlappingHexDataIsRefused() {
        String hex = ":03010000010203F6\n:03010100010203F5\n:00000001FF\n";
        assertThatThrownBy(() -> IntelHex.read(hex.getBytes(StandardCharsets.US_ASCII), "o.hex"))
                .hasMessageContaining("o.hex line 2").hasMessageContaining("overlaps");
    }

    @Test
    void hexInputIsSplitAtGapsAndPlacedAtItsOwnAddresses() {
        byte[] hex = IntelHex.write(List.of(new IntelHex.Chunk(0x1000, TestElf.filled(16, 1)),
                new IntelHex.Chunk(0x9000, TestElf.filled(8, 2))));
        List<MergeBin.Input> prepared = MergeBin.prepare(List.of(new MergeBin.Input(0, "in.hex", hex)));
        assertThat(prepared).extracting(MergeBin.Input::address).containsExactly(0x1000L, 0x9000L);
        byte[] raw = MergeBin.merge(prepared, ESP32, new MergeBin.Options().targetOffset(0x1000)).data();
        assertThat(raw).hasSize(0x8000 + 8);
        assertThat(raw[16]).isEqualTo((byte) 0xFF);
        assertThat(Arrays.copyOfRange(raw, 0x8000, 0x8008)).isEqualTo(TestElf.filled(8, 2));
    }

    @Test
    void overlappingInputsAreRefusedNamingAddressAndFile() {
        List<MergeBin.Input> in = List.of(new MergeBin.Input(0x1000, "a.bin", new byte[0x1800]),
                new MergeBin.Input(0x2000, "b.bin", new byte[16]));
        assertThatThrownBy(() -> MergeBin.prepare(in)).isInstanceOf(ImageException.class)
                .hasMessage("Detected overlap at address: 0x2000 for file: b.bin.");
    }

    @Test
    void inputBelowTargetOffsetIsRefused() {
        List<MergeBin.Input> in = MergeBin.prepare(List.of(new MergeBin.Input(0x1000, "a.bin", new byte[16])));
        assertThatThrownBy(() -> MergeBin.merge(in, ESP32, new MergeBin.Options().targetOffset(0x2000)))
                .hasMessageContaining("Input data offset 0x1000 is before this");
    }

    @Test
    void rawMergePadsGapsAndToSizeAndPatchesTheBootloaderHeader() throws Exception {
        byte[] boot = TestElf.fixture("bootloader_esp32.bin");
        List<MergeBin.Input> in = MergeBin.prepare(List.of(new MergeBin.Input(0x1000, "boot.bin", boot),
                new MergeBin.Input(0x8000, "pt.bin", TestElf.fixture("partitions_singleapp.bin"))));
        MergeBin.Result r = MergeBin.merge(in, ESP32, new MergeBin.Options().flashMode("dio").flashSize("4MB")
                .padToSize("64KB"));
        byte[] out = r.data();
        assertThat(out).hasSize(0x10000);
        assertThat(out[0]).isEqualTo((byte) 0xFF);
        assertThat(out[0x1000 + 3]).isEqualTo((byte) 0x20);
        assertThat(r.messages()).contains("Flash parameters set to 0x0220.");
        assertThat(out[0xFFFF]).isEqualTo((byte) 0xFF);
    }

    @Test
    void headerPatcherRecomputesAnAppendedDigestAndLeavesOtherAddressesAlone() throws Exception {
        ImageChip c3 = ImageFormats.forChip("esp32c3");
        byte[] boot = TestElf.fixture("bootloader_esp32c3.bin");
        FlashHeaderPatcher.Result r = FlashHeaderPatcher.patch(boot, 0x0, c3, "dio", "80m", "4MB");
        assertThat(r.messages()).containsExactly("Flash parameters set to 0x022f.", "SHA digest in image updated.");
        FirmwareImage parsed = FirmwareImage.parse(r.data(), c3);
        assertThat(parsed.storedDigest()).isEqualTo(parsed.calculatedDigest());
        assertThat(r.data()).hasSize(boot.length);
        byte[] expectedDigest = MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(r.data(), parsed.dataLength()));
        assertThat(Arrays.copyOfRange(r.data(), parsed.dataLength(), parsed.dataLength() + 32)).isEqualTo(expectedDigest);

        assertThat(FlashHeaderPatcher.patch(boot, 0x1000, c3, "dio", "80m", "4MB").changed()).isFalse();
        assertThat(FlashHeaderPatcher.patch(boot, 0x0, c3, "keep", "keep", "keep").changed()).isFalse();
        FlashHeaderPatcher.Result notImage = FlashHeaderPatcher.patch(TestElf.fixture("one_kb.bin"), 0, c3, "dio",
                "keep", "keep");
        assertThat(notImage.changed()).isFalse();
        assertThat(notImage.warnings()).singleElement().asString().contains("doesn't look like an image file");
    }

    @Test
    void uf2AnnouncesEachFileBeforeItsHeaderIsPatched() {
        List<MergeBin.Input> in = MergeBin.prepare(List.of(
                new MergeBin.Input(0x1000, "boot.bin", TestElf.fixture("bootloader_esp32.bin")),
                new MergeBin.Input(0x8000, "pt.bin", TestElf.fixture("partitions_singleapp.bin"))));
        MergeBin.Result r = MergeBin.merge(in, ESP32, new MergeBin.Options().format(MergeBin.Format.UF2)
                .flashMode("qout"));
        assertThat(r.messages()).containsExactly("Adding 'boot.bin' at 0x1000...", "Flash parameters set to 0x0110.",
                "Adding 'pt.bin' at 0x8000...");
    }

    @Test
    void hexWithOneInputWarnsWithTheReferencesFullText() {
        List<MergeBin.Input> in = MergeBin.prepare(List.of(new MergeBin.Input(0x1000, "a.bin", TestElf.filled(64, 1))));
        MergeBin.Result r = MergeBin.merge(in, ESP32, new MergeBin.Options().format(MergeBin.Format.HEX));
        assertThat(r.warnings()).containsExactly("Only one input file specified, output may include additional"
                + " padding if input file was previously merged. Please refer to the documentation for more"
                + " information: https://docs.espressif.com/projects/esptool/en/latest/esptool/basic-commands.html"
                + "#hex-output-format");
    }

    @Test
    void uf2BlocksCarryFamilyMd5AndBlockNumbersPerFile() throws Exception {
        byte[] a = TestElf.filled(1000, 1);
        List<MergeBin.Input> in = MergeBin.prepare(List.of(new MergeBin.Input(0x10000, "a.bin", a),
                new MergeBin.Input(0x20000, "b.bin", TestElf.filled(10, 2))));
        byte[] uf2 = MergeBin.merge(in, ESP32, new MergeBin.Options().format(MergeBin.Format.UF2)).data();
        assertThat(uf2).hasSize(4 * 512);
        ByteBuffer b = ByteBuffer.wrap(uf2).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0)).isEqualTo(0x0A324655);
        assertThat(b.getInt(8)).isEqualTo(0x6000);
        assertThat(b.getInt(12)).isEqualTo(0x10000);
        assertThat(b.getInt(16)).isEqualTo(452);
        assertThat(b.getInt(24)).isEqualTo(3);
        assertThat(b.getInt(28)).isEqualTo(0x1C5F21B0);
        assertThat(b.getInt(508)).isEqualTo(0x0AB16F30);
        assertThat(Arrays.copyOfRange(uf2, 32 + 452 + 8, 32 + 452 + 24))
                .isEqualTo(MessageDigest.getInstance("MD5").digest(Arrays.copyOf(a, 452)));
        assertThat(b.getInt(512 + 12)).isEqualTo(0x10000 + 452);
        assertThat(b.getInt(3 * 512 + 20)).isZero();
        assertThat(b.getInt(3 * 512 + 24)).isEqualTo(1);
        byte[] noMd5 = MergeBin.merge(in, ESP32, new MergeBin.Options().format(MergeBin.Format.UF2).md5(false)).data();
        assertThat(ByteBuffer.wrap(noMd5).order(ByteOrder.LITTLE_ENDIAN).getInt(16)).isEqualTo(476);
    }

    @Test
    void makeImageBuildsAnEsp8266Image() {
        java.util.Map<String, byte[]> files = MakeImage.build(List.of(
                new MakeImage.SegmentFile(0x40100000L, TestElf.filled(10, 1)),
                new MakeImage.SegmentFile(0x40210000L, TestElf.filled(20, 3)),
                new MakeImage.SegmentFile(0x3FFE8000L, TestElf.filled(8, 2))), 0x40100004L);
        assertThat(files.keySet()).containsExactly("0x10000.bin", "0x00000.bin");
        assertThat(files.get("0x10000.bin")).isEqualTo(TestElf.filled(20, 3));
        byte[] img = files.get("0x00000.bin");
        FirmwareImage parsed = FirmwareImage.parse(img, ImageFormats.forChip("esp8266"));
        assertThat(parsed.segments()).hasSize(2);
        assertThat(parsed.segments().get(0).length()).isEqualTo(12);
        assertThat(parsed.entryPoint()).isEqualTo(0x40100004L);
        assertThat(parsed.storedChecksum()).isEqualTo(parsed.calculatedChecksum());
        assertThat(img.length % 16).isZero();
    }
}
