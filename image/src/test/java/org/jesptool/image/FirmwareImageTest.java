package org.jesptool.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class FirmwareImageTest {
    @Test
    void readsAnEsp32Bootloader() {
        FirmwareImage image = FirmwareImage.parse(TestElf.fixture("bootloader_esp32.bin"), ImageFormats.forChip("esp32"));
        assertThat(image.segments()).hasSize(4);
        assertThat(image.entryPoint()).isEqualTo(0x4009816cL);
        assertThat(image.storedChecksum()).isEqualTo(0x83).isEqualTo(image.calculatedChecksum());
    }

    @Test
    void detectsTheChipFromTheExtendedHeader() {
        assertThat(ImageInfo.detectChip(TestElf.fixture("bootloader_esp32c3.bin")).name()).isEqualTo("esp32c3");
        assertThat(ImageInfo.detectChip(TestElf.fixture("bootloader_esp8266.bin")).name()).isEqualTo("esp8266");
    }

    @Test
    void badMagicAndTruncationAreRefusedWithTheReferencesMessages() {
        byte[] ok = TestElf.fixture("bootloader_esp32.bin");
        byte[] badMagic = ok.clone();
        badMagic[0] = 0x12;
        assertThatThrownBy(() -> ImageInfo.text(badMagic, null, "x.bin")).isInstanceOf(ImageException.class)
                .hasMessageContaining("invalid magic number: 0x12");
        byte[] cut = Arrays.copyOf(ok, 0x200);
        assertThatThrownBy(() -> FirmwareImage.parse(cut, ImageFormats.forChip("esp32")))
                .isInstanceOf(ImageException.class).hasMessageStartingWith("End of file reading segment 0x")
                .hasMessageEndingWith(")");
    }

    @Test
    void invalidChecksumIsShownWithTheCalculatedValue() {
        byte[] img = TestElf.fixture("bootloader_esp32.bin").clone();
        img[0x30] ^= 0x01; // inside segment 1
        String text = ImageInfo.text(img, null, "x.bin").text();
        assertThat(text).contains("Checksum: 0x83 (invalid - calculated 0x82)");
    }

    @Test
    void invalidDigestIsShownAsInvalid() {
        byte[] img = TestElf.fixture("bootloader_esp32c3.bin").clone();
        img[img.length - 1] ^= 0x01;
        String text = ImageInfo.text(img, null, "x.bin").text();
        assertThat(text).contains("Detected image type: ESP32-C3").containsPattern("Validation hash: [0-9a-f]{64} \\(invalid\\)");
    }

    @Test
    void imageInfoTextFollowsTheReferenceLayout() {
        String text = ImageInfo.text(TestElf.fixture("bootloader_esp32.bin"), null, "b.bin").text();
        assertThat(text).startsWith("Image size: 7888 bytes\nDetected image type: ESP32\n\nESP32 Image Header\n"
                + "==================\nImage version: 1\nEntry point: 0x4009816c\nSegments: 4\nFlash size: 2MB\n"
                + "Flash freq: 40m\nFlash mode: DIO\n");
        assertThat(text).contains("Segment   Length   Load addr   File offs  Memory types\n"
                + "-------  -------  ----------  ----------  ------------\n"
                + "      0  0x00000  0x3ffc0000  0x00000018  BYTE_ACCESSIBLE, DRAM\n");
        assertThat(text).contains("Chip ID: 0 (ESP32)");
        String json = ImageInfoJson.json(TestElf.fixture("bootloader_esp32.bin"), null, "b.bin");
        assertThat(json).contains("\"chip\": \"esp32\"").contains("\"checksumValid\": true")
                .contains("\"flashSize\": \"2MB\"");
    }
}
