package org.jesptool.flash;

import java.util.Arrays;
import java.util.List;
import org.jesptool.flash.FlashState.Status;
import org.jesptool.flash.WritePlanner.PlannedFile;

/** Per-file bookkeeping: segment bounds and what each segment holds now. */
final class FileState {
    final PlannedFile file;
    final List<Span> bounds;
    final Status[] status;

    FileState(PlannedFile file) {
        this.file = file;
        this.bounds = SegmentEncoder.bounds(file.address(), file.length());
        this.status = new Status[bounds.size()];
        Arrays.fill(status, Status.UNTOUCHED);
    }

    void setAll(Status s) {
        Arrays.fill(status, s);
    }

    boolean allVerified() {
        for (Status s : status) {
            if (s != Status.VERIFIED) {
                return false;
            }
        }
        return true;
    }
}
