package org.jesptool.cli.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jesptool.cli.CliNumbers;
import org.jesptool.image.ImageChip;
import org.jesptool.image.ImageException;
import org.jesptool.image.MergeBin;
import org.jesptool.image.OutputFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code merge-bin}: merge files for flash addresses into one raw, Intel HEX or UF2 file. */
@Command(name = "merge-bin", description = "Merge binaries into a single file (raw, hex or uf2).")
public final class MergeBinCommand extends ImageCommand {
    @Parameters(paramLabel = "<address> <filename>", arity = "1..*", description = "Pairs of flash address and file.")
    List<String> pairs;

    @Option(names = {"-o", "--output"}, required = true, description = "Output file.")
    String output;

    @Option(names = {"--format", "-f"}, defaultValue = "raw", description = "Output format: raw, hex or uf2.")
    String format;

    @Option(names = {"--flash-freq", "-ff", "--flash_freq"}, defaultValue = "keep",
            description = "Flash frequency written to the bootloader header, or keep (default).")
    String flashFreq;

    @Option(names = {"--flash-mode", "-fm", "--flash_mode"}, defaultValue = "keep",
            description = "Flash mode written to the bootloader header (qio, qout, dio, dout), or keep (default).")
    String flashMode;

    @Option(names = {"--flash-size", "-fs", "--flash_size"}, defaultValue = "keep",
            description = "Flash size written to the bootloader header, or keep (default).")
    String flashSize;

    @Option(names = {"--target-offset", "-t", "--target_offset"}, defaultValue = "0",
            converter = CliNumbers.Unsigned32.class, description = "Raw: flash address of the output's first byte.")
    long targetOffset;

    @Option(names = {"--pad-to-size", "--fill-flash-size", "--pad_to_size", "--fill_flash_size"},
            description = "Raw: pad with 0xFF up to this flash size, e.g. 4MB.")
    String padToSize;

    @Option(names = {"--chunk-size", "--chunk_size"}, converter = CliNumbers.Int64.class,
            description = "UF2: payload bytes per block (4-aligned).")
    Long chunkSize;

    @Option(names = {"--md5-disable", "--md5_disable"}, description = "UF2: no MD5 part in blocks.")
    boolean md5Disable;

    @Override
    int run() throws IOException {
        List<Long> addresses = new ArrayList<>(); // checked first, as the reference's argument parser does
        for (int i = 0; i < pairs.size(); i += 2) {
            addresses.add(CliNumbers.unsigned32(spec, pairs.get(i)));
        }
        ImageChip chip = requiredChip();
        flashSize = currentFlashSize(flashSize);
        if (pairs.size() % 2 != 0) {
            throw new ImageException("Must be pairs of an address and the binary filename to write there.");
        }
        if ("detect".equals(flashSize)) {
            throw new ImageException("--flash-size detect is not possible for merge-bin: give a size or keep");
        }
        MergeBin.Format fmt = switch (format.toLowerCase(Locale.ROOT)) {
            case "raw" -> MergeBin.Format.RAW;
            case "hex" -> MergeBin.Format.HEX;
            case "uf2" -> MergeBin.Format.UF2;
            default -> throw new ImageException("Invalid format: '" + format + "', choose from 'raw', 'uf2', 'hex'.");
        };
        List<MergeBin.Input> inputs = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            inputs.add(MergeBin.Input.of(addresses.get(i / 2), file(pairs.get(i + 1)))); // read when written
        }
        long offset = targetOffset;
        MergeBin.Options options = new MergeBin.Options().format(fmt).flashMode(flashMode).flashFreq(flashFreq)
                .flashSize(flashSize).targetOffset(offset).padToSize(padToSize)
                .chunkSize(chunkSize == null ? 0 : chunkSize.intValue()).md5(!md5Disable);
        MergeBin.Merged result = MergeBin.mergeLater(MergeBin.prepare(inputs), chip, options);
        for (String w : result.warnings()) {
            warn(w);
        }
        OutputFiles.write(Path.of(output), result.content()); // raw output is made as it is written
        for (String m : result.messages()) {
            out().println(m);
        }
        String ready = fmt == MergeBin.Format.UF2 ? "ready to be flashed with any ESP USB Bridge."
                : String.format("ready to flash to offset 0x%x.", offset);
        out().printf("Wrote 0x%x bytes to file '%s', %s%n", result.size(), output, ready);
        return 0;
    }
}
