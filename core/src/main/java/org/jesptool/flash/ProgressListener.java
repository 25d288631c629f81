package org.jesptool.flash;

/**
 * Receives progress of flash operations. Every method has an empty default, so listeners implement what they
 * show. Calls come from the thread running the operation.
 */
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
    };

    /** A region starts (progress at 0). */
    default void started(Progress progress) {
    }

    /** More of the region is done. */
    default void progressed(Progress progress) {
    }

    /** The region is finished. */
    default void finished(FileResult result) {
    }

    /** An informational line or warning the user should see (for example "Flash parameters set to 0x0220."). */
    default void message(String text) {
    }
}
