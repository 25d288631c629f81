package org.jesptool.gui;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.FlowLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.table.AbstractTableModel;
import javax.swing.table.TableCellRenderer;
import org.jesptool.factory.BoardListener;
import org.jesptool.factory.BoardProgress;
import org.jesptool.factory.BoardReport;
import org.jesptool.factory.BoardResult;
import org.jesptool.factory.FactoryRun;
import org.jesptool.factory.FlashJob;
import org.jesptool.flash.WriteOptions;
import org.jesptool.loader.ConnectOptions;

/**
 * The Factory tab: the Flash tab's files written to several boards at once, one row per board with its own
 * phase, progress, chip, MAC and result (the core's {@link FactoryRun} does the work, one thread per board).
 */
final class FactoryPanel extends JPanel {
    /** One board of the factory list. */
    static final class Row {
        final String port;
        boolean enabled;
        String phase = "";
        int percent = -1;
        String chip = "";
        String mac = "";
        String result = "";

        Row(String port, boolean enabled) {
            this.port = port;
            this.enabled = enabled;
        }
    }

    final Model model = new Model();
    final JTable table = new JTable(model);
    final JTextField addPort = new JTextField(32);
    final JButton add = new JButton("Add port");
    final JButton start = new JButton("Flash all ticked boards");
    final JButton stop = new JButton("Stop all");
    final JButton report = new JButton("Save report...");
    final JLabel summary = new JLabel(" ");
    private FactoryRun run;
    /** Frees the ports before a run (the Monitor tab lets go); gives a wait to run before each board connects. */
    Supplier<Runnable> releasePorts = () -> () -> { };
    /** After a run (the Monitor tab comes back). */
    Runnable afterRun = () -> { };
    private List<BoardResult> lastResults = List.of();

    /**
     * @param job makes the job from the Flash tab's rows and options, or returns null after showing why not
     * @param baud the baud rate chosen at the top of the window
     */
    private final java.util.function.Consumer<String> log;

