package org.jesptool.gui;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the window remembers between runs, per user, where the platform keeps such things (java.util.prefs:
 * the registry on Windows, ~/Library/Preferences on macOS, ~/.java/.userPrefs on Linux). The node can be
 * changed with -Djesptool.gui.prefs=NODE (tests use their own).
 */
final class Settings {
    private final Preferences prefs;

    Settings(Preferences prefs) {
        this.prefs = prefs;
    }

    static Settings forUser() {
        return new Settings(Preferences.userRoot().node(System.getProperty("jesptool.gui.prefs", "org/jesptool/gui")));
    }

    String get(String key, String def) {
        return prefs.get(key, def);
    }

    void put(String key, String value) {
        if (value == null) {
            prefs.remove(key);
        } else {
            prefs.put(key, value);
        }
    }

    boolean getBoolean(String key, boolean def) {
        return prefs.getBoolean(key, def);
    }

    void putBoolean(String key, boolean value) {
        prefs.putBoolean(key, value);
    }

    /** The file rows: one line each, {@code enabled TAB address TAB source}. */
    List<FileRow> rows() {
        List<FileRow> rows = new ArrayList<>();
        for (String line : prefs.get("rows", "").split("\n")) {
            String[] f = line.split("\t", 3);
            if (f.length == 3) {
                FileRow r = new FileRow(f[2]);
                r.enabled = Boolean.parseBoolean(f[0]);
                r.address = f[1];
                rows.add(r);
            }
        }
        return rows;
    }

    void rows(List<FileRow> rows) {
        StringBuilder sb = new StringBuilder();
        for (FileRow r : rows) {
            sb.append(r.enabled).append('\t').append(r.address.replace('\t', ' ').replace('\n', ' ')).append('\t')
                    .append(r.source).append('\n');
        }
        String s = sb.toString();
        // a Preferences value holds at most 8 KiB: drop what does not fit rather than fail
        prefs.put("rows", s.length() > Preferences.MAX_VALUE_LENGTH ? "" : s);
    }

    void flush() {
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            // not fatal: the settings are simply not kept
        }
    }

    /** Forgets everything (tests). */
    void clear() {
        try {
            prefs.clear();
        } catch (BackingStoreException e) {
            // nothing kept anyway
        }
    }
}
