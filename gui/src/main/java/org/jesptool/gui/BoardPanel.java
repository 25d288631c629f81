package org.jesptool.gui;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GridLayout;
import java.util.List;
import java.util.Objects;
import javax.swing.BorderFactory;
import javax.swing.DefaultComboBoxModel;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;

/** The top of the window: which board (port list that follows plugging), baud rate, Detect, and what was found. */
final class BoardPanel extends JPanel {
    final JComboBox<Object> port = new JComboBox<>();
    final JComboBox<Integer> baud = new JComboBox<>(new Integer[] {115200, 230400, 460800, 921600, 1500000});
    final JButton detect = new JButton("Detect");
    final JLabel hint = new JLabel();
    private final JPanel facts = new JPanel(new GridLayout(0, 2, 12, 2));
    private final StringBuilder factsText = new StringBuilder();

    BoardPanel() {
        super(new BorderLayout(0, 6));
        setBorder(BorderFactory.createEmptyBorder(8, 8, 0, 8));
        port.setName("port");
        port.setEditable(true);
        port.putClientProperty("JTextField.placeholderText", "open this list to choose a board (or a virtual one to"
                + " try things out)");
        port.setPrototypeDisplayValue("/dev/ttyUSB0  -  Silicon Labs CP210x (10C4:EA60) #0001 and some more text");
        port.setToolTipText("The board's serial port; the list follows boards as they are plugged in. You can also"
                + " type socket://HOST:PORT, rfc2217://HOST:PORT or virtual://CHIP.");
        baud.setName("baud");
        baud.setEditable(true);
        baud.setToolTipText("Speed for flashing; 460800 works with most boards, lower it if flashing fails");
        detect.setName("detect");
        detect.setToolTipText("Connect and show what chip and flash the board has");
        hint.setName("boardHint");
        // show a chosen board's name from its start, not scrolled to the end of its description
        port.addActionListener(e -> javax.swing.SwingUtilities.invokeLater(() -> {
            if (port.getEditor().getEditorComponent() instanceof javax.swing.text.JTextComponent t) {
                t.setCaretPosition(0);
            }
        }));
        JPanel line = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0));
        JLabel portLabel = new JLabel("1. Board (port):");
        portLabel.setFont(portLabel.getFont().deriveFont(Font.BOLD));
        line.add(portLabel);
        line.add(port);
        line.add(new JLabel("Baud:"));
        line.add(baud);
        line.add(detect);
        add(line, BorderLayout.NORTH);
        facts.setName("boardFacts");
        JPanel factsBox = new JPanel(new BorderLayout());
        factsBox.add(hint, BorderLayout.NORTH);
        factsBox.add(facts, BorderLayout.CENTER);
        factsBox.setBorder(BorderFactory.createEmptyBorder(0, 8, 0, 0));
        add(factsBox, BorderLayout.CENTER);
        clearFacts("Plug in a board (or pick a virtual board to try things out), then press Detect.");
    }

    /** The port typed or chosen. */
    String selectedPort() {
        Object o = port.isEditable() ? port.getEditor().getItem() : port.getSelectedItem();
        if (o instanceof PortEntry p) {
            return p.port();
        }
        String s = o == null ? "" : o.toString().trim();
        for (int i = 0; i < port.getItemCount(); i++) {
            if (port.getItemAt(i) instanceof PortEntry p && p.label().equals(s)) {
                return p.port();
            }
        }
        int dash = s.indexOf("  -  ");
        return dash > 0 ? s.substring(0, dash) : s;
    }

    int selectedBaud() {
        Object o = baud.isEditable() ? baud.getEditor().getItem() : baud.getSelectedItem();
        try {
            return Integer.parseInt(String.valueOf(o).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** New port list: keeps the choice when that board is still there. */
    void ports(List<PortEntry> entries) {
        String current = selectedPort();
        DefaultComboBoxModel<Object> m = new DefaultComboBoxModel<>(entries.toArray());
        port.setModel(m);
        for (PortEntry e : entries) {
            if (Objects.equals(e.port(), current)) {
                port.setSelectedItem(e);
                return;
            }
        }
        if (current != null && !current.isEmpty()) {
            port.setSelectedItem(current);
        } else if (!entries.isEmpty() && !entries.get(0).port().startsWith("virtual://")) {
            port.setSelectedItem(entries.get(0)); // a USB board: most likely the one to flash
        } else {
            port.setSelectedItem(null); // nothing plugged in: let the user choose (a virtual board to try things out)
        }
    }

    void selectPort(String name) {
        for (int i = 0; i < port.getItemCount(); i++) {
            if (port.getItemAt(i) instanceof PortEntry p && p.port().equals(name)) {
                port.setSelectedIndex(i);
                return;
            }
        }
        port.setSelectedItem(name);
    }

    /** The facts shown, one "label: value" a line. */
    String facts() {
        return factsText.toString();
    }

    void clearFacts(String text) {
        facts.removeAll();
        factsText.setLength(0);
        hint.setText(text);
        hint.setVisible(true);
        revalidate();
        repaint();
    }

    void showFacts(BoardInfo info) {
        facts.removeAll();
        factsText.setLength(0);
        hint.setVisible(false);
        for (String[] f : info.facts()) {
            JPanel cell = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 0));
            JLabel l = new JLabel(f[0] + ":");
            l.setFont(l.getFont().deriveFont(Font.BOLD));
            JLabel v = new JLabel(f[1]);
            v.setName("fact." + f[0]);
            cell.add(l);
            cell.add(v);
            factsText.append(f[0]).append(": ").append(f[1]).append('\n');
            facts.add(cell);
        }
        revalidate();
        repaint();
    }
}
