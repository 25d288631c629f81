package org.jesptool.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jesptool.image.FirmwareImage;
import org.jesptool.image.ImageException;
import org.jesptool.image.ImageFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Files read in slices as they are written (FlashFile.read): the same bytes as an array, never loaded whole. */
class FileBackedWriteTest {
    @TempDir
    Path dir;

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void readsSlicesDataAndMd5OfTheFile() throws Exception {
        byte[] content = random(0x2345F, 1);
        Path p = dir.resolve("f.bin");
        Files.write(p, content);
        FlashFile f = FlashFile.read(0x10000, p);
        assertThat(f.length()).isEqualTo(content.length);
        assertThat(f.end()).isEqualTo(0x10000L + content.length);
        assertThat(f.name()).isEqualTo(p.toString());
        byte[] slice = new byte[0x12000];
        f.readBytes(0x12FF1, slice, 5, 0x10000);
        assertThat(Arrays.copyOfRange(slice, 5, 0x10005)).isEqualTo(Arrays.copyOfRange(content, 0x12FF1, 0x22FF1));
        assertThat(f.data()).isEqualTo(content);
        assertThat(f.md5()).isEqualTo(MessageDigest.getInstance("MD5").digest(content));
        assertThat(new FlashFile(0, content, "a").md5()).isEqualTo(f.md5());
    }

    @Test
    void aFileThatShrankAfterReadingFailsWithItsName() throws Exception {
        Path p = dir.resolve("shrinks.bin");
        Files.write(p, random(0x3000, 2));
        FlashFile f = FlashFile.read(0, p);
        Files.write(p, random(0x1000, 2));
        byte[] buf = new byte[0x1000];
        f.readBytes(0, buf, 0, 0x1000);
        assertThatThrownBy(() -> f.readBytes(0x1000, buf, 0, 0x1000)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("shrinks.bin").hasMessageContaining("shorter");
    }

    @Test
    void missingFileIsRefusedAtOnce() {
        assertThatThrownBy(() -> FlashFile.read(0, dir.resolve("none.bin"))).isInstanceOf(FlashException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> FlashFile.read(0, dir)).isInstanceOf(FlashException.class)
                .hasMessageContaining("directory");
    }

    @Test
    void paddedBytesPutFfBeforeAndAfter() {
        byte[] inner = {1, 2, 3, 4, 5};
        Bytes b = Bytes.padded(Bytes.of(inner), 3, 12);
        byte[] all = b.toArray();
        assertThat(all).containsExactly(-1, -1, -1, 1, 2, 3, 4, 5, -1, -1, -1, -1);
        for (int from = 0; from <= 12; from++) {
            for (int to = from; to <= 12; to++) {
                assertThat(b.slice(from, to)).as("[%d, %d)", from, to).isEqualTo(Arrays.copyOfRange(all, from, to));
            }
        }
        assertThat(b.md5(2, 7)).isEqualTo(Md5.of(all, 2, 7));
    }

    /** The header walk of the chip check refuses exactly the files the image parser refuses, with its fields. */
    @Test
    void imageHeaderWalkAgreesWithTheParser() {
        byte[] app = VirtualRig.resource("app_esp32.bin");
        var format = ImageFormats.forChip("esp32");
        Random r = new Random(3);
        int parsed = 0;
        for (int i = 0; i < 400; i++) {
            byte[] d = app.clone();
            switch (i % 4) {
                case 0 -> d = Arrays.copyOf(d, r.nextInt(d.length + 1));
                case 1 -> d[24 + 8 * r.nextInt(3) + 4 + r.nextInt(4)] = (byte) r.nextInt(256);
                case 2 -> d[1] = (byte) r.nextInt(20);
                default -> d[23] = (byte) r.nextInt(3);
            }
            if (d.length == 0 || (d[0] & 0xFF) != FirmwareImage.ESP_IMAGE_MAGIC) {
                continue;
            }
            byte[] header = Arrays.copyOf(d, Math.min(d.length, 24));
            ImageCheck.Header h = ImageCheck.Header.read(new FlashFile(0, d, "x"), header);
            FirmwareImage image;
            try {
                image = FirmwareImage.parse(d, format);
            } catch (ImageException e) {
                assertThat(h).as("case %d: parser refuses (%s)", i, e.getMessage()).isNull();
                continue;
            }
            parsed++;
            assertThat(h).as("case %d", i).isEqualTo(new ImageCheck.Header(image.chipId(), image.minRev(),
                    image.minRevFull(), image.maxRevFull()));
        }
        assertThat(parsed).isGreaterThan(50);
    }

    /** A file read in slices, at an address the ROM must widen to its sector, with a length needing padding. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(VirtualRig.Loader.class)
    void writesAFileReadInSlices(VirtualRig.Loader loader) throws Exception {
        byte[] content = random(0x2F003, 4);
        for (int i = 0x10000; i < 0x20000; i++) {
            content[i] = (byte) (i % 7); // a compressible stretch between random ones
        }
        Path p = dir.resolve("app.bin");
        Files.write(p, content);
        Path flash = dir.resolve("flash.bin");
        try (VirtualRig rig = VirtualRig.connect("esp32c3", flash, loader, 921600, null, null)) {
            List<FileResult> r = rig.flasher().write(List.of(FlashFile.read(0x20800, p)), new WriteOptions());
            assertThat(r).hasSize(1).allMatch(FileResult::verified); // the ESP32-C3 ROM has MD5 too
        }
        assertThat(VirtualRig.readFlashFile(flash, 0x20800, content.length)).isEqualTo(content);
        assertThat(VirtualRig.readFlashFile(flash, 0x20800 + content.length, 1)).containsOnly((byte) 0xFF);
    }
}
