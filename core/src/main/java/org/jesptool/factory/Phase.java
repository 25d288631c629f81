package org.jesptool.factory;

/** Where a board is in its job. */
public enum Phase {
    /** Not started yet. */
    WAITING,
    /** Opening the port, resetting into the bootloader, syncing, detecting the chip. */
    CONNECTING,
    /** Uploading the flasher stub. */
    STUB,
    /** Raising the baud rate. */
    BAUD,
    /** Comparing flash with the files (skip-flashed, diff). */
    CHECKING,
    /** Erasing flash. */
    ERASING,
    /** Writing flash. */
    WRITING,
    /** Checking the written flash by MD5. */
    VERIFYING,
    /** Reading flash. */
    READING,
    /** The reset after the job. */
    RESETTING,
    /** Finished: every step succeeded. */
    DONE,
    /** Finished with an error. */
    FAILED;

    /** Whether the board's job is over. */
    public boolean finished() {
        return this == DONE || this == FAILED;
    }

    /** The phase of a flash operation named as in {@link org.jesptool.flash.Progress#operation()}. */
    static Phase ofOperation(String operation) {
        return switch (operation) {
            case "Erasing" -> ERASING;
            case "Verifying" -> VERIFYING;
            case "Checking" -> CHECKING;
            case "Reading" -> READING;
            default -> WRITING;
        };
    }
}
