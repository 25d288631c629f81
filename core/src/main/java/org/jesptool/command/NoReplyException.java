package org.jesptool.command;

import java.io.InterruptedIOException;

/** No (matching) reply arrived in time. */
public class NoReplyException extends InterruptedIOException {
    private static final long serialVersionUID = 1L;

    private final byte[] chipOutput;

    public NoReplyException(String message, byte[] chipOutput) {
        super(message);
        this.chipOutput = chipOutput;
    }

    /** Whatever the chip printed outside frames while we waited (may be empty). */
    public byte[] chipOutput() {
        return chipOutput.clone();
    }
}
