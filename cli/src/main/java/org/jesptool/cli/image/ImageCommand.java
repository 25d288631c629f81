package org.jesptool.cli.image;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.jesptool.image.ImageChip;
import org.jesptool.image.ImageException;
import org.jesptool.image.ImageFormats;
import org.jesptool.image.Numbers;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/** Common behaviour of the image commands: output streams, chip lookup, file reading, error reporting. */
abstract class ImageCommand implements Callable<Integer> {
    /** Exit code of a fatal error, as the reference's v5. */
    static final int FATAL = 2;

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (ImageException e) {
            err().println("A fatal error occurred: " + e.getMessage());
            err().flush();
            return FATAL;
        } catch (NoSuchFileException e) {
            err().println("A fatal error occurred: No such file: " + e.getFile());
            err().flush();
            return FATAL;
        } catch (IOException e) {
            err().println("A fatal error occurred: " + e);
            err().flush();
            return FATAL;
        } finally {
            out().flush();
        }
    }

    abstract int run() throws IOException;

    /** {@code size} with an esptool 2.x megabit name ({@code 32m}) replaced by today's ({@code 4MB}), noted. */
    String currentFlashSize(String size) {
        String current = Numbers.megabitFlashSize(size);
        if (current == null) {
            return size;
        }
        out().println("Note: " + Numbers.megabitNote(size, current));
        return current;
    }

    /** The chip from the global --chip option, or a clear error naming this command when none was given. */
    ImageChip requiredChip() {
        String chip = chipName();
        if (chip == null || chip.equalsIgnoreCase("auto")) {
            throw new ImageException(spec.name() + " needs the chip: give it with the global option before the"
                    + " command, e.g. 'esptool --chip esp32 " + spec.name() + " ...'");
        }
        return ImageFormats.forChip(chip);
    }

    /** The chip given with --chip: the parent (esptool) command's option if it has one, else the context. */
    String chipName() {
        CommandSpec parent = spec.parent();
        if (parent != null) {
            OptionSpec option = parent.findOption("--chip");
            if (option != null && option.getValue() != null) {
                return option.getValue().toString();
            }
        }
        return ImageCommandContext.chip();
    }

    /** The chip given with --chip, or null when it was not given (auto). */
    ImageChip optionalChip() {
        String chip = chipName();
        return chip == null || chip.equalsIgnoreCase("auto") ? null : ImageFormats.forChip(chip);
    }

    static byte[] read(String file) throws IOException {
        return org.jesptool.flash.FlashFile.readAll(file(file)); // in steps: no file-sized native buffer
    }

    /** The path of an input file, refused when it names a folder. */
    static Path file(String file) {
        Path p = Path.of(file);
        if (Files.isDirectory(p)) {
            throw new ImageException(file + " is a folder, not a file");
        }
        return p;
    }

    void warn(String message) {
        err().println("Warning: " + message);
    }
}
