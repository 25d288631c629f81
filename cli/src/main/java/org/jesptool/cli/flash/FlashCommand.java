package org.jesptool.cli.flash;

import java.util.concurrent.Callable;

/** Base of the flash commands: connects (through the esptool frame) and runs with a {@link FlashRun}. */
abstract class FlashCommand implements Callable<Integer> {

    /** Runs the command on a connected chip; returns the exit code. */
    abstract int run(FlashRun run) throws Exception;

    @Override
    public Integer call() throws Exception {
        throw new IllegalStateException("not wired to the esptool connection frame yet");
    }
}
