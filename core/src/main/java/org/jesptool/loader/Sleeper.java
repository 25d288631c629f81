package org.jesptool.loader;

/** Waits; replaced in tests by a recorder so reset timing is asserted without real delays. */
@FunctionalInterface
public interface Sleeper {
    void sleep(long millis) throws java.io.InterruptedIOException;

    /** Thread.sleep. */
    Sleeper REAL = millis -> {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    };
}
