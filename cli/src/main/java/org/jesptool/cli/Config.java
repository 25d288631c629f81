package org.jesptool.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jesptool.command.Timeouts;

/**
 * The {@code [esptool]} section of esptool.cfg / setup.cfg / tox.ini (facts 1.5). Search order: the file
 * named by ESPTOOL_CFGFILE, then the first of those three names with an {@code [esptool]} section in the
 * current directory, {@code ~/.config/esptool/}, and the home directory.
 */
public final class Config {
    static final Set<String> KNOWN = Set.of("timeout", "chip_erase_timeout", "max_timeout", "sync_timeout",
            "md5_timeout_per_mb", "erase_region_timeout_per_mb", "erase_write_timeout_per_mb", "mem_end_rom_timeout",
            "serial_write_timeout", "connect_attempts", "write_block_attempts", "reset_delay", "open_port_attempts",
            "custom_reset_sequence", "custom_hard_reset_sequence", "stub_file");

    private final Path file;
    private final Map<String, String> values;

    private Config(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    /** No file: all defaults. */
    public static Config empty() {
        return new Config(null, Map.of());
    }

    /** Finds and reads the config file as esptool does. */
    public static Config find(Map<String, String> env, Path cwd, Path home) throws IOException {
        String named = env.get("ESPTOOL_CFGFILE");
        if (named != null && !named.isBlank()) {
            Path p = cwd.resolve(named);
            if (Files.isRegularFile(p)) {
                Map<String, String> v = readSection(p);
                if (v != null) {
                    return new Config(p, v);
                }
            }
        }
        List<Path> dirs = new ArrayList<>(List.of(cwd));
        if (home != null) {
            boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
            dirs.add(windows ? home.resolve("AppData/Local/esptool") : home.resolve(".config/esptool"));
            dirs.add(home);
        }
        for (Path dir : dirs) {
            for (String name : List.of("esptool.cfg", "setup.cfg", "tox.ini")) {
                Path p = dir.resolve(name);
                if (Files.isRegularFile(p)) {
                    Map<String, String> v = readSection(p);
                    if (v != null) {
                        return new Config(p, v);
                    }
                }
            }
        }
        return empty();
    }

    /** The {@code [esptool]} section of an INI file, or null when it has none. Continuation lines are joined. */
    static Map<String, String> readSection(Path p) throws IOException {
        Map<String, String> v = null;
        boolean in = false;
        String lastKey = null;
        List<String> lines;
        try {
            lines = Files.readAllLines(p);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(p + " is not UTF-8 text", e);
        }
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("[") && line.endsWith("]")) {
                in = line.substring(1, line.length() - 1).trim().equals("esptool");
                if (in && v == null) {
                    v = new LinkedHashMap<>();
                }
                lastKey = null;
                continue;
            }
            if (!in || line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            boolean continuation = Character.isWhitespace(raw.charAt(0)) && lastKey != null;
            if (continuation) {
                v.put(lastKey, (v.get(lastKey) + "\n" + line).strip());
                continue;
            }
            int eq = indexOfSeparator(line);
            if (eq < 0) {
                continue;
            }
            lastKey = line.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            v.put(lastKey, line.substring(eq + 1).trim());
        }
        return v;
    }

    private static int indexOfSeparator(String line) {
        int a = line.indexOf('=');
        int b = line.indexOf(':');
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    /** The file read, or null. */
    public Path file() {
        return file;
    }

    /** Keys this tool does not know (reported as a note). */
    public List<String> unknownKeys() {
        return values.keySet().stream().filter(k -> !KNOWN.contains(k)).toList();
    }

    public String get(String key) {
        return values.get(key);
    }

    public double getDouble(String key, double def) {
        String v = values.get(key);
        if (v == null) {
            return def;
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new FatalError("Config file " + file + ": " + key + " = " + v + " is not a number.");
        }
        if (!Double.isFinite(d) || d < 0) {
            // a timeout of NaN, -1 or Infinity would fail every command at once or wait forever
            throw new FatalError("Config file " + file + ": " + key + " = " + v + " is not a non-negative number"
                    + " of seconds.");
        }
        return d;
    }

    public int getInt(String key, int def) {
        String v = values.get(key);
        if (v == null) {
            return def;
        }
        try {
            return Math.toIntExact(org.jesptool.image.Numbers.parse(v));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new FatalError("Config file " + file + ": " + key + " = " + v + " is not an integer.");
        }
    }

    /** Command timeouts from the config (defaults for missing keys). */
    public Timeouts timeouts() {
        Timeouts d = Timeouts.defaults();
        double chipErase = getDouble("chip_erase_timeout", d.chipEraseTimeout());
        return new Timeouts(getDouble("timeout", d.timeout()), chipErase,
                getDouble("max_timeout", values.containsKey("chip_erase_timeout") ? 2 * chipErase : d.maxTimeout()),
                getDouble("sync_timeout", d.syncTimeout()), getDouble("md5_timeout_per_mb", d.md5TimeoutPerMb()),
                getDouble("erase_region_timeout_per_mb", d.eraseRegionTimeoutPerMb()),
                getDouble("erase_write_timeout_per_mb", d.eraseWriteTimeoutPerMb()),
                getDouble("mem_end_rom_timeout", d.memEndRomTimeout()));
    }
}
