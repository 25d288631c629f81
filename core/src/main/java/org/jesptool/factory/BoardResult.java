package org.jesptool.factory;

import java.time.Duration;
import java.util.List;

/**
 * How one board went.
 *
 * @param index the board's position in the port list (0-based)
 * @param port the port name
 * @param chip the chip's display name ("ESP32-C3"), or null when it was never identified
 * @param mac the MAC address ({@code aa:bb:cc:dd:ee:ff}), or null when unknown
 * @param files the files written (and verified where {@link FlashedFile#verified()})
 * @param status the outcome
 * @param error what went wrong, one paragraph (null when the board succeeded)
 * @param elapsed wall time of the board's job
 * @param redoCommand a command line that redoes (or finishes) a failed board, or null
 */
public record BoardResult(int index, String port, String chip, String mac, List<FlashedFile> files, Status status,
        String error, Duration elapsed, String redoCommand) {

    /** The outcome of a board. */
    public enum Status {
        SUCCEEDED, FAILED, CANCELLED
    }

    public BoardResult {
        files = List.copyOf(files);
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
