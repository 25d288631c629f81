package org.jesptool.cli.efuse;

import java.io.IOException;
import java.io.PrintStream;
import org.jesptool.efuse.EfuseChip;
import org.jesptool.efuse.EfuseController;
import org.jesptool.efuse.EfuseException;

/** Connects to a chip over a port, as bin/esptool does, and gives its eFuse controller. */
final class ChipConnection {
    private ChipConnection() {
    }

    static EfuseController open(EfuseGlobals g, EfuseChip chip, PrintStream out) throws IOException {
        throw new EfuseException("espefuse over a port is not implemented yet; use --virt.");
    }
}
