package org.jesptool.loader;

import java.io.IOException;

/** Connecting to the chip failed; {@link #reason()} says which way, the message what to try. */
public class ConnectException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The failure kinds the CLI explains differently. */
    public enum Reason {
        /** Nothing at all came back: wrong port, no power, or TX/RX swapped. */
        NO_DATA,
        /** The chip booted normally instead of entering download mode. */
        WRONG_BOOT_MODE,
        /** The chip is in download mode but never answered SYNC. */
        NO_SYNC,
        /** Bytes arrived but none was a valid reply. */
        GARBAGE,
        /** {@code --chip} names a different chip than the one connected. */
        WRONG_CHIP,
        /** The chip identified itself with an id this tool does not know. */
        UNKNOWN_CHIP
    }

    private final Reason reason;
    private final String chipOutput;

    public ConnectException(Reason reason, String message, String chipOutput) {
        super(message);
        this.reason = reason;
        this.chipOutput = chipOutput;
    }

    public Reason reason() {
        return reason;
    }

    /** What the chip printed during the attempts (printable form), possibly empty. */
    public String chipOutput() {
        return chipOutput;
    }
}
