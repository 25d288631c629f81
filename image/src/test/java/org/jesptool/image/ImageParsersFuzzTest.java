package org.jesptool.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jesptool.image.elf.ElfFile;
import org.jesptool.image.hex.IntelHex;
import org.jesptool.image.uf2.Uf2Writer;

/**
 * Fuzz targets for the image readers. The contract: a parser either returns or throws {@link ImageException}
 * with a message for the user; anything else (another exception, a hang, memory out of proportion) is a
 * finding. Default test runs replay the inputs under {@code ImageParsersFuzzTestInputs/}; docs/fuzzing.md
 * says how to fuzz.
 */
class ImageParsersFuzzTest {

    @FuzzTest(maxDuration = "30m")
    void elf(byte[] data) {
        try {
            ElfFile elf = ElfFile.parse(data, "fuzz.elf");
            elf.sections().forEach(s -> s.toString());
            elf.programHeaders().forEach(p -> p.toString());
            elf.sha256();
        } catch (ImageException e) {
            assertThat(e.getMessage()).isNotBlank().contains("fuzz.elf");
        }
    }

    @FuzzTest(maxDuration = "30m")
    void firmwareImageAndImageInfo(FuzzedDataProvider in) {
        List<ImageChip> chips = ImageFormats.all();
        int pick = in.consumeInt(-1, chips.size() - 1);
        ImageChip chip = pick < 0 ? null : chips.get(pick);
        byte[] data = in.consumeRemainingAsBytes();
        try {
            if (chip != null) {
                FirmwareImage.parse(data, chip);
            }
        } catch (ImageException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
        try {
            ImageInfo.text(data, chip, "fuzz.bin");
        } catch (ImageException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
        try {
            ImageInfoJson.json(data, chip, "fuzz.bin");
        } catch (ImageException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @FuzzTest(maxDuration = "30m")
    void intelHex(byte[] data) {
        try {
            long total = 0;
            for (IntelHex.Chunk c : IntelHex.read(data, "fuzz.hex")) {
                total += c.data().length;
            }
            // every data byte comes from two hex digits of the file
            assertThat(total).isLessThanOrEqualTo(data.length / 2 + 1);
        } catch (ImageException e) {
            assertThat(e.getMessage()).isNotBlank().contains("fuzz.hex");
        }
    }

    @FuzzTest(maxDuration = "30m")
    void uf2(FuzzedDataProvider in) {
        long family = in.consumeLong();
        int chunk = in.consumeInt(-8, 600);
        boolean md5 = in.consumeBoolean();
        long address = in.consumeLong(0, 0xFFFF_FFFFL);
        byte[] data = in.consumeRemainingAsBytes();
        try {
            Uf2Writer w = new Uf2Writer(family, chunk, md5);
            w.addFile(address, data);
            byte[] out = w.toByteArray();
            assertThat(out.length % 512).isZero();
        } catch (ImageException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    /**
     * ESP-IDF app and bootloader descriptors (esp_app_desc_t, esp_bootloader_desc_t) as image-info reads them from
     * a segment: null or a descriptor, never an exception; the MMU page size of any log2 is a positive size.
     */
    @FuzzTest(maxDuration = "30m")
    void descriptors(byte[] data) {
        Descriptors.AppDescriptor app = Descriptors.app(data);
        if (app != null) {
            assertThat(app.elfSha256()).hasSize(64);
            String mmu = app.mmuPageSize();
            assertThat(mmu == null || mmu.matches("[0-9]+ KB")).as(mmu).isTrue();
            Descriptors.revision(app.minEfuseBlockRevFull());
            Descriptors.revision(app.maxEfuseBlockRevFull());
            assertThat(app.projectName().length() + app.version().length()).isLessThanOrEqualTo(64);
        }
        Descriptors.BootloaderDescriptor boot = Descriptors.bootloader(data);
        if (boot != null) {
            assertThat(boot.idfVersion().length()).isLessThanOrEqualTo(32);
        }
    }

    /**
     * Found by reading the ELF target's code path: every loadable section got its own copy of its bytes, so
     * thousands of section headers naming the whole file made a 1 MB file take gigabytes. 200 of them here.
     */
    @Test
    void sectionsNamingTheWholeFileManyTimesOverAreRefused() throws Exception {
        byte[] elf;
        try (var in = getClass().getResourceAsStream("ImageParsersFuzzTestInputs/elf/overlapping-sections-x200")) {
            elf = in.readAllBytes();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ElfFile.parse(elf, "many.elf"))
                .isInstanceOf(ImageException.class).hasMessageContaining("many.elf")
                .hasMessageContaining("more than 4 times");
    }
}
