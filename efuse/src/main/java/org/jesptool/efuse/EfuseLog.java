package org.jesptool.efuse;

/** Where the library writes what it does (the CLI prints it; tests collect it). */
@FunctionalInterface
public interface EfuseLog {
    void println(String line);

    /** Confirmation before burning: return true to burn, false to abort. */
    interface Confirm {
        boolean confirm(String action);
    }
}
