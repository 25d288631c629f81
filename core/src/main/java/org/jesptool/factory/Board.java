package org.jesptool.factory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jesptool.flash.FileResult;
import org.jesptool.flash.Progress;
import org.jesptool.flash.ProgressListener;
import org.jesptool.loader.Device;

/**
 * One board of a {@link FactoryRun}, as its {@link BoardJob} sees it: the port, and the calls through which
 * the job reports what it does (phase, chip and MAC, files, progress, the command that redoes it).
 */
public final class Board {
    private static final ThreadLocal<Board> CURRENT = new ThreadLocal<>();
    private static final long PROGRESS_NANOS = 100_000_000L;

    private final int index;
    private final String port;
    private final BoardListener listener;
    private final FactoryRun run;
    private volatile Phase phase = Phase.WAITING;
    private volatile String chip;
    private volatile String mac;
    private volatile String redoCommand;
    private final List<FlashedFile> files = new ArrayList<>();
    private final List<FileResult> fileResults = new ArrayList<>();
    private long expected;
    private long finishedBytes;
    private long lastEvent;

    Board(int index, String port, BoardListener listener, FactoryRun run) {
        this.index = index;
        this.port = port;
        this.listener = listener;
        this.run = run;
    }

    /**
     * The board whose job the calling thread runs, if any: lets code deep in a tool (a CLI command run for one
     * board) report its chip and progress without the job passing the board down.
     */
    public static Optional<Board> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static void setCurrent(Board b) {
        if (b == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(b);
        }
    }

    /** Position in the port list, from 0. */
    public int index() {
        return index;
    }

    /** The port name as given. */
    public String port() {
        return port;
    }

    public Phase phase() {
        return phase;
    }

    /** Whether the run was cancelled: a job checks this between steps and stops. */
    public boolean cancelled() {
        return run.cancelled();
    }

    /** Enters a new phase (reported at once). */
    public void phase(Phase p) {
        if (p != phase) {
            phase = p;
            emit(0, 0, 0, p.name().toLowerCase(java.util.Locale.ROOT), true);
        }
    }

    /** Records the connected chip's name and MAC. */
    public void connected(Device d) throws IOException {
        chip = d.chip().displayName();
        if (!d.secureDownloadMode()) {
            mac = Device.formatMac(d.mac());
        }
        message("Connected to " + chip + (mac == null ? "" : ", MAC " + mac));
    }

    /** Records the chip (display name). */
    public void chip(String displayName) {
        chip = displayName;
    }

    /** Records the MAC. */
    public void mac(String mac) {
        this.mac = mac;
    }

    public String chip() {
        return chip;
    }

    public String mac() {
        return mac;
    }

    /** The bytes the job will move in all (the sum of the file sizes), for an overall percentage. */
    public synchronized void expectBytes(long total) {
        expected = total;
    }

    /** Records a file the board received. */
    public synchronized void file(FlashedFile f) {
        files.add(f);
    }

    synchronized List<FlashedFile> files() {
        return List.copyOf(files);
    }

    /** What the flash operations reported through {@link #progressListener()} so far, in order. */
    public synchronized List<FileResult> fileResults() {
        return List.copyOf(fileResults);
    }

    /** The command line that redoes this board if it fails (a later call replaces an earlier one). */
    public void redoCommand(String command) {
        redoCommand = command;
    }

    String redoCommand() {
        return redoCommand;
    }

    /** A line for the user of this board. */
    public void message(String text) {
        listener.message(index, port, text);
    }

    /**
     * A listener for {@link org.jesptool.flash.Flasher} that turns its events into this board's phases and
     * progress; messages go to {@link #message(String)}.
     */
    public ProgressListener progressListener() {
        return progressListener(ProgressListener.NONE);
    }

    /** {@link #progressListener()} that also passes every event on to {@code also} (a tool's own display). */
    public ProgressListener progressListener(ProgressListener also) {
        return new ProgressListener() {
            @Override
            public void started(Progress p) {
                also.started(p);
                phase = Phase.ofOperation(p.operation());
                region(p, true);
            }

            @Override
            public void progressed(Progress p) {
                also.progressed(p);
                region(p, p.done() >= p.total());
            }

            @Override
            public void finished(FileResult r) {
                also.finished(r);
                long done;
                synchronized (Board.this) {
                    fileResults.add(r);
                    if (r.operation().equals("Wrote") || r.operation().equals("Skipped")) {
                        finishedBytes += r.size();
                    }
                    done = finishedBytes;
                }
                emit(done, expected(), 0, r.name(), true);
            }

            @Override
            public void message(String text) {
                also.message(text);
                Board.this.message(text);
            }
        };
    }

    /** While writing with a known total: bytes of all files so far; otherwise the running region's own. */
    private void region(Progress p, boolean force) {
        Phase ph = Phase.ofOperation(p.operation());
        long total = expected();
        if (ph == Phase.WRITING && total > 0) {
            long base;
            synchronized (this) {
                base = finishedBytes;
            }
            emit(base + p.done(), total, p.bytesPerSecond(), p.name(), force);
        } else {
            emit(p.done(), p.total(), p.bytesPerSecond(), p.name(), force);
        }
    }

    private synchronized long expected() {
        return expected;
    }

    private void emit(long done, long total, double rate, String detail, boolean force) {
        long now = System.nanoTime();
        synchronized (this) {
            if (!force && now - lastEvent < PROGRESS_NANOS) {
                return;
            }
            lastEvent = now;
        }
        listener.progress(new BoardProgress(index, port, phase, total > 0 ? Math.min(done, total) : done,
                Math.max(0, total), rate, detail == null ? "" : detail));
    }
}
