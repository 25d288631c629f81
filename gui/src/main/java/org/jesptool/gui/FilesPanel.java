package org.jesptool.gui;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.datatransfer.DataFlavor;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JMenuItem;
import javax.swing.JPanel;
import javax.swing.JPopupMenu;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.TransferHandler;
import javax.swing.table.DefaultTableCellRenderer;
import javax.swing.table.TableColumnModel;

/**
 * The Flash tab: the file rows (enable / file / address, drag and drop), the options, the Flash button and
 * "Copy as esptool command".
 */
final class FilesPanel extends JPanel {
    final FileTableModel model = new FileTableModel();
    final JTable table = new JTable(model) {
        @Override
        protected void paintComponent(java.awt.Graphics g) {
            super.paintComponent(g);
            if (getRowCount() == 0) {
                g.setColor(javax.swing.UIManager.getColor("Label.disabledForeground"));
                g.setFont(getFont().deriveFont(getFont().getSize2D() + 1f));
                int y = getRowHeight() + 10;
                for (String line : EMPTY_HINT) {
                    g.drawString(line, 16, y);
                    y += g.getFontMetrics().getHeight();
                }
            }
        }
    };
    private static final String[] EMPTY_HINT = {
        "Drag your firmware files here from the file manager, or press Add file...",
        "For ESP-IDF and Arduino builds: bootloader.bin, partitions.bin and the application .bin",
        "(or one merged .bin). For NodeMCU: the firmware .bin, plus INTERNAL://DEFAULT if you need it.",
        "Each file's address is filled in from what the file is; you can change it."};
    final JButton addFile = new JButton("Add file...");
    final JButton addSpecial = new JButton("Add NodeMCU item");
    final JButton remove = new JButton("Remove");
    final JComboBox<String> mode = new JComboBox<>(new String[] {"keep", "qio", "qout", "dio", "dout"});
    final JComboBox<String> freq = new JComboBox<>(new String[] {"keep", "80m", "60m", "48m", "40m", "30m", "26m",
        "24m", "20m", "16m", "15m", "12m"});
    final JComboBox<String> size = new JComboBox<>(new String[] {"detect", "keep", "256KB", "512KB", "1MB", "2MB",
        "4MB", "8MB", "16MB", "32MB", "64MB", "128MB"});
    final JCheckBox eraseFirst = new JCheckBox("Erase the whole flash first");
    final JCheckBox verify = new JCheckBox("Verify after writing", true);
    final JComboBox<String> compression = new JComboBox<>(new String[] {"automatic", "on", "off"});
    final JButton flash = new JButton("3. Flash");
    final JButton copyCommand = new JButton("Copy as esptool command");

