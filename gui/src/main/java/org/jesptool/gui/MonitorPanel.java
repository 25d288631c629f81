package org.jesptool.gui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.awt.Font;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import javax.swing.JTextPane;
import javax.swing.UIManager;
import javax.swing.text.BadLocationException;
import javax.swing.text.SimpleAttributeSet;
import javax.swing.text.StyleConstants;
import javax.swing.text.StyledDocument;
import org.jesptool.monitor.MonitorSession;

/**
 * The Monitor tab: what the board prints, with the monitor's boot-log and crash explanations set apart, a line
 * to send text, Reset / Bootloader, timestamps, save, an ELF for decoding crash addresses, and the baud rate.
 * The session runs on its own thread ({@link MonitorLink}); flashing takes the port from it and gives it back.
 */
final class MonitorPanel extends JPanel {
    /** Characters kept on screen; older text scrolls away (Save keeps what is shown). */
    private static final int KEEP = 400_000;

    final JButton connect = new JButton("Connect");
    final JComboBox<Integer> baud = new JComboBox<>(new Integer[] {115200, 74880, 9600, 57600, 230400, 460800,
            921600});
    final JButton reset = new JButton("Reset");
    final JButton bootloader = new JButton("Bootloader");
    final JCheckBox timestamps = new JCheckBox("Timestamps");
    final JButton elfButton = new JButton("ELF...");
    final JButton save = new JButton("Save log...");
    final JButton clear = new JButton("Clear");
    final JLabel state = new JLabel("Not connected. Choose the board above and press Connect.");
    final JTextPane output = new JTextPane();
    final JTextField input = new JTextField();
    final JButton send = new JButton("Send");
    private final Supplier<String> portChoice;
    private final Supplier<String> chipChoice;
    private final Settings settings;
    private MonitorLink link;
    private Path elf;
    /** The user had the monitor open when flashing took the port: reopen it afterwards. */
    private boolean reopenAfterJob;
    private boolean userStopped;

