package org.jesptool.cli;

/**
 * An error that ends the command with a one-paragraph message (exit status 2, as esptool's FatalError).
 * Commands throw it for bad input they detect themselves; the message should say what to do.
 */
public class FatalError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public FatalError(String message) {
        this(message, 2);
    }

    public FatalError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public FatalError(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = 2;
    }

    public int exitCode() {
        return exitCode;
    }
}
