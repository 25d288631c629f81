package org.jesptool.remote;

import static org.assertj.core.api.Assertions.assertThat;

import org.jesptool.testing.RecordingTransport;
import org.jesptool.transport.Transport;
import org.junit.jupiter.api.Test;

/**
 * The client's DTR/RTS changes arrive bunched (no time between them, as after a network hiccup): the local
 * lines still hold EN low 100 ms and the strap low 50 ms, and never pass through "both asserted" on the way
 * from reset to download mode.
 */
class LineControlTest {
    long now;
    final RecordingTransport port = new RecordingTransport(java.util.EnumSet.allOf(Transport.Capability.class));

    LineControl control() {
        return new LineControl(port, ms -> {
            now += ms;
            port.sleep(ms);
        }, () -> now, m -> { });
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
        assertThat(port.log()).containsExactly("DTR,RTS=0,1", "sleep 100", "DTR,RTS=1,0", "sleep 50", "DTR,RTS=0,0");
    }

    @Test
    void hardResetHoldsEnLow() throws Exception {
        LineControl c = control();
        c.rts(true);
        now += 20;
        c.rts(false);
        assertThat(port.log()).containsExactly("DTR,RTS=0,1", "sleep 80", "DTR,RTS=0,0");
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
        assertThat(port.log()).containsExactly("DTR,RTS=0,1", "DTR,RTS=1,0", "DTR,RTS=0,0"); // no waits
    }

    @Test
    void releaseLetsGoOfBothLines() throws Exception {
        LineControl c = control();
        c.rts(true);
        c.release();
        assertThat(port.log()).containsExactly("DTR,RTS=0,1", "sleep 100", "DTR,RTS=0,0");
    }
}
