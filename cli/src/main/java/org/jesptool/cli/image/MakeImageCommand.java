package org.jesptool.cli.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jesptool.cli.CliNumbers;
import org.jesptool.image.ImageException;
import org.jesptool.image.MakeImage;
import org.jesptool.image.OutputFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code make-image} (v4 {@code make_image}): build an ESP8266 image from raw segment files. */
@Command(name = "make-image", description = "Create an ESP8266 image from binary segment files.")
public final class MakeImageCommand extends ImageCommand {
    @Parameters(index = "0", paramLabel = "OUTPUT",
            description = "Output name prefix: writes <OUTPUT>0x00000.bin (and <OUTPUT>0xNNNNN.bin for an IROM segment).")
    String output;

    @Option(names = {"--segfile", "-f"}, description = "Segment input file (repeat for each segment).")
    List<String> segfiles = new ArrayList<>();

    @Option(names = {"--segaddr", "-a"}, converter = CliNumbers.Unsigned32.class,
            description = "Segment base address (repeat, one per --segfile).")
    List<Long> segaddrs = new ArrayList<>();

    @Option(names = {"--entrypoint", "-e"}, defaultValue = "0", converter = CliNumbers.Unsigned32.class,
            description = "Entry point address.")
    long entrypoint;

    @Override
    int run() throws IOException {
        if (segfiles.isEmpty()) {
            throw new ImageException("No segments specified");
        }
        if (segfiles.size() != segaddrs.size()) {
            throw new ImageException("Number of specified files does not match number of specified addresses");
        }
        List<MakeImage.SegmentFile> segments = new ArrayList<>();
        for (int i = 0; i < segfiles.size(); i++) {
            segments.add(new MakeImage.SegmentFile(segaddrs.get(i), read(segfiles.get(i))));
        }
        String chip = chipName();
        out().println("Creating " + chip + " image...");
        Map<Path, byte[]> files = new LinkedHashMap<>();
        MakeImage.build(segments, entrypoint).forEach((suffix, data) ->
                files.put(Path.of(output + suffix), data));
        OutputFiles.writeAll(files);
        files.forEach((path, data) -> out().println("Wrote " + data.length + " bytes to " + path + "."));
        out().println("Successfully created " + chip + " image.");
        return 0;
    }
}
