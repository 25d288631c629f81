package org.jesptool.cli.efuse;

import java.io.IOException;

/** One espefuse command of a (possibly chained) command line. */
interface EfuseCommand {
    void run(EfuseRun r) throws IOException;

    /** True for the commands that burn (they count for batch mode). */
    default boolean burns() {
        return false;
    }

    /** The command's --force-write-always value, or null if the command has no such option. */
    default Boolean forceWriteAlways() {
        return null;
    }
}
