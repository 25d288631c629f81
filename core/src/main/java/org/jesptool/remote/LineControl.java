package org.jesptool.remote;

import java.io.IOException;
import java.util.function.Consumer;
import org.jesptool.loader.Sleeper;
import org.jesptool.transport.Transport;

/**
 * Applies a remote client's DTR/RTS changes to the local port, in order, keeping the durations an ESP board's
 * auto-reset circuit needs however the network bunched the changes together: EN (RTS asserted, DTR not) stays
 * low at least {@link #RESET_HOLD_MILLIS}, and after a reset released with the boot strap low (DTR asserted,
 * RTS not: the download-mode pattern) the strap stays low at least {@link #STRAP_HOLD_MILLIS} while the chip
 * samples it. A client sends DTR and RTS one at a time, so the classic download reset passes through "both
 * asserted" on its way from "in reset" to "strap low"; that step is taken as the strap-low state at once
 * (with the circuit, "both asserted" would release EN with the strap high and start the application).
 */
final class LineControl {
    /** How long EN is held low at least (esptool's reset sequences hold it 100 ms). */
    static final long RESET_HOLD_MILLIS = 100;
    /** How long the strap stays low after EN rises at least (esptool's default reset delay, 50 ms). */
    static final long STRAP_HOLD_MILLIS = 50;

    private final Transport port;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Consumer<String> log;
    private boolean dtr;
    private boolean rts;
    /** When the local lines entered their state (ms on {@link #clock}). */
    private long since;
    /** The time before which the present local state must not change. */
    private long holdUntil;
    private boolean requestedDtr;
    private boolean requestedRts;

    /** Milliseconds for hold times. */
    @FunctionalInterface
    interface Clock {
        long millis();
    }

    LineControl(Transport port, Sleeper sleeper, Clock clock, Consumer<String> log) {
        this.port = port;
        this.sleeper = sleeper;
        this.clock = clock;
        this.log = log;
    }

    /** The client set DTR. */
    synchronized void dtr(boolean asserted) throws IOException {
        requestedDtr = asserted;
        apply();
    }

    /** The client set RTS. */
    synchronized void rts(boolean asserted) throws IOException {
        requestedRts = asserted;
        apply();
    }

    synchronized boolean requestedDtr() {
        return requestedDtr;
    }

    synchronized boolean requestedRts() {
        return requestedRts;
    }

    /** Both lines released at once (a client left), after any hold in progress. */
    synchronized void release() throws IOException {
        requestedDtr = false;
        requestedRts = false;
        apply();
    }

    private static boolean inReset(boolean dtr, boolean rts) {
        return rts && !dtr;
    }

    private void apply() throws IOException {
        boolean d = requestedDtr;
        boolean r = requestedRts;
        if (inReset(dtr, rts) && d && r) {
            d = true; // "both asserted" right after "in reset": the classic download reset on its way to strap low
            r = false;
        }
        if (d == dtr && r == rts) {
            return;
        }
        long wait = holdUntil - clock.millis();
        if (wait > 0) {
            sleeper.sleep(wait);
        }
        boolean wasReset = inReset(dtr, rts);
        port.setDtrRts(d, r);
        dtr = d;
        rts = r;
        since = clock.millis();
        holdUntil = 0;
        if (inReset(d, r)) {
            holdUntil = since + RESET_HOLD_MILLIS;
            log.accept("chip held in reset (EN low)");
        } else if (wasReset && d) {
            holdUntil = since + STRAP_HOLD_MILLIS;
            log.accept("reset released with the boot strap low: download mode");
        } else if (wasReset) {
            log.accept("reset released: the chip starts its application");
        }
    }
}
