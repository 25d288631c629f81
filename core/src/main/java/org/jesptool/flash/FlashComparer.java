package org.jesptool.flash;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.jesptool.command.LoaderException;
import org.jesptool.flash.FlashState.Status;
import org.jesptool.flash.WritePlanner.PlannedFile;

/**
 * What flash holds compared with a file, by SPI_FLASH_MD5, unit by unit where needed: the ground of
 * {@code --skip-flashed}, {@code --diff-with} and of locating what to rewrite after a failed verification.
 * Records what it learns in the file's unit states.
 */
final class FlashComparer {

    /** A comparison that asks the chip. */
    interface Comparison {
        List<Integer> run() throws IOException;
    }

    private final LoaderSession session;
    private final WriteOptions options;
    private final ProgressListener listener;

    FlashComparer(LoaderSession session, WriteOptions options, ProgressListener listener) {
        this.session = session;
        this.options = options;
        this.listener = listener;
    }

    /** SPI_FLASH_MD5 of a region, reconnecting once when the link is lost. */
    byte[] md5Of(int address, int length) throws IOException {
        try {
            return session.loader.flashMd5(address, length);
        } catch (LoaderException e) {
            throw e;
        } catch (IOException e) {
            if (session.recover(listener, e)) {
                return session.loader.flashMd5(address, length);
            }
            throw e;
        }
    }

    /**
     * Units that differ from what flash is believed to hold ({@code previous}); all of them when flash holds
     * something else.
     */
    List<Integer> changedSinceKnown(FileState fs, byte[] previous, Supplier<byte[]> fileMd5, boolean canVerify)
            throws IOException {
        PlannedFile pf = fs.file;
        byte[] old = WritePlanner.pad(previous, 4);
        List<Integer> todo = new ArrayList<>();
        if (pf.address() != pf.source().address()) {
            for (int i = 0; i < fs.bounds.size(); i++) {
                todo.add(i);
            }
            return todo;
        }
        if (!options.trustFlashContent() && canVerify
                && !Arrays.equals(md5Of(pf.address(), old.length), Md5.of(old))) {
            listener.message("Flash does not hold the --diff-with file at 0x" + Integer.toHexString(pf.address())
                    + ": comparing segment by segment instead.");
            return alreadyFlashed(fs, fileMd5);
        }
        long base = pf.address() & 0xFFFFFFFFL;
        for (int i = 0; i < fs.bounds.size(); i++) {
            Span b = fs.bounds.get(i);
            int from = (int) (b.start() - base);
            int to = (int) (b.end() - base);
            if (to <= old.length && Arrays.equals(pf.data().slice(from, to), 0, to - from, old, from, to)) {
                fs.status[i] = canVerify && !options.trustFlashContent() ? Status.VERIFIED : Status.WRITTEN;
            } else {
                todo.add(i);
            }
        }
        return todo;
    }

    /** The units whose flash contents differ from the file (all of them when unsure). */
    List<Integer> alreadyFlashed(FileState fs, Supplier<byte[]> fileMd5) throws IOException {
        PlannedFile pf = fs.file;
        listener.started(new Progress("Checking", pf.source().name(), pf.address(), pf.length(), 0, 0, 0));
        List<Integer> todo = new ArrayList<>();
        if (Arrays.equals(md5Of(pf.address(), pf.length()), fileMd5.get())) {
            fs.setAll(Status.VERIFIED);
            return todo;
        }
        long base = pf.address() & 0xFFFFFFFFL;
        for (int i = 0; i < fs.bounds.size(); i++) {
            Span b = fs.bounds.get(i);
            byte[] want = pf.data().md5((int) (b.start() - base), b.length());
            if (fs.bounds.size() > 1 && Arrays.equals(md5Of((int) b.start(), b.length()), want)) {
                fs.status[i] = Status.VERIFIED;
            } else {
                todo.add(i);
            }
        }
        return todo;
    }

    /** After a failed verification: the units that do not hold the file's bytes (the others are verified). */
    List<Integer> locateBadSegments(FileState fs) throws IOException {
        PlannedFile pf = fs.file;
        long base = pf.address() & 0xFFFFFFFFL;
        List<Integer> bad = new ArrayList<>();
        for (int i = 0; i < fs.bounds.size(); i++) {
            Span b = fs.bounds.get(i);
            int len = b.length();
            if (Arrays.equals(md5Of((int) b.start(), len), pf.data().md5((int) (b.start() - base), len))) {
                fs.status[i] = Status.VERIFIED;
            } else {
                fs.status[i] = Status.UNDEFINED;
                bad.add(i);
            }
        }
        return bad;
    }
}