    /** @param onFiles called with dropped or chosen files */
    FilesPanel(Consumer<List<Path>> onFiles) {
        super(new BorderLayout(0, 8));
        setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
        table.setName("files");
        addFile.setName("addFile");
        addSpecial.setName("addSpecial");
        remove.setName("remove");
        mode.setName("flashMode");
        freq.setName("flashFreq");
        size.setName("flashSize");
        eraseFirst.setName("eraseFirst");
        verify.setName("verify");
        compression.setName("compression");
        flash.setName("flash");
        copyCommand.setName("copyCommand");

        table.setRowHeight(Math.max(table.getRowHeight(), 26));
        table.setFillsViewportHeight(true);
        table.putClientProperty("terminateEditOnFocusLost", Boolean.TRUE);
        TableColumnModel cols = table.getColumnModel();
        cols.getColumn(FileTableModel.ENABLED).setMaxWidth(34);
        cols.getColumn(FileTableModel.FILE).setPreferredWidth(220);
        cols.getColumn(FileTableModel.ADDRESS).setPreferredWidth(110);
        cols.getColumn(FileTableModel.WHAT).setPreferredWidth(330);
        cols.getColumn(FileTableModel.STATUS).setPreferredWidth(150);
        cols.getColumn(FileTableModel.FILE).setCellRenderer(new DefaultTableCellRenderer() {
            @Override
            public Component getTableCellRendererComponent(JTable t, Object v, boolean sel, boolean focus, int row,
                    int col) {
                JLabel l = (JLabel) super.getTableCellRendererComponent(t, v, sel, focus, row, col);
                l.setToolTipText(model.row(row).source);
                return l;
            }
        });
        TransferHandler drop = new FileDrop(onFiles);
        table.setTransferHandler(drop);
        JScrollPane scroll = new JScrollPane(table);
        scroll.setTransferHandler(drop);
        scroll.setBorder(BorderFactory.createTitledBorder(
                "2. Files to flash (tick the ones to write; drag files here)"));

        JPanel rowButtons = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0));
        rowButtons.add(addFile);
        rowButtons.add(addSpecial);
        rowButtons.add(remove);

        JPanel options = new JPanel(new java.awt.GridLayout(2, 1, 0, 2));
        options.setBorder(BorderFactory.createTitledBorder("Options (the defaults suit almost every board)"));
        JPanel line1 = new JPanel(new FlowLayout(FlowLayout.LEFT, 8, 0));
        line1.add(labelled("Flash mode", mode));
        line1.add(labelled("Frequency", freq));
        line1.add(labelled("Size", size));
        line1.add(labelled("Compression", compression));
        JPanel line2 = new JPanel(new FlowLayout(FlowLayout.LEFT, 8, 0));
        line2.add(verify);
        line2.add(eraseFirst);
        options.add(line1);
        options.add(line2);
        mode.setToolTipText("keep: as in the bootloader file (recommended)");
        size.setToolTipText("detect: the size the flash chip reports");

        flash.setFont(flash.getFont().deriveFont(Font.BOLD, flash.getFont().getSize2D() + 3f));
        flash.putClientProperty("FlatLaf.style", "background: $Component.accentColor; foreground: #ffffff;"
                + " borderColor: $Component.accentColor; margin: 4,24,4,24");
        JPanel actions = new JPanel(new FlowLayout(FlowLayout.LEFT, 8, 0));
        actions.add(flash);
        actions.add(copyCommand);

        JPanel south = new JPanel(new BorderLayout(0, 6));
        south.add(rowButtons, BorderLayout.NORTH);
        south.add(options, BorderLayout.CENTER);
        south.add(actions, BorderLayout.SOUTH);
        add(scroll, BorderLayout.CENTER);
        add(south, BorderLayout.SOUTH);
    }

    private static JComponent labelled(String label, JComponent c) {
        JPanel p = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 0));
        p.add(new JLabel(label));
        p.add(c);
        return p;
    }

    /** The popup of NodeMCU pseudo-files. */
    JPopupMenu specialMenu(Runnable initData, Runnable blank) {
        JPopupMenu m = new JPopupMenu();
        JMenuItem d = new JMenuItem("INTERNAL://DEFAULT - ESP8266 SDK init data (4th-last sector)");
        d.setName("internalDefault");
        d.addActionListener(e -> initData.run());
        JMenuItem b = new JMenuItem("INTERNAL://BLANK - one blank 4 KB sector");
        b.setName("internalBlank");
        b.addActionListener(e -> blank.run());
        m.add(d);
        m.add(b);
        return m;
    }

    FlashOptions options() {
        String c = (String) compression.getSelectedItem();
        return new FlashOptions((String) mode.getSelectedItem(), (String) freq.getSelectedItem(),
                (String) size.getSelectedItem(), eraseFirst.isSelected(), verify.isSelected(),
                "on".equals(c) ? Boolean.TRUE : "off".equals(c) ? Boolean.FALSE : null);
    }

    void stopEditing() {
        if (table.isEditing()) {
            table.getCellEditor().stopCellEditing();
        }
    }

    /** Accepts files dropped from the desktop's file manager. */
    static final class FileDrop extends TransferHandler {
        private final Consumer<List<Path>> onFiles;

        FileDrop(Consumer<List<Path>> onFiles) {
            this.onFiles = onFiles;
        }

        @Override
        public boolean canImport(TransferSupport s) {
            return s.isDataFlavorSupported(DataFlavor.javaFileListFlavor);
        }

        @Override
        public boolean importData(TransferSupport s) {
            if (!canImport(s)) {
                return false;
            }
            try {
                List<?> files = (List<?>) s.getTransferable().getTransferData(DataFlavor.javaFileListFlavor);
                List<Path> paths = new ArrayList<>();
                for (Object f : files) {
                    paths.add(((File) f).toPath());
                }
                onFiles.accept(paths);
                return true;
            } catch (Exception e) {
                return false;
            }
        }
    }
}
