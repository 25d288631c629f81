package org.jesptool.efuse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the reference's per-chip eFuse field tables (efuse-defs YAML: one flow mapping per field) and renders
 * them as the project's own tab-separated resource format. Used to generate the resources and to prove they agree.
 */
final class YamlFieldTables {
    static final String[] COLUMNS = {"show", "blk", "word", "pos", "len", "type", "wr_dis", "rd_dis", "alt", "dict", "desc"};

    private YamlFieldTables() {
    }

    /** Field name to its key/value map, in file order. */
    static Map<String, Map<String, String>> parse(Path yaml) throws IOException {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(yaml, StandardCharsets.UTF_8)) {
            if (!line.startsWith("  ") || line.trim().isEmpty() || line.trim().startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            int brace = line.indexOf('{');
            if (colon < 0 || brace < colon) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            out.put(name, flowMap(line.substring(brace + 1, line.lastIndexOf('}'))));
        }
        return out;
    }

    /** Parses the inside of a YAML flow mapping with plain, single- and double-quoted scalars. */
    static Map<String, String> flowMap(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        int i = 0;
        while (i < s.length()) {
            int colon = s.indexOf(':', i);
            if (colon < 0) {
                break;
            }
            String key = s.substring(i, colon).trim();
            int j = colon + 1;
            while (j < s.length() && s.charAt(j) == ' ') {
                j++;
            }
            StringBuilder v = new StringBuilder();
            if (j < s.length() && (s.charAt(j) == '\'' || s.charAt(j) == '"')) {
                char q = s.charAt(j++);
                while (j < s.length()) {
                    char c = s.charAt(j++);
                    if (c == q) {
                        if (q == '\'' && j < s.length() && s.charAt(j) == '\'') {
                            v.append('\'');
                            j++;
                            continue;
                        }
                        break;
                    }
                    v.append(c);
                }
                int comma = s.indexOf(',', j);
                j = comma < 0 ? s.length() : comma + 1;
            } else {
                int comma = s.indexOf(',', j);
                int end = comma < 0 ? s.length() : comma;
                v.append(s, j, end);
                j = comma < 0 ? s.length() : comma + 1;
                String t = v.toString().trim();
                v.setLength(0);
                v.append(t);
            }
            m.put(key, v.toString());
            i = j;
        }
        return m;
    }

    /** The resource text: one line per field, name then the columns, tab separated, null as "-". */
    static String render(Map<String, Map<String, String>> fields) {
        StringBuilder sb = new StringBuilder();
        sb.append("# generated from the efuse-defs YAML by YamlFieldTables; name").append('\t')
                .append(String.join("\t", COLUMNS)).append('\n');
        for (Map.Entry<String, Map<String, String>> e : fields.entrySet()) {
            List<String> cols = new ArrayList<>();
            cols.add(e.getKey());
            for (String c : COLUMNS) {
                String v = e.getValue().get(c);
                cols.add(v == null || v.equals("null") ? "-" : v.replace('\t', ' '));
            }
            sb.append(String.join("\t", cols)).append('\n');
        }
        return sb.toString();
    }

    /** Regenerates the resources: {@code java ... YamlFieldTables <efuse-defs dir> <resource dir>}. */
    static void generate(Path defs, Path out, List<String> tables) throws IOException {
        for (String t : tables) {
            Files.writeString(out.resolve(t + ".tsv"), render(parse(defs.resolve(t + ".yaml"))), StandardCharsets.UTF_8);
        }
    }
}
