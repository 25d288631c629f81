package org.jesptool.cli.efuse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jesptool.efuse.Efuses;
import org.jesptool.efuse.FieldDef;

/** The summary command's output: the human table, the JSON object and single values. */
final class SummaryWriter {
    private SummaryWriter() {
    }

    /** A value as Python's str() would print it. */
    static String plain(Object v) {
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double d) {
            return pythonFloat(d);
        }
        return String.valueOf(v);
    }

    static String pythonFloat(double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d)) {
            return (d == 0 && 1 / d < 0 ? "-" : "") + (long) Math.abs(d) + ".0";
        }
        return Double.toString(d);
    }

    private static List<FieldDef> selected(Efuses ef, List<String> names) {
        List<FieldDef> out = new ArrayList<>();
        for (FieldDef f : ef.fields()) {
            if (names.isEmpty() || names.contains(f.name())) {
                out.add(f);
            }
        }
        return out;
    }

    static String json(Efuses ef, List<String> names) {
        Map<String, FieldDef> sorted = new TreeMap<>();
        for (FieldDef f : selected(ef, names)) {
            sorted.put(f.name(), f);
        }
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (FieldDef f : sorted.values()) {
            sb.append(first ? "\n" : ",\n");
            first = false;
            sb.append("    ").append(quote(f.name())).append(": {\n");
            Map<String, Object> m = new TreeMap<>();
            m.put("bit_len", (long) f.bitLength());
            m.put("block", (long) f.block());
            m.put("category", f.category());
            m.put("description", f.description());
            m.put("efuse_type", f.type());
            m.put("name", f.name());
            m.put("pos", ef.position(f) == null ? null : (long) ef.position(f)[1]);
            m.put("raw_value", ef.rawHex(f));
            m.put("readable", ef.readable(f));
            m.put("value", ef.value(f));
            m.put("word", ef.position(f) == null ? null : (long) ef.position(f)[0]);
            m.put("writeable", ef.writeable(f));
            boolean firstKey = true;
            for (Map.Entry<String, Object> e : m.entrySet()) {
                sb.append(firstKey ? "" : ",\n");
                firstKey = false;
                sb.append("        ").append(quote(e.getKey())).append(": ").append(jsonValue(e.getValue()));
            }
            sb.append("\n    }");
        }
        sb.append(first ? "}" : "\n}");
        return sb.toString();
    }

    private static String jsonValue(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (v instanceof Double d) {
            return pythonFloat(d);
        }
        if (v instanceof Number n) {
            return String.valueOf(n.longValue());
        }
        return quote(v.toString());
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** The human table, categories sorted by title, as the reference prints it. */
    static String text(Efuses ef, List<String> names) {
        StringBuilder sb = new StringBuilder();
        sb.append("EFUSE_NAME (Block) Description  = [Meaningful Value] [Readable/Writeable] (Hex Value)\n");
        sb.append("-".repeat(88)).append('\n');
        Map<String, List<FieldDef>> byCategory = new TreeMap<>();
        for (FieldDef f : selected(ef, names)) {
            byCategory.computeIfAbsent(title(f.category()), k -> new ArrayList<>()).add(f);
        }
        for (Map.Entry<String, List<FieldDef>> e : byCategory.entrySet()) {
            sb.append(e.getKey()).append(" fuses:\n");
            for (FieldDef f : e.getValue()) {
                sb.append(row(ef, f));
            }
            sb.append('\n');
        }
        String voltage = ef.flashVoltageText();
        sb.append(voltage == null ? "" : voltage).append('\n');
        if (ef.hasErrors()) {
            sb.append("WARNING: Coding scheme has encoding bit error warnings\n");
        }
        return sb.toString();
    }

    private static String title(String category) {
        StringBuilder sb = new StringBuilder();
        for (String w : category.split(" ")) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1).toLowerCase());
        }
        return sb.toString();
    }

    private static String row(Efuses ef, FieldDef f) {
        String info = f.name() + " (BLOCK" + f.block() + ")";
        if (ef.errorCount(f.block()) != 0 || ef.failed(f.block())) {
            info += "[error]";
        }
        String purpose = ef.purposeOfKeyBlock(f);
        if (purpose != null) {
            info += "\n  Purpose: " + purpose + "\n ";
        }
        String desc = f.description();
        String first = desc.length() > 50 ? desc.substring(0, 50) : desc;
        String value = plain(ef.value(f));
        String nl = value.length() > 20 ? "\n  " : "";
        String perms = (ef.readable(f) ? "R" : "-") + "/" + (ef.writeable(f) ? "W" : "-");
        String raw = f.isBytes() ? "" : "(" + ef.bitsText(f) + ")";
        StringBuilder sb = new StringBuilder(String.format("%-50s %-50s%s = %s %s %s", info, first, nl, value, perms,
                raw)).append('\n');
        for (int i = 50; i < desc.length(); i += 50) {
            sb.append(String.format("%-50s %-50s", "", desc.substring(i, Math.min(desc.length(), i + 50))))
                    .append('\n');
        }
        return sb.toString();
    }
}
