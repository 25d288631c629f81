package org.jesptool.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Base class of every esptool command that talks to a chip. {@link #call()} runs the prepare flow
 * (facts 1.4): open the port, reset and connect, detect or verify the chip, print what it is, upload the
 * stub (if one is configured and allowed), raise the baud rate; then {@link #execute(Session)}; then the
 * {@code --after} reset, and closes the port.
 *
 * <pre>{@code
 * @Command(name = "flash-id", description = "Read the SPI flash JEDEC id.")
 * public final class FlashIdCommand extends ChipCommand {
 *     protected void execute(Session s) throws Exception {
 *         s.attachFlash(null);
 *         int id = s.device().flashId();
 *         s.console().print(String.format("Manufacturer: %02x", id & 0xFF));
 *     }
 * }
 * }</pre>
 *
 * Check arguments in {@link #validate()}, which runs before the port is opened (esptool's argument parser
 * rejects bad numbers without touching the chip). Throw {@link FatalError} for bad input found while executing; IOExceptions from the loader are reported
 * the same way (one paragraph, exit status 2).
 */
public abstract class ChipCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The command's work, with the chip connected. */
    protected abstract void execute(Session session) throws Exception;

    /**
     * Checks and converts the arguments before anything is opened; throw {@link #badArgument(String)} for bad
     * input. Checks that need the chip (flash size, chip type) belong in {@link #execute(Session)}.
     */
    protected void validate() throws Exception {
    }

    /** A usage error for {@link #validate()}: reported as one paragraph with exit status 2. */
    protected final ParameterException badArgument(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Whether the command may run in Secure Download Mode (only write-flash, erase-region, get-security-info). */
    protected boolean allowedInSecureDownloadMode() {
        return false;
    }

    /** Whether the {@code --after} reset runs afterwards (load-ram: no). */
    protected boolean resetAfter() {
        return true;
    }

    /** Whether the command wants the flasher stub when one is available (default yes). */
    protected boolean wantsStub() {
        return true;
    }

    /** Whether the command writes encrypted data (JEsptool's own stub cannot yet: such a run stays in ROM mode). */
    protected boolean writesEncrypted() {
        return false;
    }

    /** The picocli spec of this command. */
    protected CommandSpec spec() {
        return spec;
    }

    @Override
    public final Integer call() throws Exception {
        validate();
        GlobalOptions g = (GlobalOptions) spec.root().userObject();
        new PrepareFlow(g, g.context).run(this);
        return afterClose();
    }

    /** Runs after the port was closed (write-flash --monitor opens the monitor here); returns the exit status. */
    protected Integer afterClose() throws Exception {
        return 0;
    }
}
