package org.jesptool.flash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jesptool.command.LoaderException;
import org.jesptool.flash.FlashState.Status;
import org.jesptool.flash.WritePlanner.PlannedFile;
import org.jesptool.loader.Loader;
import org.jesptool.protocol.Opcode;

/**
 * Runs a write: segments, blocks with retries, one reconnect-and-resume on a lost link, MD5 verification with
 * one rewrite of mismatching segments, and a precise account of the flash state when it gives up.
 */
final class FlashWriter {
    static final int SEGMENT_ATTEMPTS = 3;

    private final LoaderSession session;
    private final ChipFacts chip;
    private final WriteOptions options;
    private final ProgressListener listener;
    private final List<FileState> states = new ArrayList<>();
    private final FlashComparer comparer;
    /** Whether the file being written goes encrypted (the "encrypted" word of FLASH_BEGIN/FLASH_DEFL_BEGIN). */
    private boolean encrypting;

    FlashWriter(LoaderSession session, ChipFacts chip, WriteOptions options, ProgressListener listener) {
        this.session = session;
        this.chip = chip;
        this.options = options;
        this.listener = listener;
        this.comparer = new FlashComparer(session, options, listener);
    }

    List<FileResult> write(List<PlannedFile> plan, SegmentEncoder.Compression compression, boolean canVerify)
            throws FlashException {
        for (PlannedFile f : plan) {
            states.add(new FileState(f));
        }
        List<FileResult> results = new ArrayList<>();
        try (SegmentEncoder encoder = new SegmentEncoder(compression)) {
            if (options.eraseAll()) {
                eraseAll();
                states.forEach(fs -> fs.setAll(Status.ERASED));
            }
            for (FileState fs : states) {
                try {
                    results.add(writeFile(fs, encoder, canVerify));
                } catch (UncheckedIOException e) { // reading the file failed (it changed or went away)
                    throw failure("Writing " + fs.file.source().name() + " failed", e.getCause());
                }
            }
        }
        return results;
    }

    private void eraseAll() throws FlashException {
        if (!session.loader.isStub()) {
            throw new FlashException("--erase-all needs the flasher stub: the ROM loader cannot erase the whole "
                    + "flash while writing. Run erase-flash first (with the ROM loader it erases the detected flash "
                    + "region by region). Nothing was written. " + session.loader.romModeHint());
        }
        listener.message("Erasing flash (this may take a while)...");
        long t0 = System.nanoTime();
        try {
            session.loader.eraseFlash();
        } catch (IOException e) {
            throw new FlashException("Erasing the flash failed: " + e.getMessage() + ". Flash contents are "
                    + "undefined; nothing was written. Run erase-flash, then write again.", e);
        }
        listener.message(String.format("Chip erase completed successfully in %.1f s.",
                (System.nanoTime() - t0) / 1e9));
    }

