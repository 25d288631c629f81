package org.jesptool.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jesptool.image.FirmwareImage;
import org.jesptool.image.ImageChip;
import org.jesptool.image.ImageFormats;
import org.jesptool.image.Segment;
import org.jesptool.image.hex.IntelHex;
import org.jesptool.testsupport.OutsideTools;
import org.jesptool.testsupport.Requires;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-world corpus in ../shared/conformance (wild/ and inputs/): every ELF converts (or is refused as
 * the reference refuses it), every image is described, the documented flash sets merge in every format.
 * Needs ../shared: skipped locally without it, failing under CI.
 */
@Requires(shared = true)
class SharedCorpusTest {
    /** {@code ../shared/conformance}; the class {@link Requires} it, so it is only read when present. */
    private static final Path SHARED = OutsideTools.shared() == null ? Path.of("missing") : OutsideTools.shared().resolve("conformance");
    private static final Path WILD = SHARED.resolve("wild");
    private static final Path INPUTS = SHARED.resolve("inputs");
    /** esp-hal apps place two flash sections in one MMU page without being adjacent: the reference refuses them. */
    private static final List<String> REFUSED = List.of("esp32-esphal-app.elf", "esp32s2-esphal-app.elf",
            "esp32c6-esphal-app.elf");

    @TempDir
    Path tmp;

