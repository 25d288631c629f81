package org.jesptool.flash;

import java.io.IOException;

/**
 * A flash operation failed or was refused. The message is meant for the user as is: it says what went wrong,
 * what state the flash is in and, where it applies, how to finish the job.
 */
public class FlashException extends IOException {
    private static final long serialVersionUID = 1L;

    private final FlashState state;

    public FlashException(String message) {
        this(message, null, null);
    }

    public FlashException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public FlashException(String message, FlashState state, Throwable cause) {
        super(message, cause);
        this.state = state;
    }

    /** What is known about the flash after a failed write, or null when nothing was written. */
    public FlashState state() {
        return state;
    }
}
