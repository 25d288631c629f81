package org.jesptool.secure;

/**
 * Bad input or a failed check (wrong key, tampered image, invalid signature). The message is meant for
 * the user: it says what is wrong and, where it can, what to do about it. It never contains key material.
 */
public class EspsecureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EspsecureException(String message) {
        super(message);
    }

    public EspsecureException(String message, Throwable cause) {
        super(message, cause);
    }
}