    private FileResult writeFile(FileState fs, SegmentEncoder encoder, boolean canVerify) throws FlashException {
        PlannedFile pf = fs.file;
        long t0 = System.nanoTime();
        CompletableFuture<byte[]> md5 = CompletableFuture.supplyAsync(() -> pf.data().md5());
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < fs.bounds.size(); i++) {
            todo.add(i);
        }
        encrypting = pf.encrypted();
        // flash holds ciphertext after an encrypted write: nothing to compare an MD5 with (facts 2.5)
        boolean verify = canVerify && options.verify() && !encrypting;
        byte[] previous = encrypting ? null : options.previous().get(pf.source().address());
        if (previous != null) {
            todo = compare(() -> comparer.changedSinceKnown(fs, previous, () -> join(md5), canVerify),
                    "Comparing flash contents failed");
        } else if (options.skipFlashed() && canVerify && !encrypting) {
            todo = compare(() -> comparer.alreadyFlashed(fs, () -> join(md5)), "Comparing flash contents failed");
        }
        if (todo.isEmpty()) {
            FileResult r = new FileResult("Skipped", pf.source().name(), pf.address(), pf.length(), 0,
                    System.nanoTime() - t0, fs.allVerified());
            listener.finished(r);
            return r;
        }
        long sent = 0;
        for (int i : todo) {
            sent += fs.bounds.get(i).length();
        }
        if (todo.size() < fs.bounds.size()) {
            listener.message(String.format("%s: %d of %d segments (64 KiB) differ from flash; writing only those "
                    + "(%d of %d bytes).", pf.source().name(), todo.size(), fs.bounds.size(), sent,
                    pf.length()));
        }
        long wire;
        try {
            wire = sendSegments(fs, todo, encoder, t0);
        } catch (StubWithoutEncryptedWord e) {
            session.stubWithoutEncryptedWord = true;
            listener.message("The flasher stub takes no \"encrypted\" word (esptool 4.x's stub): writing "
                    + pf.source().name() + " with FLASH_ENCRYPT_DATA instead, uncompressed.");
            wire = sendSegments(fs, todo, encoder, t0);
        }
        if (verify) {
            wire += verifyFile(fs, md5, encoder, t0);
        } else {
            for (int i : todo) {
                fs.status[i] = Status.WRITTEN;
            }
        }
        FileResult r = new FileResult("Wrote", pf.source().name(), pf.address(), sent, wire,
                System.nanoTime() - t0, verify);
        listener.finished(r);
        if (encrypting) {
            listener.message("Cannot verify written data if encrypted: flash holds the ciphertext of "
                    + pf.source().name() + ".");
        }
        return r;
    }

    /** Most consecutive plain 64 KiB units merged into one FLASH_BEGIN stream: 1 MiB. */
    static final int MAX_PLAIN_UNITS = 16;

    /** Most consecutive 64 KiB units in one compressed stream to the stub: 4 MiB. */
    static final int MAX_STREAM_UNITS = 64;

    /**
     * Runs of consecutive units of the same kind ({@code kind[unit]}) and at most {@code max} units each, as
     * {first, end} pairs.
     */
    static List<int[]> runs(List<Integer> todo, boolean[] kind, int max) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < todo.size()) {
            int first = todo.get(i);
            int end = first + 1;
            i++;
            while (i < todo.size() && todo.get(i) == end && kind[end] == kind[first] && end - first < max) {
                end++;
                i++;
            }
            out.add(new int[] {first, end});
        }
        return out;
    }

    /**
     * Sends the given units. To the stub, each run of consecutive units that compresses goes as one stream
     * ({@link StubStream}): every stream end costs the stub's last programming with the line idle, and the
     * block planner keeps the stub's erase-ahead from stalling the line (see bench/RESULTS.md). To the ROM,
     * which erases before it answers BEGIN, each compressed unit is its own stream. Plain units are merged
     * up to 1 MiB.
     */
    private long sendSegments(FileState fs, List<Integer> todo, SegmentEncoder encoder, long t0)
            throws FlashException {
        PlannedFile pf = fs.file;
        long total = 0;
        for (int i : todo) {
            total += fs.bounds.get(i).length();
        }
        WriteCounter counter = new WriteCounter(pf.source().name(), pf.address(), total, t0);
        listener.started(counter.progress());
        boolean stub = session.loader.isStub();
        boolean lastCompressed = false;
        if (stub && encoder.compresses() && !stubEncryptData()) {
            long base = pf.address() & 0xFFFFFFFFL;
            boolean[] compress = new boolean[fs.bounds.size()];
            for (int i : todo) {
                // where the ROM would misread a plain BEGIN, every unit goes compressed: that ROM refuses
                // FLASH_DEFL_BEGIN, so a chip reset mid-write is noticed before the ROM erases anything
                compress[i] = beginNeedsStub() || encoder.worthCompressing(pf.data(),
                        (int) (fs.bounds.get(i).start() - base), (int) (fs.bounds.get(i).end() - base));
            }
            for (int[] run : runs(todo, compress, MAX_STREAM_UNITS)) {
                if (compress[run[0]]) {
                    sendRun(fs, run[0], run[1], encoder, counter);
                    lastCompressed = true;
                } else {
                    List<Integer> units = new ArrayList<>();
                    for (int u = run[0]; u < run[1]; u++) {
                        units.add(u);
                    }
                    lastCompressed = sendUnits(fs, units, encoder, counter);
                }
            }
        } else {
            lastCompressed = sendUnits(fs, todo, encoder, counter);
        }
        if (stub) {
            finishStubWrite(fs, lastCompressed);
        }
        return counter.wire;
    }

    /** Sends units one segment each, merging consecutive plain ones; returns whether the last was compressed. */
    private boolean sendUnits(FileState fs, List<Integer> todo, SegmentEncoder encoder, WriteCounter counter)
            throws FlashException {
        PlannedFile pf = fs.file;
        List<Span> selected = new ArrayList<>();
        for (int i : todo) {
            selected.add(fs.bounds.get(i));
        }
        // FLASH_ENCRYPT_DATA carries plain blocks only
        List<CompletableFuture<Segment>> segments = stubEncryptData()
                ? encoder.plain(pf.address(), pf.data(), selected)
                : encoder.encode(pf.address(), pf.data(), selected);
        boolean lastCompressed = false;
        int k = 0;
        while (k < todo.size()) {
            Outgoing seg = join(segments.get(k));
            int first = todo.get(k);
            int end = first + 1;
            k++;
            if (!seg.compressed()) {
                // consecutive plain units go as one, read from the file block by block as they go out
                while (k < todo.size() && todo.get(k) == end && end - first < MAX_PLAIN_UNITS
                        && !join(segments.get(k)).compressed()) {
                    end++;
                    k++;
                }
                long start = fs.bounds.get(first).start();
                seg = new Outgoing.Plain((int) start, pf.data(), (int) (start - (pf.address() & 0xFFFFFFFFL)),
                        (int) (fs.bounds.get(end - 1).end() - start));
            }
            int[] units = {first, end};
            sendSegment(fs, units, seg, counter);
            Arrays.fill(fs.status, units[0], units[1], Status.WRITTEN);
            lastCompressed = seg.compressed();
        }
        return lastCompressed;
    }

    /**
     * Sends units {@code [first, end)} as one compressed stream to the stub. When the stream breaks off, it
     * goes on from the first unit that may not be in flash, in a new stream (after a reconnect when the link
     * was lost), up to {@link #SEGMENT_ATTEMPTS} times without progress.
     */
    private void sendRun(FileState fs, int first, int end, SegmentEncoder encoder, WriteCounter counter)
            throws FlashException {
        long base = fs.bounds.get(first).start();
        int from = first;
        int attempt = 1;
        boolean flush = false;
        while (true) {
            long doneBefore = counter.doneBase + fs.bounds.get(from).start() - base;
            counter.done = doneBefore;
            Arrays.fill(fs.status, from, end, Status.UNDEFINED);
            try {
                StubStream.send(session.loader, fs, from, end, encoder, counter, doneBefore, flush, listener);
                Arrays.fill(fs.status, from, end, Status.WRITTEN);
                counter.doneBase += fs.bounds.get(end - 1).end() - base;
                counter.done = counter.doneBase;
                return;
            } catch (UncheckedIOException e) { // the file could not be read (it changed or went away)
                throw writeFailed(fs, fs.bounds.get(from).start(), e.getCause());
            } catch (RuntimeException e) { // compressing or planning failed on its worker: a defect, not the line
                throw writeFailed(fs, fs.bounds.get(from).start(), new IOException("internal error: " + e, e));
            } catch (StubStream.Broken broken) {
                IOException last = broken.cause();
                checkEncryptedWordTaken(last);
                Arrays.fill(fs.status, from, broken.resumeUnit, Status.WRITTEN);
                attempt = broken.resumeUnit > from ? 2 : attempt + 1;
                from = broken.resumeUnit;
                Loader before = session.loader;
                if (!tryAgain(last, attempt)) {
                    throw writeFailed(fs, fs.bounds.get(from).start(), last);
                }
                // still the same stub (no reset): what it had inflated of the broken stream is in its buffer
                flush = session.loader == before;
                listener.message(String.format("Retrying 0x%08x-0x%08x of %s (%s).", fs.bounds.get(from).start(),
                        fs.bounds.get(end - 1).end() - 1, fs.file.source().name(), last.getMessage()));
            }
        }
    }

    /** The stub acknowledges blocks before writing them: END reports how the last one went. */
    private void finishStubWrite(FileState fs, boolean compressed) throws FlashException {
        try {
            if (compressed) {
                session.loader.flashDeflEnd(false);
            } else {
                session.loader.flashEnd(false);
            }
        } catch (IOException e) {
            // The MD5 check decides; a lost link is recovered there.
            listener.message("Finishing the write reported: " + e.getMessage() + "; checking the flash contents.");
        }
    }

    private void sendSegment(FileState fs, int[] units, Outgoing seg, WriteCounter counter) throws FlashException {
        IOException last = null;
        long doneBefore = counter.done;
        long wireBefore = counter.wire;
        for (int attempt = 1; attempt <= SEGMENT_ATTEMPTS; attempt++) {
            if (last != null) {
                if (!tryAgain(last, attempt)) {
                    break;
                }
                listener.message(String.format("Retrying 0x%08x-0x%08x of %s (%s).", seg.address(),
                        seg.end() - 1, fs.file.source().name(), last.getMessage()));
                counter.done = doneBefore;
                counter.wire = wireBefore;
            }
            try {
                Arrays.fill(fs.status, units[0], units[1], Status.UNDEFINED);
                sendBlocks(seg, counter);
                return;
            } catch (StubOnlyBegin.MayHaveErased e) {
                // no reconnect can bring that flash back: stop, and say what it may have cost
                throw WriteFailure.of(String.format("Writing %s at 0x%08x stopped", fs.file.source().name(),
                        seg.address() & 0xFFFFFFFFL), e, states, e.start, e.end, session.recoveryFailure);
            } catch (IOException e) {
                checkEncryptedWordTaken(e);
                last = e;
            }
        }
        throw writeFailed(fs, seg.address() & 0xFFFFFFFFL, last);
    }

    /**
     * After a failed attempt (the {@code attempt}-th try comes next): whether to try again. A lost link or a chip
     * that was reset (the ROM answers instead of the stub) is reconnected at once, once per session; when the
     * reconnect fails, trying again is pointless. Other failures are tried again, the last time after a
     * reconnect. Encrypted data is never resumed after a reconnect (the reference refuses that too).
     */
    private boolean tryAgain(IOException last, int attempt) {
        if (attempt > SEGMENT_ATTEMPTS) {
            return false;
        }
        if (linkLost(last) || attempt == SEGMENT_ATTEMPTS) {
            if (encrypting) {
                return false;
            }
            if (session.recover(listener, last)) {
                return true;
            }
            // no reconnect to be had (none configured, or used up): a noisy line may still carry a retry
            return session.recoveryFailure == null && attempt < SEGMENT_ATTEMPTS;
        }
        return true;
    }

    /**
     * Whether a plain FLASH_BEGIN meant for the stub would erase more than asked if the chip had been reset
     * and its ROM answered instead (ESP8266), and that ROM takes no compressed stream.
     */
    private boolean beginNeedsStub() {
        return chip.romOvererases() && !chip.romDeflate() && session.loader.isStub();
    }

    /** Encrypted data to a stub that takes no "encrypted" word: FLASH_ENCRYPT_DATA blocks. */
    private boolean stubEncryptData() {
        return encrypting && session.loader.isStub() && session.stubWithoutEncryptedWord;
    }

    /**
     * An encrypted write whose five-word BEGIN the stub refused (esptool 4.x's stub checks for four words and
     * chains the check: status 1, error 0; other stubs may say "bad data length"): write it the way esptool
     * 4.x did.
     */
    private void checkEncryptedWordTaken(IOException e) {
        if (encrypting && session.loader.isStub() && !session.stubWithoutEncryptedWord
                && e instanceof LoaderException le
                && (le.opcode() == Opcode.FLASH_BEGIN || le.opcode() == Opcode.FLASH_DEFL_BEGIN)
                // status 1 (read as a ROM-style "undefined error") or the stub's "bad data length"
                && (le.fromStub() ? le.code() == 0xC0 : le.code() == 0)) {
            throw new StubWithoutEncryptedWord();
        }
    }

    /** Signal: start the file again with FLASH_ENCRYPT_DATA. */
    private static final class StubWithoutEncryptedWord extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StubWithoutEncryptedWord() {
            super(null, null, false, false);
        }
    }

    /** Whether the failure means the link (or the loader on the other end) is gone rather than one bad frame. */
    private boolean linkLost(IOException e) {
        if (e instanceof LoaderException le) {
            return le.fromStub() != session.loader.isStub();
        }
        return true;
    }

    private void sendBlocks(Outgoing seg, WriteCounter counter) throws IOException {
        Loader loader = session.loader;
        boolean rom = !loader.isStub();
        int blockSize = loader.flashWriteSize();
        int blocks = seg.blockCount(blockSize);
        int rawLength = seg.rawLength();
        if (seg.compressed()) {
            int size = rom ? (int) WritePlanner.roundUp(rawLength, blockSize) : rawLength;
            loader.flashDeflBegin(size, blocks, blockSize, seg.address(), encrypting);
        } else {
            int erase = rom ? chip.romEraseSize().applyAsInt(seg.address(), rawLength) : rawLength;
            StubOnlyBegin.Begin begin = () -> loader.flashBegin(erase, blocks, blockSize, seg.address(),
                    encrypting && !stubEncryptData());
            if (!rom && beginNeedsStub()) {
                StubOnlyBegin.run(loader, seg.address() & 0xFFFFFFFFL,
                        chip.romEraseExtent().applyAsInt(seg.address(), rawLength), begin);
            } else {
                begin.run();
            }
        }
        BlockSender.Kind kind = seg.compressed() ? BlockSender.Kind.DEFLATED
                : stubEncryptData() ? BlockSender.Kind.ENCRYPTED : BlockSender.Kind.PLAIN;
        Duration timeout = seg.compressed() ? BlockSender.compressedTimeout(rawLength / (double) blocks)
                : BlockSender.PLAIN_BLOCK_TIMEOUT;
        for (int i = 0; i < blocks; i++) {
            byte[] block = seg.block(i, blockSize);
            BlockSender.send(loader, kind, block, i, timeout);
            counter.wire += Math.min(block.length, seg.payloadLength() - i * blockSize);
            counter.done = Math.min(counter.done + (long) Math.ceil(rawLength / (double) blocks), counter.doneBase
                    + rawLength);
            listener.progressed(counter.progress());
        }
        counter.doneBase += rawLength;
        counter.done = counter.doneBase;
    }

    /** Compares MD5s; rewrites mismatching segments once. Returns the wire bytes of any rewrite. */
    private long verifyFile(FileState fs, CompletableFuture<byte[]> md5, SegmentEncoder encoder, long t0)
            throws FlashException {
        PlannedFile pf = fs.file;
        byte[] want = join(md5);
        long wire = 0;
        boolean emptyAfterWrite = false;
        for (int round = 0; round < 2; round++) {
            byte[] got;
            try {
                got = comparer.md5Of(pf.address(), pf.length());
            } catch (IOException e) {
                throw failure("Verifying " + pf.source().name() + " failed", e);
            }
            if (Arrays.equals(got, want)) {
                fs.setAll(Status.VERIFIED);
                return wire;
            }
            emptyAfterWrite = Arrays.equals(got, Md5.ofFill((byte) 0xFF, pf.length()));
            if (emptyAfterWrite) {
                listener.message(String.format("Write failed: the written flash region 0x%08x-0x%08x of %s is "
                        + "empty (reads back as 0xFF).", pf.address(), pf.end() - 1, pf.source().name()));
            } else {
                listener.message(String.format("Verification of %s failed: flash MD5 %s, expected %s.",
                        pf.source().name(), Md5.hex(got), Md5.hex(want)));
            }
            List<Integer> bad = compare(() -> comparer.locateBadSegments(fs), "Checking " + pf.source().name()
                    + " failed");
            if (round == 1 || bad.isEmpty()) {
                break;
            }
            wire += sendSegments(fs, bad, encoder, System.nanoTime());
        }
        if (emptyAfterWrite) {
            throw failure(String.format("Write failed: the flash region 0x%08x-0x%08x of %s reads back empty (all "
                    + "0xFF) after writing, twice. The flash may be write-protected or not connected",
                    pf.address(), pf.end() - 1, pf.source().name()), null);
        }
        throw failure("Verification of " + pf.source().name() + " failed: flash holds other bytes than were "
                + "sent", null);
    }

    /** A comparison of flash with the file, or the final error when the chip cannot be asked. */
    private List<Integer> compare(FlashComparer.Comparison c, String what) throws FlashException {
        try {
            return c.run();
        } catch (IOException e) {
            throw failure(what, e);
        }
    }

    private FlashException writeFailed(FileState fs, long address, IOException cause) {
        return failure(String.format("Writing %s at 0x%08x failed", fs.file.source().name(), address), cause);
    }

    /** The final error: what failed, the state of every range, and how to finish. */
    private FlashException failure(String what, IOException cause) {
        return WriteFailure.of(what, cause, states, session.recoveryFailure);
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
