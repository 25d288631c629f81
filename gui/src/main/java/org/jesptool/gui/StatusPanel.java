package org.jesptool.gui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Font;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.UIManager;

/**
 * The bottom of the window: the result of the last action in a coloured banner, the current file's and the
 * overall progress (with rate and time left), Stop, and the log with what the command line would print.
 */
final class StatusPanel extends JPanel {
    enum Tone { INFO, WORKING, SUCCESS, WARNING, ERROR }

    final JTextArea result = new JTextArea(2, 40);
    final JProgressBar fileBar = new JProgressBar(0, 100);
    final JProgressBar overallBar = new JProgressBar(0, 100);
    final JButton stop = new JButton("Stop");
    final JTextArea log = new JTextArea(8, 60);
    private Tone tone = Tone.INFO;

    StatusPanel() {
        super(new BorderLayout(0, 6));
        result.setName("result");
        result.setEditable(false);
        result.setLineWrap(true);
        result.setWrapStyleWord(true);
        result.setFocusable(false);
        result.setFont(result.getFont().deriveFont(Font.BOLD, result.getFont().getSize2D() + 1f));
        result.setBorder(BorderFactory.createEmptyBorder(8, 10, 8, 10));
        fileBar.setName("fileProgress");
        overallBar.setName("overallProgress");
        for (JProgressBar b : new JProgressBar[] {fileBar, overallBar}) {
            b.setStringPainted(true);
            b.setString(" ");
        }
        stop.setName("stop");
        stop.setEnabled(false);
        stop.setToolTipText("Stop after the current block; the flash is then only partly written");
        log.setName("log");
        log.setEditable(false);
        log.setLineWrap(true);
        log.setFont(new Font(Font.MONOSPACED, Font.PLAIN, log.getFont().getSize()));

        JPanel bars = new JPanel(new GridBagLayout());
        GridBagConstraints g = new GridBagConstraints();
        g.insets = new Insets(2, 0, 2, 6);
        g.anchor = GridBagConstraints.WEST;
        bars.add(new JLabel("This file:"), g);
        g.gridx = 1;
        g.weightx = 1;
        g.fill = GridBagConstraints.HORIZONTAL;
        bars.add(fileBar, g);
        g.gridx = 2;
        g.weightx = 0;
        g.gridheight = 2;
        g.fill = GridBagConstraints.VERTICAL;
        bars.add(stop, g);
        g.gridheight = 1;
        g.gridx = 0;
        g.gridy = 1;
        g.fill = GridBagConstraints.NONE;
        bars.add(new JLabel("Overall:"), g);
        g.gridx = 1;
        g.weightx = 1;
        g.fill = GridBagConstraints.HORIZONTAL;
        bars.add(overallBar, g);

        JPanel top = new JPanel(new BorderLayout(0, 6));
        top.add(result, BorderLayout.NORTH);
        top.add(bars, BorderLayout.CENTER);
        add(top, BorderLayout.NORTH);
        JScrollPane logScroll = new JScrollPane(log);
        logScroll.setBorder(BorderFactory.createTitledBorder("Log (what the esptool command line would print)"));
        add(logScroll, BorderLayout.CENTER);
        show(Tone.INFO, "");
    }

    /** The banner: what happened and what to do. */
    void show(Tone t, String text) {
        tone = t;
        result.setText(text);
        result.setVisible(!text.isEmpty());
        recolor();
    }

    Tone tone() {
        return tone;
    }

    @Override
    public void updateUI() {
        super.updateUI();
        if (result != null) {
            recolor();
        }
    }

    private void recolor() {
        boolean dark = UIManager.getBoolean("laf.dark");
        Color bg = switch (tone) {
            case SUCCESS -> dark ? new Color(0x1E4620) : new Color(0xD9F2DC);
            case ERROR -> dark ? new Color(0x5C1E1E) : new Color(0xFADBD8);
            case WARNING -> dark ? new Color(0x5C4A1E) : new Color(0xFCEFC7);
            case WORKING -> dark ? new Color(0x1E3A5C) : new Color(0xDCE9F7);
            default -> UIManager.getColor("Panel.background");
        };
        result.setBackground(bg);
        result.setForeground(UIManager.getColor("Label.foreground"));
    }

    void appendLog(String line) {
        log.append(line);
        log.append("\n");
        log.setCaretPosition(log.getDocument().getLength());
    }

    void resetBars() {
        fileBar.setValue(0);
        fileBar.setString(" ");
        overallBar.setValue(0);
        overallBar.setString(" ");
    }
}
