package org.jesptool.loader;

import java.util.Locale;

/** What to do before talking to the chip ({@code --before}). */
public enum BeforeReset {
    DEFAULT_RESET, USB_RESET, NO_RESET, NO_RESET_NO_SYNC;

    /** The command-line spelling, e.g. {@code default-reset}. */
    public String option() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@code default-reset} or the v4 spelling {@code default_reset}. */
    public static BeforeReset parse(String s) {
        for (BeforeReset b : values()) {
            if (b.option().equals(s.trim().toLowerCase(Locale.ROOT).replace('_', '-'))) {
                return b;
            }
        }
        throw new IllegalArgumentException("Invalid --before value '" + s
                + "': use default-reset, usb-reset, no-reset or no-reset-no-sync");
    }
}
