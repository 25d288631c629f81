package org.jesptool.virtual;

/**
 * The host end of the board's link with the {@code unplug-after} fault: counts the bytes the host sends and
 * cuts the link once, when that many have arrived.
 */
final class Cable {
    private long left;
    private boolean cutPending;

    /** @param unplugAfter bytes that get through before the cut; negative: never cut */
    Cable(long unplugAfter) {
        this.left = unplugAfter;
    }

    /**
     * How many of the next {@code len} host bytes reach the board before the cut (all of them when no cut is
     * due). When the cut falls into these bytes, {@link #takeCut()} tells once.
     */
    synchronized int pass(int len) {
        if (left < 0) {
            return len;
        }
        int n = (int) Math.min(len, left);
        left -= n;
        if (left == 0) {
            left = -1; // one cut only
            cutPending = true;
        }
        return n;
    }

    /** True once, right after the bytes that {@link #pass} let through up to the cut. */
    synchronized boolean takeCut() {
        boolean c = cutPending;
        cutPending = false;
        return c;
    }
}
