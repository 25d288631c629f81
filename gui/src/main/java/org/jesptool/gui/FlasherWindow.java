package org.jesptool.gui;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.swing.AbstractButton;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import org.jesptool.factory.FlashJob;
import org.jesptool.flash.FileResult;
import org.jesptool.flash.WriteOptions;
import org.jesptool.flash.Progress;
import org.jesptool.image.ImageChip;
import org.jesptool.image.ImageFormats;

/**
 * The one window: board at the top, Flash / Backup & erase / Monitor tabs in the middle, result, progress and
 * log at the bottom. Everything that talks to a board runs on one worker thread ({@link BoardJobs}); this class
 * only arranges the window and keeps it in step.
 */
final class FlasherWindow extends JFrame implements Job.View {
    final Settings settings;
    final BoardPanel board = new BoardPanel();
    final FilesPanel files = new FilesPanel(this::addFiles);
    final ToolsPanel tools = new ToolsPanel();
    final StatusPanel status = new StatusPanel();
    final JTabbedPane tabs = new JTabbedPane();
    final FactoryPanel factory = new FactoryPanel(this::factoryJob, () -> Math.max(board.selectedBaud(), 115200),
            status::appendLog);
    final MonitorPanel monitor;
    private final PortWatcher ports;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jesptool-gui-board");
        t.setDaemon(true);
        return t;
    });
    private final BoardJobs jobs = new BoardJobs(this);
    private Job running;
    /** What the last Detect found, and on which port (null before). */
    BoardInfo detected;
    String detectedPort;

    FlasherWindow(Settings settings, Path virtualDir) {
        super("JEsptool Flasher");
        this.settings = settings;
        setName("flasher");
        setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        tabs.setName("tabs");
        tabs.addTab("Flash", files);
        tabs.addTab("Backup & erase", tools);
        monitor = new MonitorPanel(board::selectedPort, () -> detected != null
                && board.selectedPort().equals(detectedPort) ? detected.chipName() : null, settings);
        tabs.addTab("Monitor", monitor);
        factory.releasePorts = monitor::releaseForJob;
        factory.afterRun = monitor::jobEnded;
        tabs.addTab("Factory (several boards)", factory);
        JPanel top = new JPanel(new BorderLayout());
        top.add(board, BorderLayout.NORTH);
        top.add(tabs, BorderLayout.CENTER);
        status.setBorder(javax.swing.BorderFactory.createEmptyBorder(0, 8, 8, 8));
        JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, top, status);
        split.setResizeWeight(0.72);
        split.setBorder(null);
        setContentPane(split);
        setJMenuBar(Themes.menuBar(this, settings));

        board.detect.addActionListener(e -> jobs.detect());
        files.flash.addActionListener(e -> jobs.flash());
        files.addFile.addActionListener(e -> chooseFiles());
        files.addSpecial.addActionListener(e -> files.specialMenu(this::addInitData, this::addBlank)
                .show(files.addSpecial, 0, files.addSpecial.getHeight()));
        files.remove.addActionListener(e -> removeSelected());
        files.copyCommand.addActionListener(e -> copyCommand());
        tools.backup.addActionListener(e -> jobs.backup());
        tools.restore.addActionListener(e -> jobs.restore());
        tools.erase.addActionListener(e -> jobs.erase());
        status.stop.addActionListener(e -> stop());
        restoreSettings();
        // a failed connect asks the connection doctor (on the worker thread); its steps go to the log
        Problems.advisor(new DoctorAdvisor(line -> SwingUtilities.invokeLater(() -> status.appendLog(line))));
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                if ((!busy() && !factory.running()) || confirm("Stop and close?", "A board is being worked on."
                        + " Closing now stops it half way: its flash would be only partly written.\nClose anyway?")) {
                    dispose();
                }
            }

            @Override
            public void windowClosed(WindowEvent e) {
                saveSettings();
                monitor.close();
                ports.close();
                worker.shutdownNow();
            }
        });
        ports = new PortWatcher(virtualDir, entries -> {
            board.ports(entries);
            factory.ports(entries);
        });
        setMinimumSize(new Dimension(900, 640));
        setSize(new Dimension(1040, 780));
        setLocationByPlatform(true);
        ports.start();
    }

    // ---- files ----

    void addFiles(List<Path> paths) {
        for (Path p : paths) {
            FileRow r = files.model.add(p.toAbsolutePath().normalize().toString());
            if (r.fileProblem != null) {
                status.show(StatusPanel.Tone.ERROR, r.displayName() + ": " + r.fileProblem
                        + ". Choose a file that exists and can be read.");
            }
            Path dir = p.toAbsolutePath().getParent();
            if (dir != null) {
                settings.put("lastDir", dir.toString());
            }
        }
    }

    private void chooseFiles() {
        javax.swing.JFileChooser fc = new javax.swing.JFileChooser(settings.get("lastDir", null));
        fc.setMultiSelectionEnabled(true);
        fc.setDialogTitle("Add files to flash");
        if (fc.showOpenDialog(this) == javax.swing.JFileChooser.APPROVE_OPTION) {
            List<Path> chosen = new ArrayList<>();
            for (java.io.File f : fc.getSelectedFiles()) {
                chosen.add(f.toPath());
            }
            addFiles(chosen);
        }
    }

    /**
     * INTERNAL://DEFAULT: the SDK's init data file is asked for once (it is the SDK's, not ours to ship) and
     * remembered; the row then places it per flash size at flashing time.
     */
    private void addInitData() {
        if (initDataFile() == null) {
            javax.swing.JFileChooser fc = new javax.swing.JFileChooser(settings.get("lastDir", null));
            fc.setDialogTitle("Where is esp_init_data_default.bin (from the ESP8266 SDK or your NodeMCU build)?");
            if (fc.showOpenDialog(this) != javax.swing.JFileChooser.APPROVE_OPTION || fc.getSelectedFile() == null) {
                status.show(StatusPanel.Tone.INFO, FileRow.INTERNAL_DEFAULT + " writes the SDK's"
                        + " esp_init_data_default.bin: choose that file to use it.");
                return;
            }
            settings.put("initData", fc.getSelectedFile().toPath().toAbsolutePath().normalize().toString());
        }
        files.model.add(FileRow.INTERNAL_DEFAULT);
        status.show(StatusPanel.Tone.INFO, FileRow.INTERNAL_DEFAULT + " will write " + initDataFile()
                + " at the 4th-last sector of the flash and blank the 2nd-last (addresses follow the detected size).");
    }

    private void addBlank() {
        files.model.add(FileRow.INTERNAL_BLANK);
    }

    private void removeSelected() {
        files.stopEditing();
        int[] sel = files.table.getSelectedRows();
        for (int i = sel.length - 1; i >= 0; i--) {
            files.model.remove(files.table.convertRowIndexToModel(sel[i]));
        }
    }

    /** The esp_init_data_default.bin for INTERNAL://DEFAULT (chosen once, remembered), or null. */
    Path initDataFile() {
        String s = settings.get("initData", null);
        return s != null && Files.isRegularFile(Path.of(s)) ? Path.of(s) : null;
    }

    /** Copies of the rows, for the worker thread. */
    List<FileRow> snapshotRows() {
        files.stopEditing();
        List<FileRow> copy = new ArrayList<>();
        for (FileRow r : files.model.rows()) {
            FileRow c = new FileRow(r.source);
            c.enabled = r.enabled;
            c.address = r.address;
            copy.add(c);
        }
        return copy;
    }

    private void copyCommand() {
        String cmd = EsptoolCommand.writeFlash(board.selectedPort(), Math.max(board.selectedBaud(), 115200),
                files.options(), snapshotRows(), initDataFile() == null ? null : initDataFile().toString());
        try {
            Toolkit.getDefaultToolkit().getSystemClipboard().setContents(new StringSelection(cmd), null);
            status.show(StatusPanel.Tone.INFO, "Copied to the clipboard (also in the log):");
        } catch (IllegalStateException e) {
            status.show(StatusPanel.Tone.INFO, "The clipboard is busy; the command is in the log:");
        }
        status.appendLog(cmd);
    }

    /** The Factory tab's job: the Flash tab's rows and options, checked first (null after saying why not). */
    private FlashJob factoryJob() {
        List<FileRow> rows = snapshotRows();
        String refusal = null;
        if (rows.stream().anyMatch(r -> r.enabled && r.source.equals(FileRow.INTERNAL_DEFAULT))) {
            refusal = FileRow.INTERNAL_DEFAULT + " depends on each board's flash size: write it from the Flash tab,"
                    + " one board at a time, or untick it.";
        } else if (files.eraseFirst.isSelected()) {
            refusal = "\"Erase the whole flash first\" is for one board at a time: untick it in the Flash tab to use"
                    + " the factory.";
        }
        if (refusal != null) {
            status.show(StatusPanel.Tone.ERROR, refusal + " Nothing was written.");
            return null;
        }
        FlashPlan plan = FlashPlan.of(rows, null, -1, null);
        if (!plan.problems().isEmpty()) {
            jobs.refuse(plan);
            return null;
        }
        status.show(StatusPanel.Tone.INFO, "");
        FlashOptions o = files.options();
        return FlashJob.of(plan.files()).writeOptions(() -> new WriteOptions().compress(o.compress())
                .verify(o.verify()));
    }

    // ---- running jobs ----

    /** Starts {@code body} on the worker thread with the action buttons off and Stop on. */
    void start(String title, BoardJobs.Body body) {
        if (running != null) {
            return;
        }
        Job job = new Job(this);
        running = job;
        busy(true);
        files.model.clearProgress();
        status.resetBars();
        status.show(StatusPanel.Tone.WORKING, title);
        status.appendLog("");
        status.appendLog("=== " + title);
        Runnable releaseMonitor = monitor.releaseForJob(); // the board's port serves one program at a time
        worker.execute(() -> {
            releaseMonitor.run();
            BoardJobs.Outcome o = jobs.run(job, body);
            SwingUtilities.invokeLater(() -> finish(job, o));
        });
    }

    private void finish(Job job, BoardJobs.Outcome o) {
        running = null;
        busy(false);
        status.show(!o.ok() ? StatusPanel.Tone.ERROR : o.warning() ? StatusPanel.Tone.WARNING
                : StatusPanel.Tone.SUCCESS, o.text());
        status.appendLog(o.ok() ? o.text() : "Failed: " + o.text());
        if (o.ok()) {
            status.overallBar.setValue(100);
            status.overallBar.setString("Done");
        } else {
            status.fileBar.setString(job.stopRequested() ? "Stopped" : "Failed");
            status.overallBar.setString(job.stopRequested() ? "Stopped" : "Failed");
            for (FileRow r : files.model.rows()) {
                if (r.percent >= 0 && r.result.isEmpty()) {
                    r.result = job.stopRequested() ? "stopped, not complete" : "FAILED, not complete";
                }
            }
            files.model.fireTableDataChanged();
        }
        status.fileBar.setIndeterminate(false);
        status.overallBar.setIndeterminate(false);
        monitor.jobEnded();
    }

    private void stop() {
        if (running != null) {
            running.requestStop();
            status.show(StatusPanel.Tone.WORKING, "Stopping after the current block...");
        }
    }

    boolean busy() {
        return running != null;
    }

    private void busy(boolean on) {
        for (AbstractButton b : List.of(board.detect, files.flash, files.addFile, files.addSpecial, files.remove,
                tools.backup, tools.restore, tools.erase)) {
            b.setEnabled(!on);
        }
        for (JComponent c : List.<JComponent>of(board.port, board.baud, files.table)) {
            c.setEnabled(!on);
        }
        status.stop.setEnabled(on);
    }

    /** Called by the worker (through invokeLater) when Detect or a job's connect found the board. */
    void detected(String port, BoardInfo info) {
        detected = info;
        detectedPort = port;
        board.showFacts(info);
        ImageChip chip = ImageFormats.find(info.chipName());
        files.model.board(chip, info.flashSize());
    }

    void connectFailed() {
        detected = null;
        detectedPort = null;
        board.clearFacts("No board found on that port: see the message below.");
    }

    // ---- Job.View ----

    @Override
    public void log(String line) {
        status.appendLog(line);
    }

    @Override
    public void progress(int row, Progress p, int overallPercent, String overallText) {
        status.fileBar.setIndeterminate(false);
        status.fileBar.setValue(p.percent());
        status.fileBar.setString(p.operation() + " " + shortName(p.name()) + String.format(" at 0x%x: %d %%",
                p.address(), p.percent()));
        status.overallBar.setValue(overallPercent);
        status.overallBar.setString(overallPercent + " %" + (overallText.isEmpty() ? "" : "  -  " + overallText));
        if (row >= 0 && row < files.model.getRowCount() && p.operation().equals("Writing")) {
            files.model.row(row).percent = p.percent();
            files.model.fireTableRowsUpdated(row, row);
        }
    }

    @Override
    public void fileDone(int row, FileResult r) {
        if (row >= 0 && row < files.model.getRowCount() && !r.operation().equals("Read")) {
            FileRow fr = files.model.row(row);
            fr.percent = 100;
            fr.result = r.operation().equals("Skipped") ? "already there" : r.verified() ? "written, verified"
                    : "written (not verified)";
            files.model.fireTableRowsUpdated(row, row);
        }
    }

    private static String shortName(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return slash >= 0 ? name.substring(slash + 1) : name;
    }

    // ---- settings ----

    private void restoreSettings() {
        board.baud.setSelectedItem(Integer.valueOf(settings.get("baud", "460800")));
        files.mode.setSelectedItem(settings.get("mode", "keep"));
        files.freq.setSelectedItem(settings.get("freq", "keep"));
        files.size.setSelectedItem(settings.get("size", "detect"));
        files.compression.setSelectedItem(settings.get("compression", "automatic"));
        files.eraseFirst.setSelected(settings.getBoolean("eraseFirst", false));
        files.verify.setSelected(settings.getBoolean("verify", true));
        for (FileRow r : settings.rows()) {
            files.model.addRestored(r);
        }
        String port = settings.get("port", null);
        if (port != null) {
            board.selectPort(port);
        }
    }

    void saveSettings() {
        settings.put("port", board.selectedPort());
        settings.put("baud", Integer.toString(Math.max(board.selectedBaud(), 9600)));
        settings.put("mode", (String) files.mode.getSelectedItem());
        settings.put("freq", (String) files.freq.getSelectedItem());
        settings.put("size", (String) files.size.getSelectedItem());
        settings.put("compression", (String) files.compression.getSelectedItem());
        settings.putBoolean("eraseFirst", files.eraseFirst.isSelected());
        settings.putBoolean("verify", files.verify.isSelected());
        settings.rows(files.model.rows());
        settings.flush();
    }

    /** Asks before something that cannot be undone. */
    boolean confirm(String title, String question) {
        return JOptionPane.showConfirmDialog(this, question, title, JOptionPane.OK_CANCEL_OPTION,
                JOptionPane.WARNING_MESSAGE) == JOptionPane.OK_OPTION;
    }
}
