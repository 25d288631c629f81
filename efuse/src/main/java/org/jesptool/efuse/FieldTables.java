package org.jesptool.efuse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads the per-chip field tables from our resources (generated from the reference's efuse-defs YAML). */
public final class FieldTables {
    /** Every table shipped as a resource. */
    public static final List<String> TABLES = List.of("esp32", "esp32s2", "esp32s3", "esp32c2", "esp32c3", "esp32c5",
            "esp32c6", "esp32c61", "esp32h2", "esp32h2_v0.0_v1.1", "esp32p4", "esp32p4_v3.0");

    private static final Pattern DICT_ENTRY = Pattern.compile("(-?\\d+)\\s*:\\s*[\"']([^\"']*)[\"']");

    private FieldTables() {
    }

    /** All fields of a table (hidden ones included, marked by {@code show=false} in the second map). */
    static List<Raw> load(String table) {
        List<Raw> out = new ArrayList<>();
        try (InputStream in = FieldTables.class.getResourceAsStream("tables/" + table + ".tsv")) {
            if (in == null) {
                throw new IllegalStateException("no eFuse table " + table);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                out.add(new Raw(c[1].equals("y"), def(c[0], Integer.parseInt(c[2]), Integer.parseInt(c[3]),
                        Integer.parseInt(c[4]), Integer.parseInt(c[5]), c[6], c[7], c[8], c[9], c[10], c[11])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    record Raw(boolean show, FieldDef def) {
    }

    static FieldDef def(String name, int blk, int word, int pos, int len, String type, String wr, String rd, String alt,
                        String dict, String desc) {
        int wrDis = wr.equals("-") ? -1 : Integer.parseInt(wr.trim());
        int[] rdDis = rd.equals("-") ? new int[0]
                : Arrays.stream(rd.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
        List<String> alts = alt.isBlank() || alt.equals("-") ? List.of() : List.of(alt.trim().split("\\s+"));
        Map<Long, String> d = new LinkedHashMap<>();
        if (!dict.equals("-")) {
            Matcher m = DICT_ENTRY.matcher(dict);
            while (m.find()) {
                d.put(Long.parseLong(m.group(1)), m.group(2));
            }
        }
        return new FieldDef(name, blk, word, pos, len, type, wrDis, rdDis, alts, d, desc.equals("-") ? "" : desc,
                category(name), FieldDef.Kind.PLAIN, List.of());
    }

    /** The reference's category rules, first match wins. */
    static String category(String n) {
        if (n.startsWith("SPI_PAD_CONFIG")) {
            return "spi pad";
        }
        String[][] rules = {
            {"usb", "USB"}, {"wdt", "WDT"}, {"jtag", "JTAG"}, {"flash", "FLASH", "FORCE_SEND_RESUME"},
            {"vdd", "VDD_SPI_", "XPD"}, {"MAC", "MAC"},
            {"security", "BLOCK_KEY0", "BLOCK_KEY1", "BLOCK_KEY2", "BLOCK_KEY3", "BLOCK_KEY4", "BLOCK_KEY5", "BLOCK1",
                "BLOCK2"},
            {"security", "KEY", "SECURE", "DOWNLOAD", "SPI_BOOT_CRYPT_CNT", "DPA", "ECDSA", "FLASH_CRYPT_CNT",
                "ENCRYPT", "DECRYPT", "ABS_DONE"},
            {"identity", "VERSION", "WAFER", "_ID", "PKG", "PACKAGE", "REV"},
            {"calibration", "ADC", "LDO", "DBIAS", "_HVT", "CALIB", "OCODE", "TEMPERATURE", "LSLP", "DSLP"},
        };
        for (String[] rule : rules) {
            for (int i = 1; i < rule.length; i++) {
                if (n.contains(rule[i])) {
                    return rule[0];
                }
            }
        }
        return "config";
    }
}
