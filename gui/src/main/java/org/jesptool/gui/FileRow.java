package org.jesptool.gui;

import java.nio.file.Path;

/**
 * One row of the file list: enabled, a file (or a NodeMCU pseudo-file) and the address typed or suggested.
 * Mutated on the event thread only.
 */
final class FileRow {
    /** NodeMCU Flasher's pseudo-file: ESP8266 SDK init data at the 4th-last sector (2nd-last blanked). */
    static final String INTERNAL_DEFAULT = "INTERNAL://DEFAULT";
    /** NodeMCU Flasher's pseudo-file: one 4 KiB sector of 0xFF. */
    static final String INTERNAL_BLANK = "INTERNAL://BLANK";
    static final int SECTOR = 0x1000;

    boolean enabled = true;
    /** The file path as shown, or one of the INTERNAL:// names. */
    String source;
    String address = "";
    /** What the file is (from its header), or null before it was read. */
    ImageSniffer.Sniff sniff;
    /** A problem with the file itself (missing, unreadable), or null. */
    String fileProblem;
    long size = -1;
    /** Whether the address came from a suggestion (and may follow a newly detected chip). */
    boolean suggested;
    /** This row's progress, 0..100, or -1 when idle; and its last result in words. */
    int percent = -1;
    String result = "";

    FileRow(String source) {
        this.source = source;
    }

    boolean isInternal() {
        return source.startsWith("INTERNAL://");
    }

    Path path() {
        return isInternal() ? null : Path.of(source);
    }

    String displayName() {
        if (isInternal()) {
            return source;
        }
        Path p = path().getFileName();
        return p == null ? source : p.toString();
    }
}
