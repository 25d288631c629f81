package org.jesptool.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageInfoCommandTest {
    private static final Path IN = Path.of("src", "test", "resources", "conformance", "inputs");

    @TempDir
    Path tmp;

    @Test
    void describesTheEsp32AppLikeTheFactsSheet() {
        CliRun r = CliRun.of("image-info", IN.resolve("app_esp32.bin").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Image size: 601808 bytes\nDetected image type: ESP32\n")
                .contains("Entry point: 0x4008167c\nSegments: 5\n")
                .contains("WP pin: 0xee (disabled)\n")
                .contains("Chip ID: 0 (ESP32)\n")
                .contains("      0  0x18c0c  0x3f400020  0x00000018  DROM\n")
                .contains("      3  0x67a90  0x400d0018  0x00020010  IROM\n")
                .contains("Checksum: 0x7c (valid)\n")
                .contains("Validation hash: dd3f0a322c19d184aefffad7ac35610fb63753a3f9e8d4c054a53a6348edc74f (valid)\n")
                .contains("Application Information\n=======================\nProject name: app-template\n")
                .contains("ESP-IDF: v4.0-dev-30-g31ca6e399\n");
    }

    @Test
    void givenChipIsUsedWithoutDetection() {
        CliRun r = CliRun.of("--chip", "esp32", "image-info", IN.resolve("bootloader_esp32.bin").toString());
        assertThat(r.out()).doesNotContain("Detected image type").contains("ESP32 Image Header");
    }

    @Test
    void jsonFormatForScripts() {
        CliRun r = CliRun.of("image-info", "--format", "json", IN.resolve("app_esp32.bin").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("{").contains("\"chip\": \"esp32\"").contains("\"entryPoint\": 1074271868")
                .contains("\"checksumValid\": true").contains("\"sha256Valid\": true")
                .contains("\"projectName\": \"app-template\"").contains("\"memoryTypes\": [\"DROM\"]");
    }

    @Test
    void mergedHexIsDescribedPartByPart() throws IOException {
        Path hex = tmp.resolve("merged.hex");
        CliRun m = CliRun.of("--chip", "esp32", "merge-bin", "--format", "hex", "-o", hex.toString(),
                "0x1000", IN.resolve("bootloader_esp32.bin").toString(),
                "0x8000", IN.resolve("partitions_singleapp.bin").toString(),
                "0x10000", IN.resolve("app_esp32.bin").toString());
        assertThat(m.exitCode()).as(m.err()).isZero();
        CliRun r = CliRun.of("image-info", hex.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Merged binary image detected. Processing each file individually.\n")
                .contains("Processing file 1/3, offset: 0x1000, size: 7888 bytes")
                .contains("Processing file 2/3, offset: 0x8000, size: 96 bytes")
                .doesNotContain("Probably not a valid firmware image")
                .contains("Processing file 3/3, offset: 0x10000, size: 601808 bytes")
                .contains("Checksum: 0x7c (valid)");
        // the reference logs a part it cannot read as an error, on stderr
        assertThat(r.err()).contains("Error processing file 2/3: This is not a valid image (invalid magic number:"
                + " 0xaa).\nProbably not a valid firmware image (e.g. partition table).\n");
        assertThat(Files.size(hex)).isGreaterThan(0);
    }

    @Test
    void mergedHexPartWithImageMagicThatDoesNotParseIsFatal() throws IOException {
        // magic 0xE9, one segment announced with 0x100 bytes, only 16 present
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(48).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0xE9).put((byte) 1).put((byte) 2).put((byte) 0x20).putInt(0x40080000);
        b.put((byte) 0xEE).put(new byte[15]);
        b.putInt(0x3FFB0000).putInt(0x100);
        Path broken = tmp.resolve("broken.bin");
        Files.write(broken, b.array());
        Path hex = tmp.resolve("two.hex");
        CliRun m = CliRun.of("--chip", "esp32", "merge-bin", "--format", "hex", "-o", hex.toString(),
                "0x1000", IN.resolve("bootloader_esp32.bin").toString(), "0x20000", broken.toString());
        assertThat(m.exitCode()).as(m.err()).isZero();
        CliRun r = CliRun.of("image-info", hex.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).contains("Processing file 2/2, offset: 0x20000, size: 48 bytes");
        assertThat(r.err()).contains("End of file reading segment 0x3ffb0000, length 256 (actual length 16)")
                .doesNotContain("Error processing file");
    }

    @Test
    void truncatedImageStillPrintsItsSizeBeforeTheFatalError() throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(48).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0xE9).put((byte) 1).put((byte) 2).put((byte) 0x20).putInt(0x40080000);
        b.put((byte) 0xEE).put(new byte[15]);
        b.putInt(0x3FFB0000).putInt(0x100);
        Path broken = tmp.resolve("broken.bin");
        Files.write(broken, b.array());
        CliRun r = CliRun.of("image-info", broken.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEqualTo("Image size: 48 bytes\nDetected image type: ESP32\n");
        assertThat(r.err()).contains("A fatal error occurred: End of file reading segment 0x3ffb0000, length 256"
                + " (actual length 16)\n");
    }

    @Test
    void parseWarningsAppearInlineWhereTheReferencePrintsThem() {
        CliRun r = CliRun.of("--chip", "esp32c3", "image-info", IN.resolve("app_esp32.bin").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Image size: 601808 bytes\nWarning: Unexpected chip ID in image. Expected 5"
                + " but value was 0. Is this image for a different chip model?\n\nESP32C3 Image Header\n");
        assertThat(r.err()).doesNotContain("Unexpected chip ID"); // once, not again on stderr
    }

    @Test
    void v4LayoutOnRequest() {
        CliRun r = CliRun.of("image_info", "--version", "1", IN.resolve("app_esp32.bin").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("File size: 601808 (bytes)\nDetected image type: ESP32\nImage version: 1\n"
                + "Entry point: 4008167c\n5 segments\n\n"
                + "Segment 1: len 0x18c0c load 0x3f400020 file_offs 0x00000018 [DROM]\n")
                .contains("Checksum: 7c (valid)\n")
                .contains("Validation Hash: dd3f0a322c19d184aefffad7ac35610fb63753a3f9e8d4c054a53a6348edc74f (valid)");
    }
}
