package org.jesptool.gui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.swing.JFileChooser;
import javax.swing.SwingUtilities;
import org.jesptool.flash.FileResult;
import org.jesptool.flash.FlashException;
import org.jesptool.flash.FlashFile;
import org.jesptool.flash.Flasher;
import org.jesptool.flash.WriteOptions;

/**
 * The window's board actions: Detect, Flash, Backup, Restore and Erase. Each checks what it can on the event
 * thread, then runs on the worker thread through {@link BoardLink}; the outcome comes back in words.
 */
final class BoardJobs {
    /** A job's work on the worker thread; returns the success text. */
    @FunctionalInterface
    interface Body {
        String run(Job job) throws Exception;
    }

    /** How a job ended, in words for the banner. */
    record Outcome(boolean ok, String text, boolean warning) {
        Outcome(boolean ok, String text) {
            this(ok, text, false);
        }

    }

    /** A refusal or failure already put in words (no further wrapping). */
    static final class Refusal extends Exception {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    private final FlasherWindow w;

    BoardJobs(FlasherWindow w) {
        this.w = w;
    }

    /** Runs {@code body} and turns any failure into words; never lets an exception reach the user as a trace. */
    Outcome run(Job job, Body body) {
        try {
            String text = body.run(job);
            return new Outcome(true, text, job.warning);
        } catch (Job.Stopped e) {
            return new Outcome(false, stopped());
        } catch (Refusal e) {
            return new Outcome(false, e.getMessage());
        } catch (Exception | LinkageError e) {
            if (job.stopRequested()) {
                return new Outcome(false, stopped());
            }
            return new Outcome(false, Problems.words(e));
        }
    }

    private static String stopped() {
        return "Stopped. What was being written is only partly in flash, so the board may not start: flash again"
                + " before using it.";
    }

    /** Connects on the worker thread and shows the board; connection failures become the advice in words. */
    private BoardLink connect(Job job, String port, int baud) throws Refusal, IOException {
        BoardLink link;
        try {
            link = BoardLink.connect(port, baud, job::log);
        } catch (IOException e) {
            SwingUtilities.invokeLater(w::connectFailed);
            throw new Refusal(Problems.connectFailure(port, e));
        }
        try {
            BoardInfo info = link.describe();
            SwingUtilities.invokeLater(() -> w.detected(port, info));
            return link;
        } catch (IOException | RuntimeException e) {
            link.close();
            throw e;
        }
    }

    /** The port and baud rate chosen, or null after showing what is wrong with them. */
    private String[] target() {
        String port = w.board.selectedPort();
        int baud = w.board.selectedBaud();
        if (port.isEmpty()) {
            w.status.show(StatusPanel.Tone.ERROR, "Choose the board's port first (plug the board in, or pick a"
                    + " virtual board to try things out).");
            return null;
        }
        if (baud < 9600) {
            w.status.show(StatusPanel.Tone.ERROR, "The baud rate '" + w.board.baud.getEditor().getItem()
                    + "' is not a number: choose one from the list, for example 460800.");
            return null;
        }
        return new String[] {port, Integer.toString(baud)};
    }

    void detect() {
        String[] t = target();
        if (t == null) {
            return;
        }
        String next = w.files.model.rows().isEmpty() ? " Now add the files to flash (or use Backup & erase)."
                : " The addresses follow this chip: check them, then press Flash.";
        w.start("Detecting the board on " + PortEntry.shortName(t[0]) + "...", job -> {
            try (BoardLink link = connect(job, t[0], Integer.parseInt(t[1]))) {
                link.hardReset();
                return "Found " + link.device().chip().displayName() + " on " + PortEntry.shortName(t[0]) + "." + next;
            }
        });
    }

