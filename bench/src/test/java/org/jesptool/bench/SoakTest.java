package org.jesptool.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The short soak: 150 random link faults (under 20 s), nothing silently lost, no wrong report, no hang. */
class SoakTest {

    @Test
    void fewHundredFaultsLeaveNothingSilentlyWrong() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Soak.Tally t = Soak.soak(17, 0, Long.MAX_VALUE, 150, 12, new PrintStream(log, true, "UTF-8"));
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        t.print(new PrintStream(summary, true, "UTF-8"), 17);
        assertThat(t.faults).as(summary.toString()).isGreaterThanOrEqualTo(150);
        assertThat(t.problems).as(log.toString()).isEmpty();
        assertThat(t.clean()).isTrue();
        // faults of every kind fired, and the soak saw both endings
        assertThat(t.count(Soak.Outcome.SUCCESS)).isPositive();
        assertThat(t.count(Soak.Outcome.CLEAN_FAILURE)).isPositive();
    }

    @Test
    void theSameSeedDrawsTheSameFaults() {
        SoakFaults a = new SoakFaults(new Random(Soak.runSeed(5, 3)), 4, 3000, 10_000, 400, 2_000, 1500);
        SoakFaults b = new SoakFaults(new Random(Soak.runSeed(5, 3)), 4, 3000, 10_000, 400, 2_000, 1500);
        SoakFaults c = new SoakFaults(new Random(Soak.runSeed(5, 4)), 4, 3000, 10_000, 400, 2_000, 1500);
        assertThat(a.toString()).isEqualTo(b.toString()).isNotEqualTo(c.toString());
    }
}
