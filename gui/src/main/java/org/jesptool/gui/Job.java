package org.jesptool.gui;

import java.util.HashMap;
import java.util.Map;
import javax.swing.SwingUtilities;
import org.jesptool.flash.FileResult;
import org.jesptool.flash.Progress;
import org.jesptool.flash.ProgressListener;

/**
 * One long operation running off the event thread: receives the core's progress and messages and hands them
 * to the window on the event thread (progress at most every 40 ms). Stop is checked at every progress step.
 */
final class Job implements ProgressListener {
    /** Thrown from a progress callback after Stop was pressed; ends the operation where it is. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped by the user", null, false, false);
        }
    }

    /** What the window shows while a job runs (all called on the event thread). */
    interface View {
        void log(String line);

        /** {@code row} is the file row the progress belongs to, or -1. */
        void progress(int row, Progress p, int overallPercent, String overallText);

        void fileDone(int row, FileResult r);
    }

    private final View view;
    private volatile boolean stopRequested;
    /** Set by a job that finished but with something the user must know (e.g. written but not verified). */
    volatile boolean warning;
    private final Map<Long, Integer> rowByAddress = new HashMap<>();
    private long total;
    private long finishedBytes;
    private long startNanos;
    private long lastUpdate;

    Job(View view) {
        this.view = view;
    }

    void requestStop() {
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** The bytes the whole operation will handle (for the overall bar), and which row each address belongs to. */
    void plan(long totalBytes, Map<Long, Integer> rows) {
        total = totalBytes;
        rowByAddress.clear();
        rowByAddress.putAll(rows);
        finishedBytes = 0;
        startNanos = 0;
    }

    void log(String line) {
        SwingUtilities.invokeLater(() -> view.log(line));
    }

    void checkStop() {
        if (stopRequested) {
            throw new Stopped();
        }
    }

    @Override
    public void started(Progress p) {
        checkStop();
        if (startNanos == 0) {
            startNanos = System.nanoTime();
        }
        show(p, true);
    }

    @Override
    public void progressed(Progress p) {
        checkStop();
        show(p, false);
    }

    private void show(Progress p, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastUpdate < 40_000_000L && p.done() < p.total()) {
            return;
        }
        lastUpdate = now;
        boolean counted = counts(p.operation());
        long done = finishedBytes + (counted ? p.done() : 0);
        int overall = total <= 0 ? p.percent() : (int) Math.min(100, done * 100 / total);
        String text = rateAndEta(done, now);
        Integer row = rowByAddress.get(p.address());
        SwingUtilities.invokeLater(() -> view.progress(row == null ? -1 : row, p, overall, text));
    }

    /** Writing, reading and erasing move the overall bar; checking and verifying are quick extras. */
    private static boolean counts(String operation) {
        return operation.equals("Writing") || operation.equals("Reading") || operation.equals("Erasing");
    }

    private String rateAndEta(long done, long now) {
        double seconds = (now - startNanos) / 1e9;
        if (startNanos == 0 || seconds < 0.2 || done == 0) {
            return "";
        }
        double rate = done / seconds;
        String s = Numbers.bytes((long) rate) + "/s";
        if (total > done) {
            long eta = Math.round((total - done) / rate);
            s += ", about " + (eta >= 60 ? eta / 60 + " min " + eta % 60 + " s" : eta + " s") + " left";
        }
        return s;
    }

    @Override
    public void finished(FileResult r) {
        if (counts(r.operation().equals("Wrote") ? "Writing" : r.operation().equals("Read") ? "Reading"
                : r.operation().equals("Erased") ? "Erasing" : "")) {
            finishedBytes += r.size();
        }
        log(r.summary());
        Integer row = rowByAddress.get(r.address());
        SwingUtilities.invokeLater(() -> view.fileDone(row == null ? -1 : row, r));
    }

    @Override
    public void message(String text) {
        log(text);
    }
}
