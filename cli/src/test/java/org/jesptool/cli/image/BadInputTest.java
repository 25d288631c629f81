package org.jesptool.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs: a clear error naming the file, exit code 2, and no output file left behind. */
class BadInputTest {
    private static final Path IN = Path.of("src", "test", "resources", "conformance", "inputs");

    @TempDir
    Path tmp;

    private void assertNoFilesLeft() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.filter(p -> !p.getFileName().toString().startsWith("in-"))).isEmpty();
        }
    }

    private String in(String name) {
        return IN.resolve(name).toString();
    }

    @Test
    void truncatedElf() throws IOException {
        byte[] elf = Files.readAllBytes(IN.resolve("esp32c6-appdesc.elf"));
        Path cut = tmp.resolve("in-cut.elf");
        Files.write(cut, Arrays.copyOf(elf, 3000));
        CliRun r = CliRun.of("--chip", "esp32c6", "elf2image", "-o", tmp.resolve("out.bin").toString(), cut.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("A fatal error occurred").contains("in-cut.elf").contains("offset 0x");
        assertNoFilesLeft();
    }

    @Test
    void nonEspElf() throws IOException {
        byte[] elf = Files.readAllBytes(IN.resolve("esp32c6-appdesc.elf"));
        elf[0x12] = 0x28; // ARM
        Path arm = tmp.resolve("in-arm.elf");
        Files.write(arm, elf);
        CliRun r = CliRun.of("--chip", "esp32c6", "elf2image", "-o", tmp.resolve("out.bin").toString(), arm.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("in-arm.elf").contains("Xtensa or an RISCV");
        assertNoFilesLeft();
    }

    @Test
    void elf2imageWithoutChip() {
        CliRun r = CliRun.of("elf2image", "-o", tmp.resolve("out.bin").toString(), in("esp32c6-appdesc.elf"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--chip");
    }

    @Test
    void imageWithBadMagic() throws IOException {
        Path f = tmp.resolve("in-bad.bin");
        byte[] img = Files.readAllBytes(IN.resolve("bootloader_esp32.bin"));
        img[0] = 0x00;
        Files.write(f, img);
        CliRun r = CliRun.of("image-info", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("invalid magic number: 0x0");
    }

    @Test
    void hexWithBadRecordChecksumIsTakenAsRawDataLikeTheReference() throws IOException {
        Path hex = tmp.resolve("in-bad.hex");
        String text = ":03010000010203F6\n:03010300010203F0\n:00000001FF\n";
        Files.writeString(hex, text, StandardCharsets.US_ASCII);
        Path out = tmp.resolve("out.bin");
        CliRun r = CliRun.of("--chip", "esp32", "merge-bin", "-o", out.toString(), "0x0", hex.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(out, StandardCharsets.US_ASCII)).isEqualTo(text);
        CliRun info = CliRun.of("image-info", hex.toString());
        assertThat(info.exitCode()).isEqualTo(2);
        assertThat(info.err()).contains("invalid magic number: 0x3a");
    }

    @Test
    void overlappingMergeInputs() throws IOException {
        CliRun r = CliRun.of("--chip", "esp32", "merge-bin", "-o", tmp.resolve("out.bin").toString(),
                "0x1000", in("bootloader_esp32.bin"), "0x2000", in("partitions_singleapp.bin"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Detected overlap at address: 0x2000").contains("partitions_singleapp.bin");
        assertNoFilesLeft();
    }

    @Test
    void existingOutputIsNotDamagedByAFailedRun() throws IOException {
        Path out = tmp.resolve("out.bin");
        Files.write(out, new byte[] {1, 2, 3});
        CliRun r = CliRun.of("--chip", "esp32", "merge-bin", "-o", out.toString(), "0x1000", in("bootloader_esp32.bin"),
                "0x1800", in("partitions_singleapp.bin"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(Files.readAllBytes(out)).containsExactly(1, 2, 3);
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void tooManySegmentsIsRefusedWithoutOutput() throws IOException {
        Path elf = tmp.resolve("in-many.elf");
        Files.write(elf, Files.readAllBytes(Path.of("..", "image", "src", "test", "resources", "fixtures",
                "esp32-too-many-sections.elf")));
        CliRun r = CliRun.of("--chip", "esp32", "elf2image", "-o", tmp.resolve("out.bin").toString(), elf.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Invalid segment count");
        assertNoFilesLeft();
    }

    @Test
    void v4SpellingsAreAccepted() throws IOException {
        Path out = tmp.resolve("m.bin");
        CliRun r = CliRun.of("--chip", "esp32", "merge_bin", "-o", out.toString(), "--flash_mode", "dio",
                "--flash_size", "4MB", "--fill-flash-size", "64KB", "0x1000", in("bootloader_esp32.bin"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.size(out)).isEqualTo(0x10000);
        assertThat(r.out()).contains("Flash parameters set to 0x0220.");
    }

    @Test
    void defaultOutputNameFollowsTheElfName() throws IOException {
        Path elf = tmp.resolve("app.elf");
        Files.copy(IN.resolve("esp32c6-appdesc.elf"), elf);
        CliRun r = CliRun.of("-c", "ESP32-C6", "elf2image", elf.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(tmp.resolve("app.bin")).exists();
        assertThat(r.out()).contains("Successfully created ESP32C6 image.");
    }

    @Test
    void makeImageWritesAPrefixedV1Image() throws IOException {
        Path seg1 = tmp.resolve("in-iram.bin");
        Path seg2 = tmp.resolve("in-dram.bin");
        Files.write(seg1, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Files.write(seg2, new byte[] {9, 9, 9, 9});
        String prefix = tmp.resolve("fw-").toString();
        CliRun r = CliRun.of("--chip", "esp8266", "make_image", "-f", seg1.toString(), "-a", "0x40100000",
                "-f", seg2.toString(), "-a", "0x3ffe8000", "-e", "0x40100004", prefix);
        assertThat(r.exitCode()).as(r.err()).isZero();
        byte[] img = Files.readAllBytes(tmp.resolve("fw-0x00000.bin"));
        assertThat(img).hasSize(48);
        assertThat(img[0]).isEqualTo((byte) 0xE9);
        assertThat(img[1]).isEqualTo((byte) 2);
        assertThat(img[47]).isEqualTo((byte) (0xEF ^ 1 ^ 2 ^ 3 ^ 4 ^ 5 ^ 6 ^ 7 ^ 8));
        assertThat(r.out()).contains("Wrote 48 bytes to " + tmp.resolve("fw-0x00000.bin") + ".");
        CliRun bad = CliRun.of("make-image", "-f", seg1.toString(), tmp.resolve("x-").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("does not match");
    }

    @Test
    void elf2imageFailurePrintsTheLinesTheReferencePrintedFirst() {
        CliRun r = CliRun.of("--chip", "esp32c6", "elf2image", "--flash-mmu-page-size", "4KB", "-o",
                tmp.resolve("x.bin").toString(), IN.resolve("esp32c6-appdesc.elf").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEqualTo("Creating ESP32C6 image...\n");
        assertThat(r.err()).contains("4096 bytes is not a valid ESP32-C6 page size");
        assertThat(tmp.resolve("x.bin")).doesNotExist();
    }
}
