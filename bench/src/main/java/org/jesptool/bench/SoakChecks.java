package org.jesptool.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jesptool.flash.FileResult;
import org.jesptool.flash.FlashException;
import org.jesptool.flash.FlashFile;
import org.jesptool.flash.FlashState;
import org.jesptool.flash.VerifyResult;

/**
 * How the soak judges a run: the board's flash (read from its file, never through the tool) against what the
 * job intended, and an error's flash-state report against the flash, range by range.
 */
final class SoakChecks {
    private SoakChecks() {
    }

    /** A successful run: flash exactly as intended, reads and verify answers true. */
    static String checkSuccess(Soak.Op op, Object result, List<FlashFile> files, boolean[] shouldMatch, int at, int len,
            byte[] before, byte[] after) {
        switch (op) {
            case WRITE -> {
                byte[] want = before.clone();
                for (FlashFile f : files) {
                    System.arraycopy(f.data(), 0, want, f.address(), f.data().length);
                }
                @SuppressWarnings("unchecked")
                List<FileResult> results = (List<FileResult>) result;
                for (FileResult fr : results) {
                    if (!fr.verified()) {
                        return "success without verification: " + fr.summary();
                    }
                }
                for (FlashFile f : files) {
                    int a = f.address();
                    if (!Arrays.equals(want, a, a + f.data().length, after, a, a + f.data().length)) {
                        return "success reported, but " + f.name() + " differs in flash at 0x"
                                + Integer.toHexString(a + Arrays.mismatch(Arrays.copyOfRange(want, a, a
                                + f.data().length), Arrays.copyOfRange(after, a, a + f.data().length)));
                    }
                }
                return outsideChanged(before, after, sectorSpans(files));
            }
            case READ -> {
                byte[] got = (byte[]) result;
                if (!Arrays.equals(got, Arrays.copyOfRange(before, at, at + len))) {
                    return "read-flash returned bytes that differ from flash";
                }
                return outsideChanged(before, after, List.of());
            }
            case VERIFY -> {
                @SuppressWarnings("unchecked")
                List<VerifyResult> results = (List<VerifyResult>) result;
                for (int i = 0; i < results.size(); i++) {
                    String name = results.get(i).name(); // "f<drawn index>@<address>.bin"
                    if (results.get(i).matches() != shouldMatch[Integer.parseInt(name.substring(1,
                            name.indexOf('@')))]) {
                        return "verify-flash says " + results.get(i).name() + (results.get(i).matches()
                                ? " matches" : " differs") + ", which is false";
                    }
                }
                return outsideChanged(before, after, List.of());
            }
            case ERASE -> {
                for (int i = at; i < at + len; i++) {
                    if (after[i] != (byte) 0xFF) {
                        return String.format("erase-region succeeded, but 0x%x is not erased", i);
                    }
                }
                return outsideChanged(before, after, List.of(new long[] {at, at + len}));
            }
            default -> throw new IllegalStateException();
        }
    }

    /** A failed run: every range the report names is as it says; nothing outside the job changed. */
    static String checkFailure(Soak.Op op, Exception error, List<FlashFile> files, int at, int len, byte[] before,
            byte[] after) {
        switch (op) {
            case WRITE -> {
                FlashState state = error instanceof FlashException fe ? fe.state() : null;
                if (state == null) {
                    // no state: nothing was written (refused, or failed before the first byte)
                    String changed = outsideChanged(before, after, List.of());
                    return changed == null ? null : "the error names no flash state, yet " + changed;
                }
                List<long[]> allowed = sectorSpans(files);
                for (FlashState.Range r : state.ranges()) {
                    if (r.status() == FlashState.Status.MAYBE_ERASED) {
                        if (!r.file().isEmpty()) {
                            return "the report says a file's range may have been erased outside the files: " + r;
                        }
                        allowed.add(new long[] {r.start(), r.end()}); // anything may be there now
                        continue;
                    }
                    FlashFile f = files.stream().filter(x -> x.name().equals(r.file())).findFirst().orElse(null);
                    if (f == null) {
                        return "the report names an unknown file: " + r;
                    }
                    int s = (int) r.start();
                    int e = (int) Math.min(r.end(), f.address() + f.data().length);
                    for (int i = s; i < e; i++) {
                        byte flash = after[i];
                        boolean ok = switch (r.status()) {
                            case VERIFIED -> flash == f.data()[i - f.address()];
                            case UNTOUCHED -> flash == before[i];
                            case ERASED -> flash == (byte) 0xFF;
                            case WRITTEN, UNDEFINED, MAYBE_ERASED -> true;
                        };
                        if (!ok) {
                            return String.format("the report says %s, but flash at 0x%x is 0x%02x", r, i,
                                    flash & 0xFF);
                        }
                    }
                }
                return outsideChanged(before, after, allowed);
            }
            case ERASE -> {
                return outsideChanged(before, after, List.of(new long[] {at, at + len}));
            }
            default -> {
                return outsideChanged(before, after, List.of());
            }
        }
    }

    /** Each file's span rounded out to 4 KiB sectors (a write erases whole sectors). */
    private static List<long[]> sectorSpans(List<FlashFile> files) {
        List<long[]> spans = new ArrayList<>();
        for (FlashFile f : files) {
            long s = f.address() & ~0xFFFL;
            long e = (f.address() + f.data().length + 0xFFF) & ~0xFFFL;
            spans.add(new long[] {s, e});
        }
        return spans;
    }

    /** Where flash changed outside {@code allowed}, or null. */
    private static String outsideChanged(byte[] before, byte[] after, List<long[]> allowed) {
        int first = -1;
        int last = -1;
        int changed = 0;
        for (int i = 0; i < before.length; i++) {
            if (before[i] != after[i]) {
                final int a = i;
                if (allowed.stream().noneMatch(s -> a >= s[0] && a < s[1])) {
                    first = first < 0 ? i : first;
                    last = i;
                    changed++;
                }
            }
        }
        return first < 0 ? null : String.format("flash changed at 0x%x, outside what the job may touch (%d bytes "
                + "between 0x%x and 0x%x)", first, changed, first, last);
    }
}
