package org.jesptool.loader;

import java.util.Locale;

/** What to do after the command ({@code --after}). */
public enum AfterReset {
    HARD_RESET, SOFT_RESET, NO_RESET, NO_RESET_STUB, WATCHDOG_RESET;

    /** The command-line spelling, e.g. {@code hard-reset}. */
    public String option() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@code hard-reset} or the v4 spelling {@code hard_reset}. */
    public static AfterReset parse(String s) {
        for (AfterReset a : values()) {
            if (a.option().equals(s.trim().toLowerCase(Locale.ROOT).replace('_', '-'))) {
                return a;
            }
        }
        throw new IllegalArgumentException("Invalid --after value '" + s
                + "': use hard-reset, soft-reset, no-reset, no-reset-stub or watchdog-reset");
    }
}
