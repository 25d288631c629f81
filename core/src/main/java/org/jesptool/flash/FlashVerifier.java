package org.jesptool.flash;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jesptool.flash.WritePlanner.PlannedFile;

/** verify-flash for one file. */
final class FlashVerifier {
    private FlashVerifier() {
    }

    static VerifyResult verify(Flasher flasher, PlannedFile pf, boolean diff, ProgressListener listener)
            throws FlashException {
        String name = pf.source().name();
        int length = pf.data().length;
        listener.message(String.format("Verifying 0x%x (%d) bytes at 0x%08x in flash against %s...", length,
                length, pf.address(), name));
        byte[] flashMd5;
        try {
            flashMd5 = flasher.session().loader.flashMd5(pf.address(), length);
        } catch (IOException e) {
            throw new FlashException("Verifying " + name + " failed: " + e.getMessage() + ". Flash is unchanged.",
                    e);
        }
        if (Arrays.equals(flashMd5, Md5.of(pf.data()))) {
            listener.message("-- verify OK (digest matched)");
            return new VerifyResult(name, pf.address(), length, true, List.of());
        }
        if (!diff) {
            listener.message("-- verify FAILED (digest mismatch)");
            return new VerifyResult(name, pf.address(), length, false, List.of());
        }
        byte[] flash = flasher.read(pf.address(), length);
        List<Long> differences = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            if (flash[i] != pf.data()[i]) {
                differences.add((pf.address() & 0xFFFFFFFFL) + i);
            }
        }
        listener.message(String.format("-- verify FAILED: %d differences", differences.size()));
        int shown = 0;
        for (long a : differences) {
            int i = (int) (a - (pf.address() & 0xFFFFFFFFL));
            listener.message(String.format("   %08x %02x %02x", a, flash[i] & 0xFF, pf.data()[i] & 0xFF));
            if (++shown == 1000) {
                listener.message(String.format("   ... and %d more", differences.size() - shown));
                break;
            }
        }
        return new VerifyResult(name, pf.address(), length, false, differences);
    }
}
