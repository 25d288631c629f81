package org.jesptool.cli.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jesptool.image.Elf2Image;
import org.jesptool.image.Elf2ImageOptions;
import org.jesptool.cli.CliNumbers;
import org.jesptool.image.ImageChip;
import org.jesptool.image.ImageException;
import org.jesptool.image.OutputFiles;
import org.jesptool.image.elf.ElfFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code elf2image}: create an application image from an ELF file. */
@Command(name = "elf2image", description = "Create an application image from an ELF file.")
public final class Elf2ImageCommand extends ImageCommand {
    @Parameters(index = "0", paramLabel = "ELF", description = "Input ELF file.")
    String input;

    @Option(names = {"-o", "--output"}, description = "Output file name (ESP8266 v1: prefix of the two files).")
    String output;

    @Option(names = {"--flash-freq", "-ff", "--flash_freq"},
            description = "SPI flash frequency written to the header (default: code 0).")
    String flashFreq;

    @Option(names = {"--flash-mode", "-fm", "--flash_mode"}, defaultValue = "qio",
            description = "SPI flash mode: qio, qout, dio, dout (default qio).")
    String flashMode;

    @Option(names = {"--flash-size", "-fs", "--flash_size"}, defaultValue = "1MB",
            description = "SPI flash size written to the header (default 1MB).")
    String flashSize;

    @Option(names = {"--version", "-e"}, defaultValue = "1", description = "ESP8266 image version: 1, 2 or 3.")
    String version;

    @Option(names = {"--min-rev", "-r", "--min_rev"}, hidden = true, defaultValue = "0",
            converter = CliNumbers.Int64.class)
    long minRev;

    @Option(names = {"--min-rev-full", "--min_rev_full"}, defaultValue = "0", converter = CliNumbers.Int64.class,
            description = "Minimal chip revision (major*100+minor).")
    long minRevFull;

    @Option(names = {"--max-rev-full", "--max_rev_full"}, defaultValue = "65535", converter = CliNumbers.Int64.class,
            description = "Maximal chip revision (major*100+minor).")
    long maxRevFull;

    @Option(names = {"--secure-pad", "--secure_pad"}, description = "Pad for Secure Boot v1 signing (ESP32).")
    boolean securePad;

    @Option(names = {"--secure-pad-v2", "--secure_pad_v2"}, description = "Pad for Secure Boot v2 signing.")
    boolean securePadV2;

    @Option(names = {"--elf-sha256-offset", "--elf_sha256_offset"}, converter = CliNumbers.Unsigned32.class,
            description = "Image offset where the ELF file's SHA-256 is written.")
    Long elfSha256Offset;

    @Option(names = {"--dont-append-digest", "--dont_append_digest"}, description = "Do not append a SHA-256 digest.")
    boolean dontAppendDigest;

    @Option(names = {"--use-segments", "--use_segments"}, description = "Use ELF program headers, not sections.")
    boolean useSegments;

    @Option(names = {"--flash-mmu-page-size", "--flash_mmu_page_size"}, description = "MMU page size, e.g. 64KB.")
    String mmuPageSize;

    @Option(names = {"--pad-to-size", "--pad_to_size"}, description = "Pad the image to a multiple of this size.")
    String padToSize;

    @Option(names = {"--ram-only-header", "--ram_only_header"},
            description = "Only RAM segments are counted in the header; no digest.")
    boolean ramOnlyHeader;

    @Override
    int run() throws IOException {
        ImageChip chip = requiredChip();
        flashSize = currentFlashSize(flashSize);
        if (flashFreq != null && flashFreq.equals("keep") || "keep".equals(flashMode) || "keep".equals(flashSize)) {
            throw new ImageException("'keep' is not a valid flash setting for elf2image");
        }
        Elf2ImageOptions options = new Elf2ImageOptions()
                .version(version)
                .flashMode(flashMode)
                .flashFreq(flashFreq)
                .flashSize(flashSize)
                .minRev((int) minRev)
                .minRevFull((int) minRevFull)
                .maxRevFull((int) maxRevFull)
                .securePad(securePad)
                .securePadV2(securePadV2)
                .elfSha256Offset(elfSha256Offset == null ? 0 : elfSha256Offset)
                .appendDigest(!dontAppendDigest)
                .useSegments(useSegments)
                .mmuPageSize(mmuPageSize)
                .padToSize(padToSize)
                .ramOnlyHeader(ramOnlyHeader);
        ElfFile elf = ElfFile.parse(read(input), input);
        Elf2Image.Result result;
        try {
            result = Elf2Image.convert(elf, chip, options);
        } catch (ImageException e) {
            for (String m : e.printedBefore()) {
                out().println(m);
            }
            throw e;
        }
        for (String w : result.warnings()) {
            warn(w);
        }
        String name = output != null ? output : result.defaultOutputName(input);
        Map<Path, byte[]> files = new LinkedHashMap<>();
        for (Elf2Image.Part part : result.parts()) {
            files.put(Path.of(result.prefixNaming() ? name + part.suffix() : name), part.data());
        }
        OutputFiles.writeAll(files);
        for (String m : result.messages()) {
            out().println(m);
        }
        return 0;
    }
}