    private static List<Path> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static String chipOf(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.indexOf('-'));
    }

    @TestFactory
    Stream<DynamicTest> everyWildElfConverts() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path elf : list(WILD, ".elf")) {
            tests.add(DynamicTest.dynamicTest(elf.getFileName().toString(), () -> {
                Path out = tmp.resolve(elf.getFileName() + ".bin");
                CliRun r = CliRun.of("--chip", chipOf(elf), "elf2image", "--flash-mode", "dio", "--flash-size", "4MB",
                        "-o", out.toString(), elf.toString());
                if (REFUSED.contains(elf.getFileName().toString())) {
                    assertThat(r.exitCode()).isEqualTo(2);
                    assertThat(r.err()).contains("lands in same 64 KB flash mapping");
                    assertThat(out).doesNotExist();
                    return;
                }
                assertThat(r.exitCode()).as(r.err()).isZero();
                ImageChip chip = ImageFormats.forChip(chipOf(elf));
                if (!chip.hasExtendedHeader()) {
                    assertThat(Path.of(out + "0x00000.bin")).exists();
                    FirmwareImage img = FirmwareImage.parse(Files.readAllBytes(Path.of(out + "0x00000.bin")), chip);
                    assertThat(img.storedChecksum()).isEqualTo(img.calculatedChecksum());
                    return;
                }
                FirmwareImage img = FirmwareImage.parse(Files.readAllBytes(out), chip);
                assertThat(img.storedChecksum()).isEqualTo(img.calculatedChecksum());
                assertThat(img.storedDigest()).isEqualTo(img.calculatedDigest());
                assertThat(img.chipId()).isEqualTo(chip.imageChipId());
                for (Segment s : img.segments()) {
                    if (chip.isFlashAddress(s.address())) {
                        int page = pageOf(img, chip);
                        assertThat((s.fileOffset() + 8) % page).as(s.toString()).isEqualTo(s.address() % page);
                    }
                }
            }));
        }
        return tests.stream();
    }

    private static int pageOf(FirmwareImage img, ImageChip chip) {
        // configurable chips may have chosen a smaller page; the largest page that aligns every flash segment
        for (int page : new int[] {0x10000, 0x8000, 0x4000, 0x2000}) {
            boolean ok = img.segments().stream().filter(s -> chip.isFlashAddress(s.address()))
                    .allMatch(s -> (s.fileOffset() + 8) % page == s.address() % page);
            if (ok) {
                return page;
            }
        }
        return 0x2000;
    }

    @Test
    void idfBootloaderIsRebuiltByteForByte() throws IOException {
        Path out = tmp.resolve("boot.bin");
        CliRun r = CliRun.of("--chip", "esp32c6", "elf2image", "--flash_mode", "dio", "--flash_freq", "80m",
                "--flash_size", "4MB", "--min-rev-full", "0", "--max-rev-full", "99", "-o", out.toString(),
                WILD.resolve("esp32c6-zigbeepzem-bootloader.elf").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(WILD.resolve("esp32c6-zigbeepzem-bootloader.bin")));
    }

    @TestFactory
    Stream<DynamicTest> everyImageIsDescribed() throws IOException {
        List<Path> bins = new ArrayList<>(list(WILD, ".bin"));
        bins.addAll(list(INPUTS, ".bin"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Path bin : bins) {
            tests.add(DynamicTest.dynamicTest(bin.getFileName().toString(), () -> {
                CliRun r = CliRun.of("image-info", bin.toString());
                byte[] data = Files.readAllBytes(bin);
                int magic = data[0] & 0xFF;
                if (magic != 0xE9 && magic != 0xEA) {
                    assertThat(r.exitCode()).isEqualTo(2);
                    assertThat(r.err()).contains("invalid magic number");
                    return;
                }
                assertThat(r.exitCode()).as(r.err()).isZero();
                assertThat(r.out()).contains("Image size: " + data.length + " bytes").contains("Detected image type: ")
                        .contains("Segments Information");
                if (!bin.getFileName().toString().equals("esp8266-nonossdk-boot_v1.7.bin")) {
                    assertThat(r.out()).contains("(valid)").doesNotContain("invalid");
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void bootloaderDescriptorIsShownForRiscvBootloaders() {
        CliRun r = CliRun.of("image-info", WILD.resolve("esp32c6-zigbeepzem-bootloader.bin").toString());
        assertThat(r.out()).contains("Bootloader Information\n======================\nBootloader version: 1\n"
                + "ESP-IDF: v5.2.1\nCompile time: ");
    }

    @Test
    void esp8266BootIsTakenForEsp32S31UnlessTheChipIsGiven() {
        Path boot = WILD.resolve("esp8266-nonossdk-boot_v1.7.bin");
        assertThat(CliRun.of("image-info", boot.toString()).out()).contains("Detected image type: ESP32-S31");
        CliRun r = CliRun.of("--chip", "esp8266", "image-info", boot.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("ESP8266 Image Header").contains("Checksum: ").contains("(valid)");
    }

    @TestFactory
    Stream<DynamicTest> flashSetsMergeInEveryFormat() {
        Map<String, List<String>> sets = Map.of(
                "esp32", List.of("0x1000", "esp32-idf331broadcaster-bootloader.bin", "0x8000",
                        "esp32-idf331broadcaster-partition-table.bin", "0x10000", "esp32-idf331broadcaster-app.bin"),
                "esp32c6", List.of("0x0", "esp32c6-zigbeepzem-bootloader.bin", "0x8000",
                        "esp32c6-zigbeepzem-partition-table.bin", "0x10000", "esp32c6-zigbeepzem-app.bin"),
                "esp32h2", List.of("0x0", "esp32h2-arduinoblink-bootloader.bin", "0x8000",
                        "esp32h2-arduinoblink-partitions.bin", "0x10000", "esp32h2-arduinoblink-app.bin"),
                "esp8266", List.of("0x0", "esp8266-nonossdk-boot_v1.7.bin", "0x1000",
                        "esp8266-nonossdk-at-user1.2048.new.5.bin", "0x1fc000",
                        "esp8266-nonossdk-esp_init_data_default_v08.bin"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, List<String>> set : sets.entrySet()) {
            tests.add(DynamicTest.dynamicTest(set.getKey(), () -> mergeSet(set.getKey(), set.getValue())));
        }
        return tests.stream();
    }

    private void mergeSet(String chip, List<String> pairs) throws IOException {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            args.add(pairs.get(i));
            args.add(WILD.resolve(pairs.get(i + 1)).toString());
        }
        Path raw = tmp.resolve(chip + ".bin");
        Path hex = tmp.resolve(chip + ".hex");
        Path uf2 = tmp.resolve(chip + ".uf2");
        for (String[] fmt : new String[][] {{"raw", raw.toString()}, {"hex", hex.toString()}, {"uf2", uf2.toString()}}) {
            List<String> cmd = new ArrayList<>(List.of("--chip", chip, "merge-bin", "--format", fmt[0], "-o", fmt[1]));
            cmd.addAll(args);
            CliRun r = CliRun.of(cmd);
            assertThat(r.exitCode()).as(fmt[0] + ": " + r.err()).isZero();
        }
        byte[] merged = Files.readAllBytes(raw);
        for (int i = 0; i < pairs.size(); i += 2) {
            int addr = Integer.decode(pairs.get(i));
            byte[] file = Files.readAllBytes(WILD.resolve(pairs.get(i + 1)));
            assertThat(Arrays.copyOfRange(merged, addr, addr + file.length)).isEqualTo(file);
        }
        // the hex output holds exactly the inputs at their addresses
        List<IntelHex.Chunk> chunks = IntelHex.read(Files.readAllBytes(hex), hex.toString());
        long total = chunks.stream().mapToLong(c -> c.data().length).sum();
        long expected = 0;
        for (int i = 1; i < pairs.size(); i += 2) {
            expected += Files.size(WILD.resolve(pairs.get(i)));
        }
        assertThat(total).isEqualTo(expected);
        for (IntelHex.Chunk c : chunks) {
            assertThat(Arrays.copyOfRange(merged, (int) c.address(), (int) c.end())).isEqualTo(c.data());
        }
        assertThat(Files.size(uf2) % 512).isZero();
    }
}
