package org.jesptool.cli.flash;

import org.jesptool.cli.ChipCommand;
import org.jesptool.cli.Session;

/** Base of the flash commands: the esptool frame connects, then {@link #run(FlashRun)} does the work. */
abstract class FlashCommand extends ChipCommand {

    /** Runs the command on a connected chip. */
    abstract void run(FlashRun run) throws Exception;

    /** The --spi-connection value of the command, or null. */
    String spiConnection() {
        return null;
    }

    @Override
    protected void execute(Session session) throws Exception {
        run(new FlashRun(session, spec(), spiConnection()));
    }
}
