package org.jesptool.image;

/**
 * A problem with an input or an option of an image tool. The message is meant for the user: it says what is
 * wrong (naming the file and offset where known) and, where possible, what to do.
 */
public class ImageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