    FactoryPanel(Supplier<FlashJob> job, Supplier<Integer> baud, java.util.function.Consumer<String> log) {
        super(new BorderLayout(0, 8));
        this.log = log;
        setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
        table.setName("factoryBoards");
        addPort.setName("factoryPort");
        add.setName("factoryAdd");
        start.setName("factoryStart");
        stop.setName("factoryStop");
        report.setName("factoryReport");
        summary.setName("factorySummary");
        stop.setEnabled(false);
        report.setEnabled(false);
        table.setRowHeight(Math.max(table.getRowHeight(), 26));
        table.getColumnModel().getColumn(0).setMaxWidth(34);
        table.getColumnModel().getColumn(1).setPreferredWidth(260);
        table.getColumnModel().getColumn(3).setCellRenderer(new BarRenderer());
        table.getColumnModel().getColumn(6).setPreferredWidth(320);
        javax.swing.table.DefaultTableCellRenderer tips = new javax.swing.table.DefaultTableCellRenderer() {
            @Override
            public Component getTableCellRendererComponent(JTable t, Object v, boolean sel, boolean focus, int row,
                    int col) {
                JLabel l = (JLabel) super.getTableCellRendererComponent(t, v, sel, focus, row, col);
                String text = String.valueOf(v);
                l.setToolTipText(text.isEmpty() ? null : "<html><p width=500>" + text.replace("&", "&amp;")
                        .replace("<", "&lt;") + "</p></html>");
                if (!sel && col == 6 && !text.isEmpty()) {
                    l.setForeground(text.startsWith("OK") ? new java.awt.Color(0x2E7D32) : new java.awt.Color(0xC62828));
                } else if (!sel) {
                    l.setForeground(t.getForeground());
                }
                return l;
            }
        };
        for (int c : new int[] {1, 2, 4, 5, 6}) {
            table.getColumnModel().getColumn(c).setCellRenderer(tips);
        }

        JLabel intro = new JLabel("<html>Writes the files of the Flash tab to every ticked board at the same time"
                + " (flash mode, frequency and size as in the files; verified). Each board gets its own row.</html>");
        JPanel adding = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0));
        adding.add(new JLabel("Another port:"));
        adding.add(addPort);
        adding.add(add);
        JPanel north = new JPanel(new BorderLayout(0, 6));
        north.add(intro, BorderLayout.NORTH);
        north.add(adding, BorderLayout.SOUTH);
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT, 8, 0));
        buttons.add(start);
        buttons.add(stop);
        buttons.add(report);
        buttons.add(summary);
        add(north, BorderLayout.NORTH);
        add(new JScrollPane(table), BorderLayout.CENTER);
        add(buttons, BorderLayout.SOUTH);

        add.addActionListener(e -> {
            String p = addPort.getText().trim();
            if (!p.isEmpty()) {
                model.add(p, true);
                addPort.setText("");
            }
        });
        start.addActionListener(e -> {
            FlashJob j = job.get();
            if (j != null) {
                start(j, baud.get());
            }
        });
        stop.addActionListener(e -> {
            if (run != null) {
                run.cancel();
                summary.setText("Stopping...");
            }
        });
        report.addActionListener(e -> saveReport());
    }

    /** New port list from the watcher: keeps ticks, adds new boards unticked, drops vanished ones unless ticked. */
    void ports(List<PortEntry> entries) {
        if (run != null) {
            return; // the list stays as it is while boards are being flashed
        }
        List<Row> keep = new ArrayList<>();
        for (PortEntry e : entries) {
            Row old = model.find(e.port());
            keep.add(old != null ? old : new Row(e.port(), false));
        }
        for (Row r : model.rows) {
            if (r.enabled && keep.stream().noneMatch(k -> k.port.equals(r.port))) {
                keep.add(r);
            }
        }
        model.rows.clear();
        model.rows.addAll(keep);
        model.fireTableDataChanged();
    }

    boolean running() {
        return run != null;
    }

    private void start(FlashJob job, int baud) {
        List<String> ports = model.rows.stream().filter(r -> r.enabled).map(r -> r.port).toList();
        if (ports.isEmpty()) {
            summary.setText("Tick the boards to flash first (or add a port).");
            return;
        }
        for (Row r : model.rows) {
            r.phase = r.enabled ? "waiting" : "";
            r.percent = r.enabled ? 0 : -1;
            r.result = "";
            r.chip = "";
            r.mac = "";
        }
        model.fireTableDataChanged();
        Runnable released = releasePorts.get();
        job.connect(port -> {
            released.run(); // on the board's thread: the monitor's port is closed before it is opened here
            return ConnectOptions.of(port).baud(baud);
        });
        start.setEnabled(false);
        add.setEnabled(false);
        report.setEnabled(false);
        stop.setEnabled(true);
        summary.setText("Flashing " + ports.size() + " board" + (ports.size() == 1 ? "" : "s") + "...");
        run = FactoryRun.start(ports, job, new BoardListener() {
            @Override
            public void progress(BoardProgress p) {
                SwingUtilities.invokeLater(() -> progressed(p));
            }

            @Override
            public void message(int index, String port, String text) {
                SwingUtilities.invokeLater(() -> log.accept("[board " + (index + 1) + "] " + text));
            }

            @Override
            public void finished(BoardResult r) {
                SwingUtilities.invokeLater(() -> boardDone(r));
            }
        });
        Thread waiter = new Thread(() -> {
            try {
                List<BoardResult> all = run.await();
                SwingUtilities.invokeLater(() -> allDone(all));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "jesptool-gui-factory");
        waiter.setDaemon(true);
        waiter.start();
    }

    private void progressed(BoardProgress p) {
        Row r = model.find(p.port());
        if (r == null) {
            return;
        }
        r.phase = p.phase().name().toLowerCase();
        r.percent = p.percent();
        model.fireTableDataChanged();
    }

    private void boardDone(BoardResult b) {
        Row r = model.find(b.port());
        if (r == null) {
            return;
        }
        r.chip = b.chip() == null ? "" : b.chip();
        r.mac = b.mac() == null ? "" : b.mac();
        log.accept("[board " + (b.index() + 1) + "] " + b.port() + ": " + (b.succeeded() ? "done"
                : b.error() + (b.redoCommand() == null ? "" : "\nTo redo: " + b.redoCommand())));
        r.phase = b.succeeded() ? "done" : b.status() == BoardResult.Status.CANCELLED ? "stopped" : "failed";
        r.percent = b.succeeded() ? 100 : r.percent;
        r.result = b.succeeded() ? String.format("OK: %d files written and verified in %.1f s", b.files().size(),
                b.elapsed().toMillis() / 1000.0) : Problems.forWindow(b.error().lines().findFirst().orElse("failed"))
                + (b.redoCommand() == null ? "" : "  To redo: " + b.redoCommand());
        model.fireTableDataChanged();
    }

    private void allDone(List<BoardResult> all) {
        run = null;
        afterRun.run();
        lastResults = all;
        long ok = all.stream().filter(BoardResult::succeeded).count();
        summary.setText(ok == all.size() ? "All " + ok + " boards flashed and verified."
                : ok + " of " + all.size() + " boards flashed; " + (all.size() - ok) + " failed or stopped (see their"
                        + " rows).");
        start.setEnabled(true);
        add.setEnabled(true);
        stop.setEnabled(false);
        report.setEnabled(true);
    }

    private void saveReport() {
        JFileChooser fc = new JFileChooser();
        fc.setDialogTitle("Save the report (.json, or .csv for a spreadsheet)");
        fc.setSelectedFile(new java.io.File("factory-report.json"));
        if (fc.showSaveDialog(this) == JFileChooser.APPROVE_OPTION) {
            Path p = fc.getSelectedFile().toPath();
            try {
                BoardReport.write(p, lastResults);
                summary.setText("Report saved to " + p + ".");
            } catch (java.io.IOException e) {
                summary.setText("Could not save the report: " + e.getMessage());
            }
        }
    }

    /** The boards as a table. */
    static final class Model extends AbstractTableModel {
        private static final String[] COLUMNS = {"", "Board (port)", "Step", "Progress", "Chip", "MAC", "Result"};
        final List<Row> rows = new ArrayList<>();

        Row find(String port) {
            return rows.stream().filter(r -> r.port.equals(port)).findFirst().orElse(null);
        }

        void add(String port, boolean enabled) {
            Row r = find(port);
            if (r != null) {
                r.enabled = enabled;
            } else {
                rows.add(new Row(port, enabled));
            }
            fireTableDataChanged();
        }

        @Override
        public int getRowCount() {
            return rows.size();
        }

        @Override
        public int getColumnCount() {
            return COLUMNS.length;
        }

        @Override
        public String getColumnName(int c) {
            return COLUMNS[c];
        }

        @Override
        public Class<?> getColumnClass(int c) {
            return c == 0 ? Boolean.class : c == 3 ? Integer.class : String.class;
        }

        @Override
        public boolean isCellEditable(int row, int c) {
            return c == 0;
        }

        @Override
        public Object getValueAt(int row, int c) {
            Row r = rows.get(row);
            return switch (c) {
                case 0 -> r.enabled;
                case 1 -> r.port;
                case 2 -> r.phase;
                case 3 -> r.percent;
                case 4 -> r.chip;
                case 5 -> r.mac;
                default -> r.result;
            };
        }

        @Override
        public void setValueAt(Object v, int row, int c) {
            if (c == 0) {
                rows.get(row).enabled = Boolean.TRUE.equals(v);
                fireTableRowsUpdated(row, row);
            }
        }
    }

    /** A progress bar in a table cell (empty before the board starts). */
    static final class BarRenderer implements TableCellRenderer {
        private final JProgressBar bar = new JProgressBar(0, 100);
        private final JLabel none = new JLabel();

        BarRenderer() {
            bar.setStringPainted(true);
        }

        @Override
        public Component getTableCellRendererComponent(JTable t, Object v, boolean sel, boolean focus, int row,
                int col) {
            int p = v instanceof Integer i ? i : -1;
            if (p < 0) {
                return none;
            }
            bar.setValue(p);
            bar.setString(p + " %");
            return bar;
        }
    }
}
