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

    private java.util.List<String> printedBefore = java.util.List.of();

    /**
     * Output lines the reference would already have printed when it hit this error (e.g. elf2image's
     * "Creating ... image..."), for front ends that want the same stdout; empty when there are none.
     */
    public java.util.List<String> printedBefore() {
        return printedBefore;
    }

    ImageException withPrintedBefore(java.util.List<String> lines) {
        this.printedBefore = java.util.List.copyOf(lines);
        return this;
    }
}
