package org.jesptool.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jesptool.transport.Transport;
import org.junit.jupiter.api.Test;

/**
 * The client's DTR/RTS changes arrive bunched (no time between them, as after a network hiccup): the local
 * lines still hold EN low 100 ms and the strap low 50 ms, and never pass through "both asserted" on the way
 * from reset to download mode.
 */
class LineControlTest {
    long now;
    final List<String> applied = new ArrayList<>();

    LineControl control() {
        Transport port = new Transport() {
            @Override
            public void setDtrRts(boolean dtr, boolean rts) {
                applied.add(now + " " + (dtr ? 1 : 0) + (rts ? 1 : 0));
            }

            @Override
            public String name() {
                return "test";
            }

            @Override
            public Kind kind() {
                return Kind.SERIAL;
            }

            @Override
            public int read(byte[] buf, int off, int len, long timeoutMillis) {
                return 0;
            }

            @Override
            public void write(byte[] data, int off, int len) {
            }

            @Override
            public void setDtr(boolean asserted) {
                throw new AssertionError("lines change together");
            }

            @Override
            public void setRts(boolean asserted) {
                throw new AssertionError("lines change together");
            }

            @Override
            public void setBaudRate(int baud) {
            }

            @Override
            public int baudRate() {
                return 115200;
            }

            @Override
            public void discardInput() {
            }

            @Override
            public void close() {
            }
        };
        return new LineControl(port, ms -> now += ms, () -> now, m -> { });
    }

    @Test
    void classicDownloadResetBunchedTogetherKeepsItsTiming() throws Exception {
        LineControl c = control();
        // esptool's ClassicReset over RFC 2217, one line at a time, all arriving at once
        c.dtr(false);
        c.rts(true);    // EN low
        c.dtr(true);    // (both asserted on the wire)
        c.rts(false);   // strap low, EN high
        c.dtr(false);   // both released
        assertThat(applied).containsExactly("0 01", "100 10", "150 00");
    }

    @Test
    void hardResetHoldsEnLow() throws Exception {
        LineControl c = control();
        c.rts(true);
        now += 20;
        c.rts(false);
        assertThat(applied).containsExactly("0 01", "100 00");
    }

    @Test
    void changesThatCameSlowlyEnoughAreNotDelayed() throws Exception {
        LineControl c = control();
        c.rts(true);
        now += 300;
        c.dtr(true);
        now += 600; // a 0.55 s reset delay (esptool's second attempt) is kept as it came
        c.rts(false);
        c.dtr(false);
        assertThat(applied).containsExactly("0 01", "300 10", "900 00");
    }

    @Test
    void releaseLetsGoOfBothLines() throws Exception {
        LineControl c = control();
        c.rts(true);
        c.release();
        assertThat(applied).containsExactly("0 01", "100 00");
    }
}
