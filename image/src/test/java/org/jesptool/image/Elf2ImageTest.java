package org.jesptool.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.jesptool.image.elf.ElfFile;
import org.junit.jupiter.api.Test;

class Elf2ImageTest {
    private static final ImageChip ESP32 = ImageFormats.forChip("esp32");

    private static byte[] convert(byte[] elf, ImageChip chip, Elf2ImageOptions o) {
        Elf2Image.Result r = Elf2Image.convert(ElfFile.parse(elf, "t.elf"), chip, o);
        assertThat(r.parts()).hasSize(1);
        return r.parts().get(0).data();
    }

    /** An app-like ELF: DROM, DRAM (big enough to be split for padding), IRAM, IROM. */
    private static byte[] appElf() {
        return new TestElf()
                .progbits(".flash.rodata", 0x3F400020L, TestElf.filled(0x1234, 1))
                .progbits(".dram0.data", 0x3FFB0000L, TestElf.filled(0x9000, 2))
                .progbits(".iram0.vectors", 0x40080000L, TestElf.filled(0x400, 3))
                .progbits(".iram0.text", 0x40080400L, TestElf.filled(0x2000, 4))
                .progbits(".flash.text", 0x400D0018L, TestElf.filled(0x30000, 5))
                .build();
    }

    @Test
    void esp32c6AppDescriptorCaseMatchesTheReference() {
        byte[] out = convert(TestElf.fixture("esp32c6-appdesc.elf"), ImageFormats.forChip("esp32c6"),
                new Elf2ImageOptions());
        assertThat(out).isEqualTo(TestElf.fixture("esp32c6-appdesc.expected.bin"));
    }

    @Test
    void flashSegmentsLandOnMmuPagesAndRamFillsThePadding() {
        byte[] out = convert(appElf(), ESP32, new Elf2ImageOptions());
        FirmwareImage image = FirmwareImage.parse(out, ESP32);
        long ramBytes = 0;
        for (Segment s : image.segments()) {
            if (ESP32.isFlashAddress(s.address())) {
                assertThat((s.fileOffset() + 8) % 0x10000).as(s.toString()).isEqualTo(s.address() % 0x10000);
                assertThat((s.fileOffset() + 8 + s.length()) % 0x10000).as("0x24 tail rule").isGreaterThanOrEqualTo(0x24);
            } else if (s.address() != 0) {
                ramBytes += s.length();
            }
        }
        // the adjacent IRAM sections were merged and the DRAM section was partly used as padding
        assertThat(ramBytes).isEqualTo(0x9000 + 0x400 + 0x2000);
        assertThat(image.calculatedChecksum()).isEqualTo(image.storedChecksum());
        assertThat(image.hasAppendedDigest()).isTrue();
        assertThat(image.storedDigest()).isEqualTo(image.calculatedDigest());
        assertThat(out.length).isEqualTo(image.dataLength() + 32);
    }

    @Test
    void ramOnlyHeaderHidesFlashSegmentsAlignedForTheBootloaderOffset() {
        byte[] elf = new TestElf()
                .progbits(".flash.rodata", 0x3F400020L, TestElf.filled(0x1234, 1))
                .progbits(".dram0.data", 0x3FFB0000L, TestElf.filled(0x800, 2))
                .progbits(".iram0.text", 0x40080000L, TestElf.filled(0x2000, 4))
                .progbits(".flash.text", 0x400D0018L, TestElf.filled(0x30100, 5))
                .build();
        byte[] out = convert(elf, ESP32, new Elf2ImageOptions().ramOnlyHeader(true));
        assertThat(out[23]).as("no digest").isZero();
        FirmwareImage visible = FirmwareImage.parse(out, ESP32);
        assertThat(visible.segments()).extracting(Segment::address)
                .containsExactly(0x3FFB0000L, 0x40080000L);
        assertThat(visible.storedChecksum()).isEqualTo(visible.calculatedChecksum());
        // walk the hidden segments after the checksum: pad, flash, pad, flash (flash in reverse address order)
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(out).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int pos = (int) (visible.segments().get(1).fileOffset() + 8 + visible.segments().get(1).length());
        pos += 16 - (pos % 16);
        List<Long> hidden = new java.util.ArrayList<>();
        while (pos < out.length) {
            long addr = b.getInt(pos) & 0xFFFFFFFFL;
            int len = b.getInt(pos + 4);
            if (addr != 0) {
                assertThat((pos + 8 + ESP32.bootloaderOffset()) % 0x10000).isEqualTo(addr % 0x10000);
                hidden.add(addr);
            }
            pos += 8 + len;
        }
        assertThat(pos).isEqualTo(out.length);
        assertThat(hidden).containsExactly(0x400D0018L, 0x3F400020L);
    }

