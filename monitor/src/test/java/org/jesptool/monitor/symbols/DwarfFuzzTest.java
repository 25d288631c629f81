package org.jesptool.monitor.symbols;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jesptool.image.ImageException;
import org.jesptool.image.elf.ElfFile;
import org.jesptool.image.elf.ElfSection;

/**
 * Fuzz targets for the monitor's ELF symbol and DWARF reader (the {@code --elf} the monitor decodes crashes
 * with). The contract: {@link Symbolizer#load} returns or throws IOException / IllegalArgumentException naming
 * the file; lookups of any address return (frames or none), never throw, hang or allocate out of proportion.
 * {@link #elf} feeds whole ELF files; {@link #debugSections} feeds the debug sections directly, so the fuzzer
 * spends its time inside DWARF rather than in the ELF headers. Regression inputs under {@code DwarfFuzzTestInputs/};
 * docs/fuzzing.md says how to fuzz.
 */
class DwarfFuzzTest {
    private static final long SHF_EXECINSTR = 0x4;
    private static Path file;

    @FuzzTest(maxDuration = "30m")
    void elf(byte[] data) throws IOException {
        if (file == null) {
            file = Files.createTempFile("fuzz", ".elf");
            file.toFile().deleteOnExit();
        }
        Files.write(file, data);
        Symbolizer s;
        try {
            s = Symbolizer.load(file);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains(file.toString());
            return;
        }
        assertThat(s.sha256Hex()).hasSize(64);
        // every executable section: its ends and a spread of addresses inside
        List<Long> addresses = new ArrayList<>();
        try {
            for (ElfSection sec : ElfFile.parse(data, "again").sections()) {
                if ((sec.flags() & SHF_EXECINSTR) != 0 && sec.size() > 0) {
                    for (int k = 0; k <= 32; k++) {
                        addresses.add(sec.address() + sec.size() * k / 32);
                    }
                    addresses.add(sec.address() - 1);
                }
            }
        } catch (ImageException e) {
            throw new AssertionError("parsed once, not twice", e);
        }
        lookUp(s, addresses);
    }

    /**
     * The input: four little-endian 32-bit addresses to look up, then the sections .debug_line,
     * .debug_line_str, .debug_str, .debug_info, .debug_abbrev, .debug_str_offsets, .debug_addr, .debug_ranges and
     * .debug_rnglists, each as a 16-bit little-endian length and its bytes (a section the input does not reach
     * is absent). All addresses count as code.
     */
    @FuzzTest(maxDuration = "30m")
    void debugSections(byte[] data) {
        Cursor c = new Cursor(data, 0, data.length);
        List<Long> addresses = new ArrayList<>();
        for (int i = 0; i < 4 && c.pos + 4 <= data.length; i++) {
            addresses.add(c.u32());
        }
        byte[][] sec = new byte[9][];
        for (int i = 0; i < sec.length && c.pos + 2 <= data.length; i++) {
            int n = Math.min(c.u16(), data.length - c.pos);
            sec[i] = java.util.Arrays.copyOfRange(data, c.pos, c.pos + n);
            c.pos += n;
        }
        LineTable lines = new LineTable(sec[0], sec[1], sec[2]);
        DebugInfo info = new DebugInfo(new DebugInfo.Sections(sec[3], sec[4], sec[2], sec[1], sec[5], sec[6], sec[7],
                sec[8]), lines);
        Symbolizer s = new Symbolizer("fuzz.elf", new byte[32], new long[][] {{0, 1L << 32}},
                new SymbolTable(null, null, List.of()), lines, info);
        lookUp(s, addresses);
    }

    private static void lookUp(Symbolizer s, List<Long> addresses) {
        for (long a : addresses) {
            for (Symbolizer.Frame f : s.lookup(a)) {
                assertThat(f.toString()).contains(" at ");
            }
        }
    }
}
