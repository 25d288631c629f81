package org.jesptool.efuse;

/** A refusal or failure with a message meant for the user (no stack trace needed). */
public class EfuseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EfuseException(String message) {
        super(message);
    }
}