    void flash() {
        String[] t = target();
        if (t == null) {
            return;
        }
        List<FileRow> rows = w.snapshotRows();
        FlashOptions options = w.files.options();
        Path initData = w.initDataFile();
        boolean known = w.detected != null && t[0].equals(w.detectedPort);
        FlashPlan pre = FlashPlan.of(rows, known ? w.files.model.chipOrNull() : null,
                known ? w.detected.flashSize() : -1, initData);
        if (!pre.problems().isEmpty()) {
            refuse(pre);
            return;
        }
        w.start("Flashing " + PortEntry.shortName(t[0]) + "...", job -> {
            try (BoardLink link = connect(job, t[0], Integer.parseInt(t[1]))) {
                long size = link.configureFlashSize(options.size());
                FlashPlan plan = FlashPlan.of(rows, link.imageChip(), size, initData);
                if (!plan.problems().isEmpty()) {
                    SwingUtilities.invokeLater(() -> markProblems(plan));
                    throw new Refusal(text(plan) + " Nothing was written.");
                }
                return write(job, link, plan.files(), rowsOf(plan), options, size);
            }
        });
    }

    private static Map<Long, Integer> rowsOf(FlashPlan plan) {
        Map<Long, Integer> rows = new HashMap<>();
        for (int i = 0; i < plan.files().size(); i++) {
            rows.put(plan.files().get(i).address() & 0xFFFFFFFFL, plan.rowOf(i));
        }
        return rows;
    }

