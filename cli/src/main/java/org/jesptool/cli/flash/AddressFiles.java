package org.jesptool.cli.flash;

import java.util.ArrayList;
import java.util.List;
import org.jesptool.cli.CliContext;
import org.jesptool.flash.FlashException;
import org.jesptool.flash.FlashFile;
import org.jesptool.image.Numbers;

/** Parses {@code ADDRESS FILE [ADDRESS FILE ...]} arguments and reads the files. */
final class AddressFiles {
    private AddressFiles() {
    }

    /**
     * Reads and checks the pairs while picocli parses, so bad input fails before connecting. picocli hands
     * over the growing list value by value: odd lengths wait for their file (null), and {@link #require} reports
     * a pair left incomplete.
     */
    static List<FlashFile> parse(List<String> args, picocli.CommandLine.Model.CommandSpec spec) {
        if (args.isEmpty() || args.size() % 2 != 0) {
            return null;
        }
        try {
            List<FlashFile> files = read(args, spec);
            org.jesptool.flash.Flasher.checkFiles(files);
            return files;
        } catch (FlashException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static List<FlashFile> require(List<FlashFile> parsed, List<String> args,
            picocli.CommandLine.Model.CommandSpec spec) throws FlashException {
        return parsed != null ? parsed : read(args, spec);
    }

    /** Reads the pairs; relative file names are resolved against the run's working directory. */
    static List<FlashFile> read(List<String> args, picocli.CommandLine.Model.CommandSpec spec) throws FlashException {
        if (args == null || args.isEmpty() || args.size() % 2 != 0) {
            throw new FlashException("Give ADDRESS FILE pairs, e.g. 0x1000 bootloader.bin 0x10000 app.bin"
                    + (args != null && args.size() % 2 != 0 ? " (the last address has no file)" : "") + ".");
        }
        List<FlashFile> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i += 2) {
            long address;
            try {
                address = Numbers.parseUnsigned32(args.get(i));
            } catch (NumberFormatException e) {
                throw new FlashException(e.getMessage());
            }
            files.add(FlashFile.read((int) address, CliContext.of(spec).resolve(args.get(i + 1))));
        }
        return files;
    }
}
