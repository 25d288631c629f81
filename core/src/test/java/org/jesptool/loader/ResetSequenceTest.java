package org.jesptool.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jesptool.testing.RecordingTransport;
import org.jesptool.transport.Transport;
import org.junit.jupiter.api.Test;

/** Reset sequences, line by line, against a recording transport (sleeps are recorded, not slept). */
class ResetSequenceTest {
    private static List<String> run(ResetSequence s) throws Exception {
        RecordingTransport t = new RecordingTransport(RecordingTransport.SERIAL);
        s.run(t, t);
        return t.log();
    }

    @Test
    void classicResetHoldsEnThenStrapsBootAndRewritesDtrAfterEveryRts() throws Exception {
        assertThat(run(ResetSequence.classic(50))).containsExactly(
                "DTR=0", "RTS=1", "DTR=0", "sleep 100", "DTR=1", "RTS=0", "DTR=1", "sleep 50", "DTR=0");
    }

    @Test
    void unixTightResetSetsBothLinesAtOnce() throws Exception {
        assertThat(run(ResetSequence.unixTight(550))).containsExactly(
                "DTR,RTS=0,0", "DTR,RTS=1,1", "DTR,RTS=0,1", "sleep 100", "DTR,RTS=1,0", "sleep 550",
                "DTR,RTS=0,0", "DTR=0");
    }

    @Test
    void usbJtagSerialReset() throws Exception {
        assertThat(run(ResetSequence.usbJtagSerial())).containsExactly(
                "RTS=0", "DTR=0", "DTR=0", "sleep 100",
                "DTR=1", "RTS=0", "DTR=1", "sleep 100",
                "RTS=1", "DTR=1", "DTR=0", "RTS=1", "DTR=0", "sleep 100",
                "DTR=0", "RTS=0", "DTR=0");
    }

    @Test
    void hardResetPulsesEnLongerOverUsb() throws Exception {
        assertThat(run(ResetSequence.hard(false))).containsExactly("RTS=1", "DTR=0", "sleep 100", "RTS=0", "DTR=0");
        assertThat(run(ResetSequence.hard(true)))
                .containsExactly("RTS=1", "DTR=0", "sleep 200", "RTS=0", "DTR=0", "sleep 200");
    }

    @Test
    void customSequenceSpellingOfClassicGivesTheClassicLines() throws Exception {
        assertThat(run(ResetSequence.custom("D0|R1|W0.1|D1|R0|W0.05|D0"))).isEqualTo(run(ResetSequence.classic(50)));
        assertThat(run(ResetSequence.custom("U1,1 | W.5 | U0,0"))).containsExactly("DTR,RTS=1,1", "sleep 500", "DTR,RTS=0,0");
    }

    @Test
    void malformedCustomSequenceIsRejectedWithTheStep() {
        assertThatThrownBy(() -> ResetSequence.custom("D0|X9|W0.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'X9'");
    }

    @Test
    void defaultStrategiesPerLinkKind() {
        RecordingTransport serial = new RecordingTransport(RecordingTransport.SERIAL);
        RecordingTransport rfc = new RecordingTransport(RecordingTransport.RFC2217);
        List<String> posix = ResetSequence.defaultStrategies(serial, null, null, false).stream().map(Object::toString).toList();
        assertThat(posix).containsExactly("unix tight reset (50 ms)", "unix tight reset (550 ms)",
                "classic reset (50 ms)", "classic reset (550 ms)");
        assertThat(ResetSequence.defaultStrategies(rfc, null, null, false).stream().map(Object::toString))
                .containsExactly("classic reset (50 ms)", "classic reset (550 ms)");
        assertThat(ResetSequence.defaultStrategies(rfc, null, 0.2, false).stream().map(Object::toString))
                .containsExactly("classic reset (200 ms)", "classic reset (200 ms)");
        assertThat(ResetSequence.defaultStrategies(serial, null, null, true).stream().map(Object::toString))
                .containsExactly("USB-Serial/JTAG reset");
        assertThat(ResetSequence.defaultStrategies(serial, "D0|R1", null, true).stream().map(Object::toString))
                .containsExactly("custom reset sequence");
    }

    @Test
    void connectCyclesThroughStrategiesAndReportsNoData() throws Exception {
        RecordingTransport t = new RecordingTransport(RecordingTransport.RFC2217);
        ConnectOptions o = new ConnectOptions().connectAttempts(3).sleeper(t)
                .timeouts(new org.jesptool.command.Timeouts(0.2, 120, 240, 0.01, 8, 30, 40, 0.2));
        assertThatThrownBy(() -> Device.open(t, o)).isInstanceOf(ConnectException.class)
                .satisfies(e -> assertThat(((ConnectException) e).reason()).isEqualTo(ConnectException.Reason.NO_DATA))
                .hasMessageContaining("no serial data received at all")
                .hasMessageContaining("Wrong port, no power, or TX/RX swapped")
                .hasMessageContaining("classic reset (50 ms), classic reset (550 ms)");
        // attempt 1: classic 50 ms, attempt 2: classic 550 ms, attempt 3: classic 50 ms again
        assertThat(t.log().stream().filter(l -> l.equals("sleep 550")).count()).isEqualTo(1);
        assertThat(t.log().stream().filter(l -> l.equals("sleep 100")).count()).isEqualTo(3);
        assertThat(t.log().stream().filter(l -> l.equals("sleep 50")).count()).isEqualTo(2 + 3 * 5);
    }
}
