package org.jesptool.cli.flash;

import org.jesptool.cli.ChipCommand;
import org.jesptool.cli.Session;
import org.jesptool.flash.FlashSizes;

/** Base of the flash commands: the esptool frame connects, then {@link #run(FlashRun)} does the work. */
abstract class FlashCommand extends ChipCommand {

    /** Runs the command on a connected chip. */
    abstract void run(FlashRun run) throws Exception;

    /** The --spi-connection value of the command, or null. */
    String spiConnection() {
        return null;
    }

    /** An address argument (decimal, 0x, 0o or 0b), or a usage error naming it. */
    final long address(String text) {
        try {
            long v = FlashSizes.parseInt(text);
            if (v < 0 || v > 0xFFFFFFFFL) {
                throw badArgument("Bad address: " + text + " is outside the 32-bit address space.");
            }
            return v;
        } catch (IllegalArgumentException e) {
            throw badArgument("Bad address: " + e.getMessage());
        }
    }

    /** A size argument (number with optional k/M suffix; -1 for 'all'), or a usage error naming it. */
    final long length(String text) {
        long v;
        try {
            v = FlashSizes.parseSizeArg(text);
        } catch (IllegalArgumentException e) {
            throw badArgument("Bad size: " + e.getMessage());
        }
        if (v < 0 && !text.trim().equalsIgnoreCase("all")) {
            throw badArgument("Bad size: " + text + " is negative (give a byte count, or 'all').");
        }
        return v;
    }

    @Override
    protected void execute(Session session) throws Exception {
        run(new FlashRun(session, spec(), spiConnection()));
    }
}