    private String write(Job job, BoardLink link, List<FlashFile> files, Map<Long, Integer> rows,
            FlashOptions options, long size) throws Exception {
        long total = files.stream().mapToLong(FlashFile::length).sum();
        job.plan(total, rows);
        Flasher flasher = link.flasher(job);
        WriteOptions wo = new WriteOptions().compress(options.compress()).verify(options.verify()).flashSize(size)
                .bootloaderPatch(link.headerPatch(options.mode(), options.freq(), options.size()));
        if (options.eraseFirst()) {
            if (flasher.loader().isStub()) {
                wo.eraseAll(true);
            } else {
                job.log("Erasing the whole flash first (ROM loader: region by region)...");
                flasher.eraseRegion(0, (int) size, size);
            }
        }
        long t0 = System.nanoTime();
        List<FileResult> results;
        try {
            results = flasher.write(files, wo);
        } catch (FlashException e) {
            if (e.state() == null || job.stopRequested()) {
                throw e;
            }
            // the flash state and the command that finishes the job go to the log; the banner says what to do
            job.log(e.getMessage());
            String first = e.getMessage().lines().findFirst().orElse("Writing failed.");
            throw new Refusal(first + (first.endsWith(".") ? "" : ".") + " The flash is only partly written, so"
                    + " the board may not start: check the cable, plug the board back in if it came loose, and press"
                    + " Flash again (the log has the details).");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long unverified = results.stream().filter(r -> !r.verified() && !r.operation().equals("Skipped")).count();
        link.hardReset();
        String what = files.size() + " file" + (files.size() == 1 ? "" : "s") + " (" + Numbers.bytes(total) + ")";
        job.warning = !options.verify() || unverified > 0;
        if (!options.verify()) {
            return String.format("Done: wrote %s in %.1f s (not verified: Verify was off). The board was reset.",
                    what, seconds);
        }
        if (unverified > 0) {
            return String.format("Written, but not verified: %s in %.1f s. This loader cannot check %d of the"
                    + " file%s after writing (the ESP8266 ROM cannot; see the log). The board was reset.", what,
                    seconds, unverified, unverified == 1 ? "" : "s");
        }
        return String.format("Done: wrote and verified %s in %.1f s. The board was reset and runs the new"
                + " firmware.", what, seconds);
    }

    void refuse(FlashPlan plan) {
        markProblems(plan);
        w.status.show(StatusPanel.Tone.ERROR, text(plan) + " Nothing was written.");
        w.status.appendLog("Refused: " + text(plan));
    }

    private void markProblems(FlashPlan plan) {
        for (FlashPlan.Problem p : plan.problems()) {
            if (p.row() >= 0 && p.row() < w.files.model.getRowCount()) {
                w.files.model.row(p.row()).result = "problem: see the message below";
            }
        }
        w.files.model.fireTableDataChanged();
    }

    private static String text(FlashPlan plan) {
        return plan.describe();
    }

    void backup() {
        String[] t = target();
        if (t == null) {
            return;
        }
        String name = "flash-backup-" + (w.detected == null ? "board" : w.detected.chipName()) + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")) + ".bin";
        Path out = chooseFile("Save the flash backup as", name, true);
        if (out == null) {
            return;
        }
        w.start("Backing up the whole flash of " + PortEntry.shortName(t[0]) + "...", job -> {
            try (BoardLink link = connect(job, t[0], Integer.parseInt(t[1]))) {
                long size = link.configureFlashSize("detect");
                job.plan(size, Map.of());
                FileResult r = link.flasher(job).read(0, (int) size, out);
                link.hardReset();
                return String.format("Saved the whole %s flash to %s in %.1f s (checked by MD5). Restore it any time"
                        + " with Restore a backup.", Numbers.bytes(size), out, r.nanos() / 1e9);
            }
        });
    }

    void restore() {
        String[] t = target();
        if (t == null) {
            return;
        }
        Path in = chooseFile("Choose the backup to write back", null, false);
        if (in == null) {
            return;
        }
        if (!Files.isRegularFile(in)) {
            w.status.show(StatusPanel.Tone.ERROR, in + " is not there: choose an existing backup file.");
            return;
        }
        w.start("Restoring " + in.getFileName() + " to " + PortEntry.shortName(t[0]) + "...", job -> {
            try (BoardLink link = connect(job, t[0], Integer.parseInt(t[1]))) {
                long size = link.configureFlashSize("detect");
                FlashFile f = FlashFile.read(0, in);
                if (size > 0 && f.length() > size) {
                    throw new Refusal(String.format("%s is %s but the board's flash is %s: this backup is from another"
                            + " board. Nothing was written.", in.getFileName(), Numbers.bytes(f.length()),
                            Numbers.bytes(size)));
                }
                FlashOptions o = new FlashOptions("keep", "keep", "keep", false, true, null);
                return write(job, link, List.of(f), Map.of(), o, size).replace("runs the new firmware",
                        "runs what the backup holds");
            }
        });
    }

    void erase() {
        String[] t = target();
        if (t == null) {
            return;
        }
        if (!w.confirm("Erase the whole flash?", "Erase everything in the flash of the board on " + PortEntry.shortName(t[0]) + "?\n"
                + "The board will not start until you flash it again.")) {
            return;
        }
        w.start("Erasing the whole flash of " + PortEntry.shortName(t[0]) + "...", job -> {
            try (BoardLink link = connect(job, t[0], Integer.parseInt(t[1]))) {
                long size = link.configureFlashSize("detect");
                SwingUtilities.invokeLater(() -> w.status.overallBar.setIndeterminate(true));
                Flasher f = link.flasher(job);
                long t0 = System.nanoTime();
                if (f.loader().isStub()) {
                    f.eraseFlash();
                } else {
                    f.eraseRegion(0, (int) size, size);
                }
                link.hardReset();
                return String.format("Erased the whole %s flash in %.1f s. Flash new firmware to use the board again.",
                        Numbers.bytes(size), (System.nanoTime() - t0) / 1e9);
            }
        });
    }

    private Path chooseFile(String title, String suggestedName, boolean save) {
        JFileChooser fc = new JFileChooser(w.settings.get("backupDir", System.getProperty("user.home")));
        fc.setDialogTitle(title);
        if (suggestedName != null) {
            fc.setSelectedFile(new java.io.File(fc.getCurrentDirectory(), suggestedName));
        }
        int r = save ? fc.showSaveDialog(w) : fc.showOpenDialog(w);
        if (r != JFileChooser.APPROVE_OPTION || fc.getSelectedFile() == null) {
            return null;
        }
        Path p = fc.getSelectedFile().toPath();
        if (p.getParent() != null) {
            w.settings.put("backupDir", p.getParent().toString());
        }
        return p;
    }
}
