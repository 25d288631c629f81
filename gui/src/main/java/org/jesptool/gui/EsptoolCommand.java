package org.jesptool.gui;

import java.util.ArrayList;
import java.util.List;

/** The esptool command line that does what the window is set up to do (for the "Copy as command" button). */
final class EsptoolCommand {
    private EsptoolCommand() {
    }

    /**
     * @param options flash mode, frequency, size, erase-first, verify and compression as the window has them
     * @param initData the esp_init_data_default.bin used for INTERNAL://DEFAULT, or null
     */
    static String writeFlash(String port, int baud, FlashOptions options, List<FileRow> rows, String initData) {
        List<String> w = new ArrayList<>(List.of("esptool"));
        if (port != null && !port.isBlank()) {
            w.add("--port");
            w.add(port);
        }
        w.add("--baud");
        w.add(Integer.toString(baud));
        w.add("write-flash");
        option(w, "--flash-mode", options.mode());
        option(w, "--flash-freq", options.freq());
        option(w, "--flash-size", options.size());
        if (options.eraseFirst()) {
            w.add("--erase-all");
        }
        if (!options.verify()) {
            w.add("--no-verify");
        }
        if (options.compress() != null) {
            w.add(options.compress() ? "--compress" : "--no-compress");
        }
        List<String> notes = new ArrayList<>();
        if (rows.stream().anyMatch(r -> r.enabled && r.source.equals(FileRow.INTERNAL_DEFAULT))) {
            w.add("--init-data");
            w.add(initData != null ? initData : "esp_init_data_default.bin");
        }
        for (FileRow r : rows) {
            if (!r.enabled || r.source.equals(FileRow.INTERNAL_DEFAULT)) {
                continue;
            }
            if (r.source.equals(FileRow.INTERNAL_BLANK)) {
                notes.add("# " + FileRow.INTERNAL_BLANK + " at " + r.address.trim() + ": esptool has no pseudo-file;"
                        + " write a 4096-byte file of 0xFF bytes there.");
            } else {
                w.add(r.address.trim());
                w.add(r.source);
            }
        }
        StringBuilder s = new StringBuilder();
        for (String word : w) {
            s.append(s.length() == 0 ? "" : " ").append(shellWord(word));
        }
        for (String n : notes) {
            s.append('\n').append(n);
        }
        return s.toString();
    }

    private static void option(List<String> w, String name, String value) {
        if (value != null && !value.equals("keep")) {
            w.add(name);
            w.add(value);
        }
    }

    /** {@code s} as one shell word: as it is when safe, else in single quotes. */
    static String shellWord(String s) {
        return s.matches("[A-Za-z0-9_./:@%+=,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