    @Test
    void ramOnlyHeaderAlignsAFlashSegmentThatEndsJustBeforeThePadBoundary() {
        // the second flash segment would need a pad segment of -8 bytes; v5.3 pads to the next page instead of
        // failing (v5.2 failed an assertion here)
        byte[] elf = new TestElf()
                .progbits(".flash.rodata", 0x3F400020L, TestElf.filled(0x1234, 1))
                .progbits(".dram0.data", 0x3FFB0000L, TestElf.filled(0x800, 2))
                .progbits(".flash.text", 0x400D0018L, TestElf.filled(0x30000, 5))
                .build();
        byte[] out = convert(elf, ESP32, new Elf2ImageOptions().ramOnlyHeader(true));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(out).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        FirmwareImage visible = FirmwareImage.parse(out, ESP32);
        int pos = (int) (visible.segments().get(0).fileOffset() + 8 + visible.segments().get(0).length());
        pos += 16 - (pos % 16);
        List<Long> hidden = new java.util.ArrayList<>();
        while (pos < out.length) {
            long addr = b.getInt(pos) & 0xFFFFFFFFL;
            int len = b.getInt(pos + 4);
            assertThat(len).isNotNegative();
            if (addr != 0) {
                assertThat((pos + 8 + ESP32.bootloaderOffset()) % 0x10000).isEqualTo(addr % 0x10000);
                hidden.add(addr);
            }
            pos += 8 + len;
        }
        assertThat(pos).isEqualTo(out.length);
        assertThat(hidden).containsExactly(0x400D0018L, 0x3F400020L);
    }

    /** Two DRAM sections separated only by the second one's 16-byte alignment. */
    private static byte[] alignedGapElf() {
        return new TestElf()
                .progbits(".dram0.data", 0x3FFB0000L, TestElf.filled(0x14, 2), 4)
                .progbits(".dram0.more", 0x3FFB0020L, TestElf.filled(0x10, 3), 16)
                .progbits(".iram0.text", 0x40080000L, TestElf.filled(0x100, 4))
                .build();
    }

    @Test
    void ramOnlyHeaderPadsTheAlignmentGapAndMergesTheSections() {
        Elf2Image.Result r = Elf2Image.convert(ElfFile.parse(alignedGapElf(), "t.elf"), ESP32,
                new Elf2ImageOptions().ramOnlyHeader(true));
        FirmwareImage image = FirmwareImage.parse(r.parts().get(0).data(), ESP32);
        assertThat(image.segments()).extracting(Segment::address).containsExactly(0x3FFB0000L, 0x40080000L);
        byte[] merged = image.segments().get(0).data();
        assertThat(merged).hasSize(0x30);
        assertThat(Arrays.copyOfRange(merged, 0, 0x14)).isEqualTo(TestElf.filled(0x14, 2));
        assertThat(Arrays.copyOfRange(merged, 0x14, 0x20)).containsOnly(0);
        assertThat(Arrays.copyOfRange(merged, 0x20, 0x30)).isEqualTo(TestElf.filled(0x10, 3));
        assertThat(r.messages()).contains("Merged 1 ELF section.")
                .anyMatch(m -> m.contains("12 bytes") && m.contains(".dram0.data") && m.contains(".dram0.more"));
    }

    @Test
    void withoutRamOnlyHeaderAnAlignmentGapKeepsTheSectionsApart() {
        byte[] out = convert(alignedGapElf(), ESP32, new Elf2ImageOptions());
        FirmwareImage image = FirmwareImage.parse(out, ESP32);
        assertThat(image.segments()).extracting(Segment::address)
                .containsExactly(0x3FFB0000L, 0x3FFB0020L, 0x40080000L);
        assertThat(image.segments().get(0).length()).isEqualTo(0x14);
    }

    @Test
    void ramOnlyHeaderSortsEsp8266SegmentsToo() {
        byte[] elf = new TestElf()
                .progbits(".text", 0x40100000L, TestElf.filled(0x40, 1))
                .progbits(".data", 0x3FFE8000L, TestElf.filled(0x20, 2))
                .build();
        Elf2Image.Result r = Elf2Image.convert(ElfFile.parse(elf, "t.elf"), ImageFormats.forChip("esp8266"),
                new Elf2ImageOptions().ramOnlyHeader(true));
        FirmwareImage image = FirmwareImage.parse(r.parts().get(0).data(), ImageFormats.forChip("esp8266"));
        assertThat(image.segments()).extracting(Segment::address).containsExactly(0x3FFE8000L, 0x40100000L);
        assertThat(r.messages()).anyMatch(m -> m.startsWith("Image has only RAM segments visible."));
    }

