package org.jesptool.transport;

import java.io.IOException;

/** A port that could not be opened, with the reason in words a user can act on. */
public class PortException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why the port could not be opened. */
    public enum Reason { NOT_FOUND, BUSY, PERMISSION, BAD_ADDRESS, OTHER }

    private final Reason reason;

    public PortException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public PortException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
