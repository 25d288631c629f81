package org.jesptool.flash;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jesptool.flash.WritePlanner.PlannedFile;

/** verify-flash for one file. */
final class FlashVerifier {
    private static final int STEP = 0x10000;

    private FlashVerifier() {
    }

    static VerifyResult verify(Flasher flasher, PlannedFile pf, boolean diff, ProgressListener listener)
            throws FlashException {
        String name = pf.source().name();
        int length = pf.length();
        listener.message(String.format("Verifying 0x%x (%d) bytes at 0x%08x in flash against %s...", length,
                length, pf.address(), name));
        byte[] flashMd5;
        try {
            flashMd5 = flasher.session().loader.flashMd5(pf.address(), length);
        } catch (IOException e) {
            throw new FlashException("Verifying " + name + " failed: " + e.getMessage() + ". Flash is unchanged.",
                    e);
        }
        if (Arrays.equals(flashMd5, pf.data().md5())) {
            listener.message("-- verify OK (digest matched)");
            return new VerifyResult(name, pf.address(), length, true, List.of());
        }
        if (!diff) {
            listener.message("-- verify FAILED (digest mismatch)");
            return new VerifyResult(name, pf.address(), length, false, List.of());
        }
        byte[] flash = flasher.read(pf.address(), length);
        List<Long> differences = new ArrayList<>();
        byte[] want = new byte[Math.min(length, STEP)];
        for (int at = 0; at < length; at += want.length) {
            int n = Math.min(want.length, length - at);
            pf.data().copy(at, want, 0, n);
            for (int i = 0; i < n; i++) {
                if (flash[at + i] != want[i]) {
                    differences.add((pf.address() & 0xFFFFFFFFL) + at + i);
                }
            }
        }
        listener.message(String.format("-- verify FAILED: %d differences", differences.size()));
        int shown = 0;
        for (long a : differences) {
            int i = (int) (a - (pf.address() & 0xFFFFFFFFL));
            byte fileByte = pf.data().slice(i, i + 1)[0];
            listener.message(String.format("   %08x %02x %02x", a, flash[i] & 0xFF, fileByte & 0xFF));
            if (++shown == 1000) {
                listener.message(String.format("   ... and %d more", differences.size() - shown));
                break;
            }
        }
        return new VerifyResult(name, pf.address(), length, false, differences);
    }
}