    @Test
    void convertsAnElfWithoutProgramHeaders() {
        byte[] elf = new TestElf().withoutProgramHeaders()
                .progbits(".dram0.data", 0x3FFB0000L, TestElf.filled(0x40, 2))
                .progbits(".iram0.text", 0x40080000L, TestElf.filled(0x100, 4))
                .build();
        FirmwareImage image = FirmwareImage.parse(convert(elf, ESP32, new Elf2ImageOptions()), ESP32);
        assertThat(image.segments()).extracting(Segment::address).containsExactly(0x3FFB0000L, 0x40080000L);
    }

    @Test
    void mmuPageSizeOnEsp8266GivesTheReferencesEmptyWarning() {
        byte[] elf = new TestElf().progbits(".data", 0x3FFE8000L, TestElf.filled(0x20, 2)).build();
        Elf2Image.Result r = Elf2Image.convert(ElfFile.parse(elf, "t.elf"), ImageFormats.forChip("esp8266"),
                new Elf2ImageOptions().mmuPageSize("32KB"));
        // the reference's message is conditional on a non-zero default page, which ESP8266 v1/v2 images lack
        assertThat(r.warnings()).containsExactly("");
    }

    @Test
    void mmuPageSizeOnAFixedPageChipWarnsAndKeeps64K() {
        Elf2Image.Result r = Elf2Image.convert(ElfFile.parse(appElf(), "t.elf"), ESP32,
                new Elf2ImageOptions().mmuPageSize("32KB"));
        assertThat(r.warnings()).containsExactly("Changing MMU page size is not supported on ESP32! Defaulting to 64KB.");
        FirmwareImage image = FirmwareImage.parse(r.parts().get(0).data(), ESP32);
        assertThat(image.segments()).filteredOn(s -> s.address() == 0x400D0018L)
                .allMatch(s -> (s.fileOffset() + 8) % 0x10000 == 0x18);
    }

    @Test
    void aFailureWhileSavingKeepsWhatTheReferenceHadPrintedBefore() {
        // two flash sections in one 64 KB page: the reference has already said "Successfully created" when
        // saving fails
        byte[] elf = new TestElf()
                .progbits(".flash.rodata", 0x3F400020L, TestElf.filled(0x100, 1))
                .progbits(".dram0.data", 0x3FFB0000L, TestElf.filled(0x40, 2))
                .progbits(".flash.more", 0x3F400200L, TestElf.filled(0x100, 3))
                .build();
        assertThatThrownBy(() -> convert(elf, ESP32, new Elf2ImageOptions()))
                .isInstanceOf(ImageException.class).hasMessageContaining("lands in same 64 KB flash mapping")
                .satisfies(e -> assertThat(((ImageException) e).printedBefore())
                        .containsExactly("Creating ESP32 image...", "Successfully created ESP32 image."));
    }

    @Test
    void mergesAdjacentSectionsAndReportsIt() {
        Elf2Image.Result r = Elf2Image.convert(ElfFile.parse(appElf(), "t.elf"), ESP32, new Elf2ImageOptions());
        assertThat(r.messages()).contains("Merged 1 ELF section.");
    }

    @Test
    void headerCarriesFlashOptionsAndRevisions() {
        byte[] out = convert(appElf(), ESP32, new Elf2ImageOptions().flashMode("dio").flashFreq("80m")
                .flashSize("4MB").minRevFull(300).maxRevFull(399));
        assertThat(out[2]).isEqualTo((byte) 2);
        assertThat(out[3]).isEqualTo((byte) 0x2F);
        FirmwareImage image = FirmwareImage.parse(out, ESP32);
        assertThat(image.minRevFull()).isEqualTo(300);
        assertThat(image.maxRevFull()).isEqualTo(399);
        assertThat(image.chipId()).isZero();
    }

    @Test
    void dontAppendDigestAndPadToSize() {
        byte[] out = convert(appElf(), ESP32, new Elf2ImageOptions().appendDigest(false).padToSize("64KB"));
        assertThat(out[23]).isZero();
        assertThat(out.length % 0x10000).isZero();
        assertThat(out[out.length - 1]).isEqualTo((byte) 0xFF);
        FirmwareImage image = FirmwareImage.parse(out, ESP32);
        assertThat(image.hasAppendedDigest()).isFalse();
    }

    @Test
    void securePadV2EndsTheSignedImageOnAPage() {
        byte[] out = convert(appElf(), ESP32, new Elf2ImageOptions().securePadV2(true));
        assertThat(out.length % 0x10000).isZero();
        assertThat(FirmwareImage.parse(out, ESP32).storedDigest()).isEqualTo(FirmwareImage.parse(out, ESP32)
                .calculatedDigest());
    }

