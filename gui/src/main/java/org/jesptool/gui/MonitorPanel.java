package org.jesptool.gui;

import java.awt.GridBagLayout;
import javax.swing.JLabel;
import javax.swing.JPanel;

/**
 * The Monitor tab's place. The serial monitor is not part of this version yet; the tab says so plainly rather
 * than showing a monitor that does nothing.
 */
final class MonitorPanel extends JPanel {
    MonitorPanel() {
        super(new GridBagLayout());
        JLabel l = new JLabel("<html><div style='text-align:center'><b>The serial monitor is not available yet.</b>"
                + "<br><br>It will show what the board prints after flashing.<br>Until then, use any serial"
                + " terminal at 115200 baud.</div></html>");
        l.setName("monitorNotAvailable");
        add(l);
    }
}