    /** {@code port} is the window's chosen port; {@code chip} the detected chip's short name, or null. */
    MonitorPanel(Supplier<String> port, Supplier<String> chip, Settings settings) {
        super(new BorderLayout(0, 6));
        this.portChoice = port;
        this.chipChoice = chip;
        this.settings = settings;
        setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
        setName("monitor");
        connect.setName("monitorConnect");
        baud.setName("monitorBaud");
        baud.setEditable(true);
        baud.setToolTipText("The app's serial speed (115200 for most). An ESP8266's boot log at 74880 baud is"
                + " followed by itself.");
        reset.setName("monitorReset");
        reset.setToolTipText("Restart the board into its app (EN pulse)");
        bootloader.setName("monitorBootloader");
        bootloader.setToolTipText("Restart the board into its serial download mode and leave it there");
        timestamps.setName("monitorTimestamps");
        elfButton.setName("monitorElf");
        elfButton.setToolTipText("The app's .elf file: crash backtraces then show function names and source lines");
        save.setName("monitorSave");
        clear.setName("monitorClear");
        state.setName("monitorState");
        output.setName("monitorOutput");
        output.setEditable(false);
        output.setFont(new Font(Font.MONOSPACED, Font.PLAIN, output.getFont().getSize()));
        input.setName("monitorInput");
        input.setToolTipText("Text to send to the board; Enter sends it with a carriage return");
        send.setName("monitorSend");

        JPanel bar = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0));
        bar.add(connect);
        bar.add(new JLabel("Baud"));
        bar.add(baud);
        bar.add(reset);
        bar.add(bootloader);
        bar.add(timestamps);
        bar.add(elfButton);
        bar.add(save);
        bar.add(clear);
        JPanel top = new JPanel(new BorderLayout(0, 4));
        top.add(bar, BorderLayout.NORTH);
        top.add(state, BorderLayout.SOUTH);
        add(top, BorderLayout.NORTH);
        add(new JScrollPane(output), BorderLayout.CENTER);
        JPanel line = new JPanel(new BorderLayout(6, 0));
        line.add(input, BorderLayout.CENTER);
        line.add(send, BorderLayout.EAST);
        add(line, BorderLayout.SOUTH);

        baud.setSelectedItem(Integer.valueOf(settings.get("monitorBaud", "115200")));
        String e = settings.get("monitorElf", null);
        if (e != null && Files.isRegularFile(Path.of(e))) {
            elf(Path.of(e));
        }
        connect.addActionListener(ev -> {
            if (link == null) {
                userStopped = false;
                open(false);
            } else {
                userStopped = true;
                link.stop();
            }
        });
        reset.addActionListener(ev -> link.resetIntoApp());
        bootloader.addActionListener(ev -> link.resetIntoBootloader());
        timestamps.addActionListener(ev -> {
            if (link != null) {
                link.toggleTimestamps();
            }
        });
        elfButton.addActionListener(ev -> chooseElf());
        save.addActionListener(ev -> saveLog());
        clear.addActionListener(ev -> output.setText(""));
        send.addActionListener(ev -> sendLine());
        input.addActionListener(ev -> sendLine());
        connected(false);
    }

    boolean open() {
        return link != null;
    }

    /** Starts a session on the chosen port; {@code quiet}: no reset (reopening after a job or a new ELF). */
    private void open(boolean quiet) {
        String port = portChoice.get();
        if (port == null || port.isBlank()) {
            state("Choose the board's port above first.", StatusPanel.Tone.ERROR);
            return;
        }
        MonitorSession.Options o = new MonitorSession.Options();
        o.port = monitorPort(port);
        o.baud = selectedBaud();
        String chip = chipChoice.get();
        if ("esp8266".equals(chip) || port.startsWith("virtual://esp8266")) {
            o.romBaud = o.baud == MonitorSession.ESP8266_ROM_BAUD ? 0 : MonitorSession.ESP8266_ROM_BAUD;
        }
        o.elf = elf;
        o.color = true;
        o.timestamps = timestamps.isSelected();
        o.noReset = quiet;
        settings.put("monitorBaud", Integer.toString(o.baud));
        link = new MonitorLink(o, this::append, this::ended);
        connected(true);
        state("Connected to " + PortEntry.shortName(port) + " at " + o.baud + " baud" + (elf != null
                ? ", decoding crashes with " + elf.getFileName() : "") + ".", StatusPanel.Tone.SUCCESS);
        link.start();
    }

    /**
     * A virtual board in the list is held in download mode (as if BOOT were pressed), which suits flashing; the
     * monitor wants the board a real dev kit is: one whose auto-reset starts the app from flash.
     */
    static String monitorPort(String port) {
        if (!port.startsWith("virtual://") || port.matches(".*[?&]boot=.*")) {
            return port;
        }
        return port + (port.contains("?") ? "&" : "?") + "boot=app";
    }

    private int selectedBaud() {
        Object b = baud.getEditor().getItem();
        try {
            int v = Integer.parseInt(String.valueOf(b).strip());
            return v >= 300 ? v : 115200;
        } catch (NumberFormatException e) {
            return 115200;
        }
    }

    private void ended() {
        boolean lost = !userStopped && !reopenAfterJob;
        link = null;
        connected(false);
        if (reopenAfterJob) {
            state("Paused: flashing uses the port. The monitor comes back when the job ends.", StatusPanel.Tone.INFO);
        } else if (lost) {
            state("Disconnected: the port could not be opened or did not come back. Check the board and press"
                    + " Connect.", StatusPanel.Tone.ERROR);
        } else {
            state("Not connected. Press Connect to watch the board.", StatusPanel.Tone.INFO);
        }
    }

    /**
     * Flashing needs the port: stop the session and return a task that waits (off the event thread) until the
     * port is closed. The monitor is reopened by {@link #jobEnded()} if it was open.
     */
    Runnable releaseForJob() {
        if (link == null) {
            return () -> { };
        }
        MonitorLink l = link;
        reopenAfterJob = true;
        l.stop();
        return () -> l.awaitEnd(3000);
    }

    /** After flashing: reopen the monitor if the job took it (without another reset: the job reset the board). */
    void jobEnded() {
        if (reopenAfterJob) {
            reopenAfterJob = false;
            if (link == null) {
                userStopped = false;
                open(true);
            }
        }
    }

    /** Closing the window. */
    void close() {
        if (link != null) {
            userStopped = true;
            link.stop();
        }
    }

    private void connected(boolean on) {
        connect.setText(on ? "Disconnect" : "Connect");
        for (var c : new javax.swing.JComponent[] {reset, bootloader, send, input}) {
            c.setEnabled(on);
        }
        baud.setEnabled(!on);
    }

    private void state(String text, StatusPanel.Tone tone) {
        state.setText(text);
        state.setForeground(tone == StatusPanel.Tone.ERROR ? new Color(0xC62828) : tone == StatusPanel.Tone.SUCCESS
                ? new Color(0x2E7D32) : UIManager.getColor("Label.foreground"));
    }

    /** Shows a piece of output (event thread). */
    void append(MonitorLink.Kind kind, String text) {
        if (kind == MonitorLink.Kind.SESSION) {
            text = sessionText(text);
            if (text.isEmpty()) {
                return;
            }
        }
        StyledDocument doc = output.getStyledDocument();
        SimpleAttributeSet a = new SimpleAttributeSet();
        a.addAttribute("kind", kind);
        boolean dark = UIManager.getLookAndFeel().getName().contains("Dark");
        if (kind == MonitorLink.Kind.NOTE) {
            StyleConstants.setForeground(a, dark ? new Color(0x4FC3F7) : new Color(0x0D47A1));
            StyleConstants.setBold(a, true);
            StyleConstants.setBackground(a, dark ? new Color(0x12303F) : new Color(0xE3F2FD));
        } else if (kind == MonitorLink.Kind.SESSION) {
            StyleConstants.setForeground(a, dark ? new Color(0x9E9E9E) : new Color(0x6D6D6D));
            StyleConstants.setItalic(a, true);
        }
        try {
            if (kind != MonitorLink.Kind.DEVICE && doc.getLength() > 0
                    && !doc.getText(doc.getLength() - 1, 1).equals("\n")) {
                doc.insertString(doc.getLength(), "\n", null);
            }
            doc.insertString(doc.getLength(), text, a);
            if (doc.getLength() > KEEP) {
                doc.remove(0, doc.getLength() - KEEP * 3 / 4);
            }
        } catch (BadLocationException e) {
            throw new IllegalStateException(e);
        }
        output.setCaretPosition(doc.getLength());
    }

    /** The session's messages in this window's words (it has buttons, not key chords). */
    private String sessionText(String text) {
        if (text.contains("Waiting for the device to reconnect")) {
            state("The port went away (board unplugged or resetting): waiting for it to come back...",
                    StatusPanel.Tone.ERROR);
        } else if (text.contains("Reconnected to")) {
            state("Reconnected to " + PortEntry.shortName(link == null ? "" : link.port()) + ".",
                    StatusPanel.Tone.SUCCESS);
        }
        StringBuilder b = new StringBuilder();
        for (String l : text.split("(?<=\n)")) {
            if (l.startsWith("--- Quit: Ctrl+]")) {
                continue;
            }
            b.append(l.replace("; Ctrl+T R restarts the app", "; press Reset to start the app"));
        }
        return b.toString();
    }

    private void sendLine() {
        if (link != null) {
            link.send(input.getText());
            input.setText("");
        }
    }

    private void chooseElf() {
        JFileChooser fc = new JFileChooser(elf != null ? elf.getParent().toString() : settings.get("lastDir", null));
        fc.setDialogTitle("The app's ELF file (build/PROJECT.elf), to decode crashes; Cancel: no ELF");
        fc.setFileFilter(new javax.swing.filechooser.FileNameExtensionFilter("ELF files (*.elf)", "elf"));
        boolean chosen = fc.showOpenDialog(this) == JFileChooser.APPROVE_OPTION && fc.getSelectedFile() != null;
        elf(chosen ? fc.getSelectedFile().toPath() : null);
        settings.put("monitorElf", elf == null ? "" : elf.toString());
        if (link != null) {
            MonitorLink l = link;
            userStopped = true;
            l.stop();
            state("Reopening with the new ELF...", StatusPanel.Tone.INFO);
            // reopen without a reset once the old session has let go of the port
            new Thread(() -> {
                l.awaitEnd(3000);
                javax.swing.SwingUtilities.invokeLater(() -> {
                    if (link == null) {
                        open(true);
                    }
                });
            }, "jesptool-gui-monitor-elf").start();
        }
    }

    void elf(Path p) {
        elf = p;
        elfButton.setText(p == null ? "ELF..." : "ELF: " + p.getFileName());
    }

    private void saveLog() {
        JFileChooser fc = new JFileChooser(settings.get("lastDir", null));
        fc.setDialogTitle("Save what the monitor shows");
        fc.setSelectedFile(new java.io.File("monitor.log"));
        if (fc.showSaveDialog(this) != JFileChooser.APPROVE_OPTION || fc.getSelectedFile() == null) {
            return;
        }
        Path target = fc.getSelectedFile().toPath();
        try {
            saveTo(target);
            state("Saved the log to " + target + ".", StatusPanel.Tone.SUCCESS);
        } catch (IOException e) {
            state("Could not save " + target + ": " + e.getMessage() + ". Choose another folder.",
                    StatusPanel.Tone.ERROR);
        }
    }

    /** Writes the shown text to {@code target} whole or not at all (a temporary file moved into place). */
    void saveTo(Path target) throws IOException {
        String text;
        try {
            text = output.getDocument().getText(0, output.getDocument().getLength());
        } catch (BadLocationException e) {
            throw new IllegalStateException(e);
        }
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".monitor", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
