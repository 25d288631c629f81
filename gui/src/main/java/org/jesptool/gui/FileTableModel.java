package org.jesptool.gui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.swing.table.AbstractTableModel;
import org.jesptool.image.ImageChip;

/** The file rows as a table: enable, file, address, what the file is, progress or result. */
final class FileTableModel extends AbstractTableModel {
    static final int ENABLED = 0;
    static final int FILE = 1;
    static final int ADDRESS = 2;
    static final int WHAT = 3;
    static final int STATUS = 4;
    private static final String[] COLUMNS = {"", "File", "Address", "What it is", "Progress"};
    /** Header bytes read to tell what a file is (a merged image's partition table sits at 0x8000). */
    private static final int SNIFF_BYTES = 0x10000;

    private final List<FileRow> rows = new ArrayList<>();
    private ImageChip chip;
    private long flashSize;

    List<FileRow> rows() {
        return rows;
    }

    FileRow row(int i) {
        return rows.get(i);
    }

    /** Adds a file, reads its header and suggests its address for the detected chip. */
    FileRow add(String source) {
        FileRow r = new FileRow(source);
        inspect(r);
        if (r.address.isBlank()) {
            suggest(r);
        }
        rows.add(r);
        fireTableRowsInserted(rows.size() - 1, rows.size() - 1);
        return r;
    }

    void addRestored(FileRow r) {
        inspect(r);
        rows.add(r);
        fireTableRowsInserted(rows.size() - 1, rows.size() - 1);
    }

    void remove(int i) {
        rows.remove(i);
        fireTableRowsDeleted(i, i);
    }

    /** The detected chip and flash size: rows whose address was suggested follow them. */
    void board(ImageChip chip, long flashSize) {
        this.chip = chip;
        this.flashSize = flashSize;
        for (FileRow r : rows) {
            if (r.suggested || r.address.isBlank()) {
                suggest(r);
            }
        }
        fireTableDataChanged();
    }

    ImageChip chipOrNull() {
        return chip;
    }

    private void suggest(FileRow r) {
        if (r.sniff == null) {
            return;
        }
        long a = ImageSniffer.suggestAddress(r.displayName(), r.sniff, chip, flashSize);
        if (a >= 0) {
            r.address = Numbers.hex(a);
            r.suggested = true;
        } else if (r.source.equals(FileRow.INTERNAL_DEFAULT)) {
            r.address = "";
            r.suggested = true;
        }
    }

    /** Reads what the file is (or notes that it is missing). */
    static void inspect(FileRow r) {
        if (r.source.equals(FileRow.INTERNAL_DEFAULT)) {
            r.sniff = new ImageSniffer.Sniff(ImageSniffer.Kind.INIT_DATA, null);
            return;
        }
        if (r.source.equals(FileRow.INTERNAL_BLANK)) {
            r.sniff = new ImageSniffer.Sniff(ImageSniffer.Kind.BLANK, null);
            r.size = FileRow.SECTOR;
            return;
        }
        Path p = r.path();
        try (InputStream in = Files.newInputStream(p)) {
            r.size = Files.size(p);
            r.sniff = ImageSniffer.sniff(r.displayName(), in.readNBytes(SNIFF_BYTES));
            r.fileProblem = null;
        } catch (IOException e) {
            r.sniff = null;
            r.fileProblem = Files.exists(p) ? "cannot be read" : "file not found";
        }
    }

    void clearProgress() {
        for (FileRow r : rows) {
            r.percent = -1;
            r.result = "";
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
        return c == ENABLED ? Boolean.class : String.class;
    }

    @Override
    public boolean isCellEditable(int row, int c) {
        return c == ENABLED || c == ADDRESS && !rows.get(row).source.equals(FileRow.INTERNAL_DEFAULT);
    }

    @Override
    public Object getValueAt(int row, int c) {
        FileRow r = rows.get(row);
        return switch (c) {
            case ENABLED -> r.enabled;
            case FILE -> r.displayName();
            case ADDRESS -> r.source.equals(FileRow.INTERNAL_DEFAULT) && r.address.isBlank() ? "4th-last sector"
                    : r.address;
            case WHAT -> r.fileProblem != null ? r.fileProblem
                    : r.sniff == null ? "" : r.sniff.describe() + (r.size >= 0 ? ", " + Numbers.bytes(r.size) : "");
            default -> r.percent >= 0 && r.result.isEmpty() ? r.percent + " %" : r.result;
        };
    }

    @Override
    public void setValueAt(Object v, int row, int c) {
        FileRow r = rows.get(row);
        if (c == ENABLED) {
            r.enabled = Boolean.TRUE.equals(v);
        } else if (c == ADDRESS) {
            r.address = String.valueOf(v).trim();
            r.suggested = false;
        }
        fireTableRowsUpdated(row, row);
    }
}
