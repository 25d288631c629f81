package org.jesptool.cli;

import picocli.CommandLine.Option;

/** {@code --force} of write-flash, erase-flash and erase-region: skip the safety checks. */
public final class ForceOption {
    @Option(names = "--force", description = "Skip the safety checks: write images made for another chip or "
            + "revision, erase or write with flash encryption or secure boot enabled (the device may not boot "
            + "again).")
    boolean force;

    /** Whether --force was given. */
    public boolean given() {
        return force;
    }
}
