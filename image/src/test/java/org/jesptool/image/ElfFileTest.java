package org.jesptool.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.jesptool.image.elf.ElfFile;
import org.jesptool.image.elf.ElfSection;
import org.junit.jupiter.api.Test;

class ElfFileTest {
    @Test
    void readsSectionsAndProgramHeadersOfARiscvElf() {
        ElfFile elf = ElfFile.parse(TestElf.fixture("esp32c6-appdesc.elf"), "esp32c6-appdesc.elf");
        assertThat(elf.machine()).isEqualTo(ElfFile.EM_RISCV);
        ElfSection appdesc = elf.section(".flash.appdesc");
        assertThat(appdesc).isNotNull();
        assertThat(appdesc.isLoadable()).isTrue();
        assertThat(appdesc.data()).hasSize((int) appdesc.size());
        assertThat(elf.programHeaders()).isNotEmpty();
    }

    @Test
    void keepsUnknownSectionTypesWithoutLoadingThem() {
        byte[] elf = new TestElf().progbits(".iram0.text", 0x40080000L, TestElf.filled(16, 1))
                .section(".xtensa.info", 7, 0, TestElf.filled(40, 2)).build();
        ElfFile parsed = ElfFile.parse(elf, "x.elf");
        assertThat(parsed.section(".xtensa.info").type()).isEqualTo(7);
        assertThat(parsed.section(".xtensa.info").isLoadable()).isFalse();
        assertThat(parsed.section(".iram0.text").data()).isEqualTo(TestElf.filled(16, 1));
    }

    @Test
    void unknownSectionTypeIsWarnedAndSkipped() {
        byte[] elf = new TestElf().progbits(".iram0.text", 0x40080000L, TestElf.filled(16, 1))
                .section(".odd", 0x99, 0x3FFB0000L, TestElf.filled(16, 2)).build();
        ElfFile parsed = ElfFile.parse(elf, "x.elf");
        assertThat(parsed.warnings()).singleElement().asString().startsWith("Unknown section type 0x99 in ELF file");
        assertThat(parsed.section(".odd").isLoadable()).isFalse();
        Elf2Image.Result r = Elf2Image.convert(parsed, ImageFormats.forChip("esp32"), new Elf2ImageOptions());
        assertThat(r.warnings()).anyMatch(w -> w.contains("Unknown section type 0x99"));
        assertThat(FirmwareImage.parse(r.parts().get(0).data(), ImageFormats.forChip("esp32")).segments()).hasSize(1);
    }

    @Test
    void truncatedElfNamesFileAndOffset() {
        byte[] full = TestElf.fixture("esp32c6-appdesc.elf");
        byte[] cut = Arrays.copyOf(full, full.length / 2);
        assertThatThrownBy(() -> ElfFile.parse(cut, "cut.elf")).isInstanceOf(ImageException.class)
                .hasMessageContaining("cut.elf").hasMessageContaining("offset 0x").hasMessageContaining("Truncated");
        assertThatThrownBy(() -> ElfFile.parse(Arrays.copyOf(full, 20), "tiny.elf"))
                .hasMessageContaining("tiny.elf").hasMessageContaining("ELF header");
    }

    @Test
    void sectionDataPastEndOfFileIsRefused() {
        byte[] elf = new TestElf().progbits(".data", 0x3FFB0000L, TestElf.filled(64, 3)).build();
        // point the .data section far beyond the file end
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(elf).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int shoff = b.getInt(0x20);
        b.putInt(shoff + 0x28 + 0x10, elf.length + 100);
        assertThatThrownBy(() -> ElfFile.parse(elf, "bad.elf")).isInstanceOf(ImageException.class)
                .hasMessageContaining("section .data").hasMessageContaining("bad.elf");
    }

    @Test
    void nonElfAndWrongMachineAreRefused() {
        assertThatThrownBy(() -> ElfFile.parse(TestElf.fixture("one_kb.bin"), "one_kb.bin"))
                .isInstanceOf(ImageException.class).hasMessageContaining("one_kb.bin").hasMessageContaining("ELF magic");
        byte[] arm = new TestElf().machine(0x28).progbits(".text", 0x40080000L, new byte[8]).build();
        assertThatThrownBy(() -> ElfFile.parse(arm, "arm.elf")).hasMessageContaining("arm.elf")
                .hasMessageContaining("e_machine=0028");
    }

    @Test
    void badSectionHeaderEntrySizeIsRefused() {
        byte[] elf = new TestElf().progbits(".text", 0x40080000L, new byte[8]).build();
        elf[0x2E] = 0x20;
        assertThatThrownBy(() -> ElfFile.parse(elf, "e.elf")).hasMessageContaining("section header entry size 0x20");
    }

    @Test
    void headerErrorsUseTheReferencesWording() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.jesptool.image.elf.ElfFile.parse(new byte[10], "a.elf"))
                .isInstanceOf(ImageException.class)
                .hasMessage("Failed to read a valid ELF header from a.elf: unpack requires a buffer of 52 bytes");
        byte[] notElf = new byte[64];
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.jesptool.image.elf.ElfFile.parse(notElf, "b.elf"))
                .isInstanceOf(ImageException.class).hasMessage("b.elf has invalid ELF magic header");
    }
}
