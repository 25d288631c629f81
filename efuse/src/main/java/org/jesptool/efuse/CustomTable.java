package org.jesptool.efuse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads an ESP-IDF custom eFuse table (esp_efuse_custom_table.csv) for {@code --extend-efuse-table}. */
final class CustomTable {
    private CustomTable() {
    }

    static List<FieldDef> read(Path csv, List<FieldDef> existing) throws IOException {
        List<FieldDef> out = new ArrayList<>();
        Map<Integer, Integer> nextStart = new HashMap<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        String prevName = null;
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] c = t.split(",", 5);
            if (c.length < 4) {
                throw new EfuseException("Invalid line in " + csv + ": '" + line + "' (expected field_name, "
                        + "efuse_block, bit_start, bit_count, comment)");
            }
            rows.add(c);
        }
        for (String[] c : rows) {
            String name = c[0].trim();
            if (name.isEmpty()) {
                name = prevName;
            }
            prevName = name;
            seen.merge(name, 1, Integer::sum);
        }
        Map<String, Integer> index = new HashMap<>();
        prevName = null;
        for (String[] c : rows) {
            String raw = c[0].trim().isEmpty() ? prevName : c[0].trim();
            prevName = raw;
            String name = raw.replace('.', '_');
            if (seen.get(raw) > 1) {
                int i = index.merge(raw, 1, Integer::sum) - 1;
                name = name + "_" + i;
            }
            String blkText = c[1].trim().replaceAll("^[EFUS_BLK]+", "");
            int block;
            try {
                block = Integer.parseInt(blkText);
            } catch (NumberFormatException e) {
                throw new EfuseException("Invalid eFuse block '" + c[1].trim() + "' in " + csv);
            }
            String countText = c[3].trim().replace("MAX_BLK_LEN", "256");
            int len = Integer.parseInt(countText);
            String startText = c[2].trim();
            int start = startText.isEmpty() ? nextStart.getOrDefault(block, 0) : Integer.parseInt(startText);
            nextStart.put(block, start + len);
            String comment = c.length > 4 ? c[4].trim() : "";
            List<String> alts = List.of();
            if (comment.startsWith("[")) {
                int e = comment.indexOf(']');
                alts = List.of(comment.substring(1, e).trim().split("\\s+"));
                comment = comment.substring(e + 1).trim();
            }
            String desc = comment + " (" + start + "-" + (start + len - 1) + ")";
            String type = len == 1 ? "bool" : len > 32 && len % 8 == 0 ? "bytes:" + (len / 8) : "uint:" + len;
            int wr = -1;
            int[] rd = new int[0];
            for (FieldDef f : existing) {
                if (f.block == block && !f.calculated()) {
                    wr = f.wrDis;
                    rd = f.rdDis;
                    break;
                }
            }
            out.add(new FieldDef(name, block, start / 32, start % 32, len, type, wr, rd, alts,
                    new LinkedHashMap<>(), desc, "User", FieldDef.Kind.PLAIN, List.of()));
        }
        return out;
    }
}
