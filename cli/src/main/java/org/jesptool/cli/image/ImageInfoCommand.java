package org.jesptool.cli.image;

import java.io.IOException;

import org.jesptool.image.ImageChip;
import org.jesptool.image.ImageInfo;
import org.jesptool.image.ImageInfoJson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code image-info}: describe a firmware image (.bin or Intel HEX). */
@Command(name = "image-info", description = "Print information about a firmware image (.bin or .hex).")
public final class ImageInfoCommand extends ImageCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "Image file (.bin or Intel HEX).")
    String file;

    @Option(names = {"--version", "-v"}, hidden = true,
            description = "v4 compatibility: 1 prints the v4 default layout, 2 (default) the current one.")
    String legacyVersion;

    @Option(names = {"--format"}, defaultValue = "text", description = "Output format: text (default) or json.")
    String format;

    @Override
    int run() throws IOException {
        ImageChip chip = optionalChip();
        byte[] data = read(file);
        if ("json".equalsIgnoreCase(format)) {
            out().print(ImageInfoJson.json(data, chip, file));
            return 0;
        }
        if (!"text".equalsIgnoreCase(format)) {
            throw new org.jesptool.image.ImageException("Unknown --format '" + format + "': use text or json");
        }
        ImageInfo.Report report = "1".equals(legacyVersion) ? ImageInfo.textV4(data, chip)
                : ImageInfo.text(data, chip, file);
        for (String w : report.warnings()) {
            if (!report.text().contains("Warning: " + w + "\n")) {
                warn(w); // the v5 layout prints its warnings inline, where the reference does: not twice
            }
        }
        out().print(report.text());
        for (String e : report.errors()) {
            err().println(e);
        }
        if (report.fatal() != null) {
            throw new org.jesptool.image.ImageException(report.fatal());
        }
        return 0;
    }
}