    @Test
    void elfSha256IsInsertedAtTheGivenOffset() {
        byte[] rodata = new byte[0x100];
        byte[] elf = new TestElf().progbits(".flash.rodata", 0x3F400020L, rodata)
                .progbits(".iram0.text", 0x40080000L, TestElf.filled(0x40, 9)).build();
        byte[] out = convert(elf, ESP32, new Elf2ImageOptions().elfSha256Offset(0xB0));
        byte[] sha = ElfFile.parse(elf, "t.elf").sha256();
        assertThat(Arrays.copyOfRange(out, 0xB0, 0xB0 + 32)).isEqualTo(sha);
    }

    @Test
    void elfSha256OverNonZeroBytesIsRefused() {
        byte[] elf = new TestElf().progbits(".flash.rodata", 0x3F400020L, TestElf.filled(0x100, 1)).build();
        assertThatThrownBy(() -> convert(elf, ESP32, new Elf2ImageOptions().elfSha256Offset(0xB0)))
                .isInstanceOf(ImageException.class).hasMessageContaining("not all zero");
    }

    @Test
    void twoFlashSectionsInOneMmuPageAreRefused() {
        byte[] elf = new TestElf().progbits(".flash.rodata", 0x3F400020L, TestElf.filled(0x40, 1))
                .progbits(".iram0.text", 0x40080000L, TestElf.filled(0x40, 2))
                .progbits(".flash.rodata2", 0x3F400100L, TestElf.filled(0x40, 3)).build();
        assertThatThrownBy(() -> convert(elf, ESP32, new Elf2ImageOptions())).isInstanceOf(ImageException.class)
                .hasMessageContaining("0x3f400100").hasMessageContaining("same 64 KB flash mapping");
    }

    @Test
    void moreThanSixteenSegmentsAreRefused() {
        byte[] elf = TestElf.fixture("esp32-too-many-sections.elf");
        assertThatThrownBy(() -> convert(elf, ESP32, new Elf2ImageOptions())).isInstanceOf(ImageException.class)
                .hasMessageContaining("Invalid segment count").hasMessageContaining("max 16");
    }

    @Test
    void esp8266V1WritesTwoFilesAndV2OneWithCrc() {
        byte[] elf = new TestElf().entry(0x40100004L)
                .progbits(".text", 0x40100000L, TestElf.filled(0x100, 1))
                .progbits(".data", 0x3FFE8000L, TestElf.filled(0x40, 2))
                .progbits(".irom0.text", 0x40210000L, TestElf.filled(0x1002, 3)).build();
        ImageChip esp8266 = ImageFormats.forChip("esp8266");
        Elf2Image.Result v1 = Elf2Image.convert(ElfFile.parse(elf, "a.elf"), esp8266, new Elf2ImageOptions());
        assertThat(v1.prefixNaming()).isTrue();
        assertThat(v1.parts()).extracting(Elf2Image.Part::suffix).containsExactly("0x10000.bin", "0x00000.bin");
        assertThat(v1.parts().get(0).data()).hasSize(0x1004);
        assertThat(v1.defaultOutputName("dir/a.elf")).isEqualTo("dir/a.elf-");
        FirmwareImage main = FirmwareImage.parse(v1.parts().get(1).data(), esp8266);
        assertThat(main.segments()).hasSize(2);
        assertThat(main.entryPoint()).isEqualTo(0x40100004L);

        Elf2Image.Result v2 = Elf2Image.convert(ElfFile.parse(elf, "a.elf"), esp8266,
                new Elf2ImageOptions().version("2"));
        byte[] data = v2.parts().get(0).data();
        assertThat(data[0]).isEqualTo((byte) 0xEA);
        assertThat(v2.defaultOutputName("dir/a.elf")).isEqualTo("dir/a-0x10000.bin");
        FirmwareImage parsed = FirmwareImage.parse(data, esp8266);
        assertThat(parsed.version()).isEqualTo(2);
        assertThat(parsed.segments().get(0).address()).isZero();
    }

    @Test
    void esp8266WithTwoIromSegmentsIsRefused() {
        byte[] elf = new TestElf().progbits(".irom0.text", 0x40210000L, new byte[16])
                .progbits(".irom1.text", 0x40220000L, new byte[16]).build();
        assertThatThrownBy(() -> Elf2Image.convert(ElfFile.parse(elf, "a.elf"), ImageFormats.forChip("esp8266"),
                new Elf2ImageOptions())).hasMessageContaining("could be irom0");
    }

    @Test
    void invalidMmuPageSizeForConfigurableChipIsRefused() {
        assertThatThrownBy(() -> convert(appElf(), ImageFormats.forChip("esp32c6"),
                new Elf2ImageOptions().mmuPageSize("4KB"))).hasMessageContaining("not a valid ESP32-C6 page size");
    }

    @Test
    void flashSizeNotSupportedByChipIsRefused() {
        assertThatThrownBy(() -> convert(appElf(), ESP32, new Elf2ImageOptions().flashSize("256KB")))
                .hasMessageContaining("256KB");
    }
}
