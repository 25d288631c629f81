package org.jesptool.flash;

import java.util.ArrayList;
import java.util.List;

/**
 * What a write left in flash, range by range, and which files still have to be written to finish the job.
 *
 * @param ranges every range the write touched or meant to touch, in address order
 * @param unfinished the files whose flash contents are not verified, in the order given
 * @param encrypted those of them that are written encrypted (never verified: flash holds ciphertext)
 */
public record FlashState(List<Range> ranges, List<FlashFile> unfinished, List<FlashFile> encrypted) {

    /** The state of one flash range. */
    public enum Status {
        VERIFIED("written and verified"),
        WRITTEN("written, not verified"),
        UNDEFINED("partly written or erased: contents undefined"),
        UNTOUCHED("not written: previous contents kept"),
        ERASED("erased (--erase-all), not written"),
        /** Flash outside the files that the chip's ROM may have erased (see {@link Range#file()}). */
        MAYBE_ERASED("may have been erased by the chip's ROM after a reset: its previous contents may be lost");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** {@code [start, end)} of flash in one state, belonging to the named file, or to none when that is empty. */
    public record Range(long start, long end, Status status, String file) {
        @Override
        public String toString() {
            return String.format("0x%08x-0x%08x %s: %s", start, end - 1, file.isEmpty() ? "outside the files" : file,
                    status);
        }
    }

    public FlashState {
        ranges = List.copyOf(ranges);
        unfinished = List.copyOf(unfinished);
        encrypted = List.copyOf(encrypted);
    }

    /** A state without encrypted files. */
    public FlashState(List<Range> ranges, List<FlashFile> unfinished) {
        this(ranges, unfinished, List.of());
    }

    /**
     * The write-flash arguments that finish the job: {@code --skip-flashed} and every unfinished file, so parts
     * already in flash are not sent again. Empty when nothing is unfinished.
     */
    public String finishArguments() {
        if (unfinished.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("write-flash --skip-flashed");
        List<FlashFile> plain = unfinished.stream().filter(f -> !encrypted.contains(f)).toList();
        List<FlashFile> secret = unfinished.stream().filter(encrypted::contains).toList();
        if (plain.isEmpty()) {
            sb.append(" --encrypt"); // write-flash needs plain pairs: let --encrypt cover them all
        }
        appendPairs(sb, plain.isEmpty() ? secret : plain);
        if (!plain.isEmpty() && !secret.isEmpty()) {
            sb.append(" --encrypt-files");
            appendPairs(sb, secret);
        }
        return sb.toString();
    }

    private static void appendPairs(StringBuilder sb, List<FlashFile> files) {
        for (FlashFile f : files) {
            sb.append(String.format(" 0x%x ", f.address()));
            String name = f.name();
            sb.append(name.matches("[A-Za-z0-9_./:@%+=,-]+") ? name : "'" + name.replace("'", "'\\''") + "'");
        }
    }

    /** One line per range, adjacent ranges of the same file and status merged. */
    public List<String> describe() {
        List<Range> merged = new ArrayList<>();
        for (Range r : ranges) {
            Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.end == r.start && last.status == r.status && last.file.equals(r.file)) {
                merged.set(merged.size() - 1, new Range(last.start, r.end, r.status, r.file));
            } else {
                merged.add(r);
            }
        }
        List<String> lines = new ArrayList<>();
        for (Range r : merged) {
            lines.add(r.toString());
        }
        return lines;
    }
}
