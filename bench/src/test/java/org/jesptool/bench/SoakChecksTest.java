package org.jesptool.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.jesptool.flash.FlashException;
import org.jesptool.flash.FlashFile;
import org.jesptool.flash.FlashState;
import org.jesptool.flash.FlashState.Range;
import org.jesptool.flash.FlashState.Status;
import org.junit.jupiter.api.Test;

class SoakChecksTest {

    private static final FlashFile FILE = new FlashFile(0x1000, new byte[0x2000], "app.bin");

    private static String judge(List<Range> ranges, int changedFrom, int changedTo) {
        byte[] before = new byte[0x10000];
        Arrays.fill(before, (byte) 0x5A);
        byte[] after = before.clone();
        Arrays.fill(after, changedFrom, changedTo, (byte) 0xFF);
        FlashException error = new FlashException("stopped", new FlashState(ranges, List.of(FILE)), null);
        return SoakChecks.checkFailure(Soak.Op.WRITE, error, List.of(FILE), 0, 0, before, after);
    }

    @Test
    void flashOutsideTheFilesMayChangeWhereTheReportSaysItMayHaveBeenErasedAndNowhereElse() {
        List<Range> report = List.of(new Range(0x1000, 0x3000, Status.UNDEFINED, "app.bin"),
                new Range(0x3000, 0x5000, Status.MAYBE_ERASED, ""));
        assertThat(judge(report, 0x1000, 0x5000)).isNull();
        assertThat(judge(report, 0x1000, 0x5001)).contains("flash changed at 0x5000, outside what the job may touch");
        assertThat(judge(report.subList(0, 1), 0x1000, 0x5000)).contains("flash changed at 0x3000");
    }

    @Test
    void aFilesRangeIsNeverReportedAsPossiblyErasedOutsideTheFiles() {
        assertThat(judge(List.of(new Range(0x1000, 0x3000, Status.MAYBE_ERASED, "app.bin")), 0x1000, 0x3000))
                .startsWith("the report says a file's range may have been erased outside the files");
    }
}
