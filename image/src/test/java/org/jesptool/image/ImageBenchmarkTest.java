package org.jesptool.image;

import java.util.ArrayList;
import java.util.List;

import org.jesptool.image.elf.ElfFile;
import org.jesptool.image.hex.IntelHex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Opt-in speed figures ({@code -Djesptool.bench=true}): converting a 4 MiB ELF and merging 16 MiB in raw,
 * hex and UF2 formats. Prints the best of several runs after warm-up; asserts nothing about time.
 */
@EnabledIfSystemProperty(named = "jesptool.bench", matches = "true")
class ImageBenchmarkTest {
    private static long best(Runnable r) {
        for (int i = 0; i < 3; i++) {
            r.run();
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            r.run();
            best = Math.min(best, System.nanoTime() - t);
        }
        return best / 1_000_000;
    }

    @Test
    void printFigures() {
        ImageChip esp32 = ImageFormats.forChip("esp32");
        byte[] elf = new TestElf()
                .progbits(".flash.rodata", 0x3F400020L, TestElf.filled(0x100000, 1))
                .progbits(".dram0.data", 0x3FFB0000L, TestElf.filled(0x10000, 2))
                .progbits(".iram0.text", 0x40080000L, TestElf.filled(0x18000, 3))
                .progbits(".flash.text", 0x400D0018L, TestElf.filled(0x2C0000, 4))
                .build();
        long elfMs = best(() -> Elf2Image.convert(ElfFile.parse(elf, "bench.elf"), esp32, new Elf2ImageOptions()));
        System.out.printf("elf2image: %.1f MiB ELF -> image in %d ms%n", elf.length / 1048576.0, elfMs);

        List<MergeBin.Input> inputs = new ArrayList<>();
        inputs.add(new MergeBin.Input(0x1000, "boot", TestElf.fixture("bootloader_esp32.bin")));
        inputs.add(new MergeBin.Input(0x10000, "app", TestElf.filled(16 * 1024 * 1024 - 0x20000, 5)));
        List<MergeBin.Input> prepared = MergeBin.prepare(inputs);
        for (MergeBin.Format f : MergeBin.Format.values()) {
            long ms = best(() -> MergeBin.merge(prepared, esp32,
                    new MergeBin.Options().format(f).flashMode("dio").flashSize("16MB")));
            System.out.printf("merge-bin %s: 16 MiB in %d ms%n", f, ms);
        }
        byte[] hex = IntelHex.write(List.of(new IntelHex.Chunk(0, TestElf.filled(16 * 1024 * 1024, 6))));
        long readMs = best(() -> IntelHex.read(hex, "bench.hex"));
        System.out.printf("Intel HEX read: 16 MiB of data (%d MB text) in %d ms%n", hex.length / 1000000, readMs);
    }
}
