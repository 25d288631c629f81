package org.jesptool.virtual;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The clock of devices opened with {@code realtime=sim}: the real-time model's timing, but time moves only when
 * the host waits for bytes that have not arrived yet (it then jumps to their arrival), so the host's own work
 * and the machine's load count as nothing. One clock for the whole program; it only moves forward. For
 * benchmarks of the model that must not depend on a busy machine.
 */
public final class SimulatedClock {
    private static final AtomicLong NOW = new AtomicLong(1_000_000_000L);

    private SimulatedClock() {
    }

    /** Simulated nanoseconds. */
    public static long nanos() {
        return NOW.get();
    }

    static void advanceTo(long t) {
        NOW.accumulateAndGet(t, Math::max);
    }
}
