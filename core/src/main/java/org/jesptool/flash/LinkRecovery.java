package org.jesptool.flash;

import java.io.IOException;
import org.jesptool.loader.Loader;

/** Re-establishes a lost link: reconnects to the chip (reset, sync, stub, baud, flash parameters). */
@FunctionalInterface
public interface LinkRecovery {

    /** A freshly connected loader for the same chip; the old one must not be used any more. */
    Loader reconnect() throws IOException;
}
