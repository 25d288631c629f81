package org.jesptool.factory;

/**
 * Receives the events of a {@link FactoryRun}. Calls come from the boards' threads, several at once: a GUI
 * hands them to its event thread. Every method has an empty default.
 */
public interface BoardListener {

    /** Ignores everything. */
    BoardListener NONE = new BoardListener() {
    };

    /** A board moved on: new phase, more bytes done. Frequent: at most every ~100 ms per board while writing. */
    default void progress(BoardProgress progress) {
    }

    /** A line a user of this board should see (connection steps, warnings). */
    default void message(int index, String port, String text) {
    }

    /** A board is finished (succeeded, failed or cancelled). */
    default void finished(BoardResult result) {
    }
}
