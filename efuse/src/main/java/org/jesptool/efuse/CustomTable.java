package org.jesptool.efuse;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
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

    /**
     * The fields of {@code csv}; {@code blocks} are the chip's blocks (a field must lie inside one). Anything
     * that is not such a table is refused with an {@link EfuseException} naming the file and the line.
     */
    static List<FieldDef> read(Path csv, List<FieldDef> existing, List<BlockDef> blocks) throws IOException {
        List<FieldDef> out = new ArrayList<>();
        Map<Integer, Integer> nextStart = new HashMap<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        String prevName = null;
        List<String[]> rows = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new EfuseException("Invalid eFuse table " + csv + ": not UTF-8 text");
        }
        for (String line : lines) {
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
                if (prevName == null) {
                    throw new EfuseException("Invalid line in " + csv + ": '" + String.join(",", c)
                            + "' (the first field has no name)");
                }
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
            String where = " in " + csv + " (field " + name + ")";
            String blkText = c[1].trim().replaceAll("^[EFUS_BLK]+", "");
            int block = number(blkText, "eFuse block '" + c[1].trim() + "'", where);
            if (block < 0 || block >= blocks.size()) {
                throw new EfuseException("Invalid eFuse block '" + c[1].trim() + "'" + where + ": the chip has "
                        + "BLOCK0 to BLOCK" + (blocks.size() - 1));
            }
            int blockBits = blocks.get(block).words() * 32;
            String countText = c[3].trim().replace("MAX_BLK_LEN", "256");
            int len = number(countText, "bit_count '" + c[3].trim() + "'", where);
            String startText = c[2].trim();
            int start = startText.isEmpty() ? nextStart.getOrDefault(block, 0)
                    : number(startText, "bit_start '" + startText + "'", where);
            if (len < 1 || start < 0 || start > blockBits - len) {
                throw new EfuseException("Invalid bits " + start + ".." + ((long) start + len - 1) + where + ": BLOCK"
                        + block + " holds bits 0.." + (blockBits - 1));
            }
            nextStart.put(block, start + len);
            String comment = c.length > 4 ? c[4].trim() : "";
            List<String> alts = List.of();
            int close = comment.indexOf(']');
            if (comment.startsWith("[") && close > 0) {
                String inside = comment.substring(1, close).trim();
                alts = inside.isEmpty() ? List.of() : List.of(inside.split("\\s+"));
                comment = comment.substring(close + 1).trim();
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

    private static int number(String text, String what, String where) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new EfuseException("Invalid " + what + where + ": not a number");
        }
    }
}
