package org.jesptool.flash;

/**
 * A flash address range {@code [start, end)} as unsigned 32-bit addresses held in longs.
 *
 * @param start the first address
 * @param end the address after the last byte
 */
record Span(long start, long end) {
    Span {
        if (end < start) {
            throw new IllegalArgumentException("span ends before it starts: " + start + ".." + end);
        }
    }

    /** The number of bytes covered. */
    int length() {
        return (int) (end - start);
    }
}
