package org.jesptool.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jesptool.image.hex.IntelHex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** merge-bin inputs given as files (read when the output is written) merge exactly as the same bytes in memory. */
class MergeFileInputsTest {
    private static final ImageChip ESP32 = ImageFormats.forChip("esp32");

    @TempDir
    Path dir;

    private MergeBin.Input file(long address, String name, byte[] data) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, data);
        return MergeBin.Input.of(address, p);
    }

    private static byte[] written(MergeBin.Merged m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.content().writeTo(out);
        assertThat((long) out.size()).isEqualTo(m.size());
        return out.toByteArray();
    }

    @Test
    void rawHexAndUf2OutputsEqualTheInMemoryMerge() throws Exception {
        byte[] boot = TestElf.fixture("bootloader_esp32.bin");
        byte[] notImageAtBoot = TestElf.filled(0x2345, 3);
        byte[] app = TestElf.filled(0x30001, 7);
        byte[] hex = IntelHex.write(List.of(new IntelHex.Chunk(0x80000, TestElf.filled(100, 9))));
        for (byte[] first : List.of(boot, notImageAtBoot)) {
            for (MergeBin.Format format : MergeBin.Format.values()) {
                MergeBin.Options o = new MergeBin.Options().format(format).flashMode("dio").flashSize("4MB");
                if (format == MergeBin.Format.RAW) {
                    o.padToSize("1MB");
                }
                List<MergeBin.Input> files = List.of(file(0x1000, "boot.bin", first), file(0x10000, "app.bin", app),
                        file(0, "x.hex", hex));
                List<MergeBin.Input> memory = new ArrayList<>();
                for (MergeBin.Input in : files) { // the same names: messages name the inputs
                    memory.add(new MergeBin.Input(in.address(), in.name(), Files.readAllBytes(in.file())));
                }
                MergeBin.Result expected = MergeBin.merge(MergeBin.prepare(memory), ESP32, o);
                MergeBin.Merged got = MergeBin.mergeLater(MergeBin.prepare(files), ESP32, o);
                assertThat(written(got)).as("%s", format).isEqualTo(expected.data());
                assertThat(got.messages()).isEqualTo(expected.messages());
                assertThat(got.warnings()).isEqualTo(expected.warnings());
                // the header is patched, or a non-image there is warned about
                assertThat(got.messages().size() + got.warnings().size()).isPositive();
            }
        }
    }

    @Test
    void aFileThatShrankBeforeWritingIsAnError() throws Exception {
        MergeBin.Input in = file(0x10000, "app.bin", TestElf.filled(0x3000, 1));
        MergeBin.Merged m = MergeBin.mergeLater(MergeBin.prepare(List.of(in)), ESP32, new MergeBin.Options());
        Files.write(dir.resolve("app.bin"), TestElf.filled(0x1000, 1));
        assertThatThrownBy(() -> written(m)).hasMessageContaining("app.bin").hasMessageContaining("shorter");
    }
}
