package org.jesptool.flash;

import java.io.IOException;
import java.util.ArrayList;
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
        List<FlashState.Range> ranges = new ArrayList<>();
        List<FlashFile> unfinished = new ArrayList<>();
        List<FlashFile> encrypted = new ArrayList<>();
        for (FileState fs : states) {
            if (fs.file.encrypted()) {
                encrypted.add(fs.file.source());
            }
            for (int i = 0; i < fs.bounds.size(); i++) {
                Span b = fs.bounds.get(i);
                ranges.add(new FlashState.Range(b.start(), b.end(), fs.status[i], fs.file.source().name()));
            }
            if (!fs.allVerified()) {
                unfinished.add(fs.file.source());
            }
        }
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
}
