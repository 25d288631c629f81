package org.jesptool.flash;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The final error of a write: what failed, the state of every range of every file, and how to finish the job. */
final class WriteFailure {

    private WriteFailure() {
    }

    /**
     * @param what what failed, as the message's first words
     * @param cause the error that ended the write, or null
     * @param states every file of the write, with the status of each of its ranges
     * @param recoveryFailure why reconnecting failed, or null
     */
    static FlashException of(String what, IOException cause, List<FileState> states, String recoveryFailure) {
        return of(what, cause, states, 0, 0, recoveryFailure);
    }

    /**
     * As {@link #of(String, IOException, List, String)}, when {@code [erasedStart, erasedEnd)} may have been
     * erased behind the write's back (by the ROM of a chip reset meanwhile): the files' ranges there are undefined,
     * and the rest is reported as flash outside the files that may have been erased.
     */
    static FlashException of(String what, IOException cause, List<FileState> states, long erasedStart,
            long erasedEnd, String recoveryFailure) {
        List<FlashState.Range> ranges = new ArrayList<>();
        List<long[]> outside = new ArrayList<>();
        if (erasedEnd > erasedStart) {
            outside.add(new long[] {erasedStart, erasedEnd});
        }
        List<FlashFile> unfinished = new ArrayList<>();
        List<FlashFile> encrypted = new ArrayList<>();
        for (FileState fs : states) {
            if (fs.file.encrypted()) {
                encrypted.add(fs.file.source());
            }
            for (int i = 0; i < fs.bounds.size(); i++) {
                Span b = fs.bounds.get(i);
                if (b.start() < erasedEnd && erasedStart < b.end()) {
                    fs.status[i] = FlashState.Status.UNDEFINED;
                }
                ranges.add(new FlashState.Range(b.start(), b.end(), fs.status[i], fs.file.source().name()));
                outside = cut(outside, b.start(), b.end());
            }
            if (!fs.allVerified()) {
                unfinished.add(fs.file.source());
            }
        }
        for (long[] o : outside) {
            ranges.add(new FlashState.Range(o[0], o[1], FlashState.Status.MAYBE_ERASED, ""));
        }
        ranges.sort(Comparator.comparingLong(FlashState.Range::start));
        FlashState state = new FlashState(ranges, unfinished, encrypted);
        StringBuilder msg = new StringBuilder(what);
        if (cause != null) {
            msg.append(": ").append(cause.getMessage());
        }
        if (recoveryFailure != null) {
            msg.append("; reconnecting failed: ").append(recoveryFailure);
        }
        msg.append(".\nFlash state:");
        for (String line : state.describe()) {
            msg.append("\n  ").append(line);
        }
        if (!unfinished.isEmpty()) {
            msg.append("\nTo finish the job, run: esptool ").append(state.finishArguments());
        }
        return new FlashException(msg.toString(), state, cause);
    }

    /** {@code spans} without {@code [start, end)}. */
    private static List<long[]> cut(List<long[]> spans, long start, long end) {
        List<long[]> left = new ArrayList<>();
        for (long[] s : spans) {
            if (s[0] < start) {
                left.add(new long[] {s[0], Math.min(s[1], start)});
            }
            if (s[1] > end) {
                left.add(new long[] {Math.max(s[0], end), s[1]});
            }
        }
        return left;
    }
}
