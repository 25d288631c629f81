package org.jesptool.gui;

import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;

/** The Backup & erase tab: read the whole flash to a file, write such a file back, erase everything. */
final class ToolsPanel extends JPanel {
    final JButton backup = new JButton("Back up the whole flash...");
    final JButton restore = new JButton("Restore a backup...");
    final JButton erase = new JButton("Erase the whole flash...");

    ToolsPanel() {
        super(new GridBagLayout());
        setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        backup.setName("backup");
        restore.setName("restore");
        erase.setName("erase");
        add(backup, "Reads everything in the board's flash into a file, so you can go back to what was there"
                + " before flashing.", 0);
        add(restore, "Writes a backup file back to the board, starting at address 0x0, and verifies it.", 1);
        add(erase, "Sets every byte of the flash to 0xFF. The board will not start until you flash it again.", 2);
        GridBagConstraints filler = new GridBagConstraints();
        filler.gridy = 3;
        filler.weighty = 1;
        add(new JLabel(), filler);
    }

    private void add(JButton b, String text, int row) {
        GridBagConstraints g = new GridBagConstraints();
        g.gridy = row;
        g.insets = new Insets(6, 0, 6, 12);
        g.anchor = GridBagConstraints.WEST;
        g.fill = GridBagConstraints.HORIZONTAL;
        add(b, g);
        g.gridx = 1;
        g.weightx = 1;
        add(new JLabel("<html>" + text + "</html>"), g);
    }
}
