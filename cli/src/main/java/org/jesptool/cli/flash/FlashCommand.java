package org.jesptool.cli.flash;

import org.jesptool.cli.ChipCommand;
import org.jesptool.cli.Session;
import org.jesptool.cli.CliContext;
import org.jesptool.cli.CliNumbers;
import org.jesptool.cli.FlashSizeArg;
import org.jesptool.image.Numbers;
import picocli.CommandLine.ParameterException;

/** Base of the flash commands: the esptool frame connects, then {@link #run(FlashRun)} does the work. */
abstract class FlashCommand extends ChipCommand {

    /** Runs the command on a connected chip. */
    abstract void run(FlashRun run) throws Exception;

    /** The --spi-connection value of the command, or null. */
    String spiConnection() {
        return null;
    }

    /** An address argument (decimal, 0x, 0o or 0b), or the usage error every command gives for it. */
    final long address(String text) {
        return CliNumbers.unsigned32(spec(), text);
    }

    /** A size argument (number with optional k/M suffix; -1 for 'all'), or the usage error for it. */
    final long length(String text) {
        long v;
        try {
            v = Numbers.parseSize(text);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec().commandLine(), e.getMessage());
        }
        if (v < 0 && !text.trim().equalsIgnoreCase("all")) {
            throw badArgument("Bad size: " + text + " is negative (give a byte count, or 'all').");
        }
        return v;
    }

    /** A --flash-size value checked before connecting (detect and keep allowed); megabit names get a note. */
    static String checkFlashSize(picocli.CommandLine.Model.CommandSpec spec, String given) {
        try {
            return FlashSizeArg.resolve(given, java.util.List.of("detect", "keep"),
                    CliContext.of(spec).console()::note);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    protected void execute(Session session) throws Exception {
        run(new FlashRun(session, spec(), spiConnection()));
    }
}
