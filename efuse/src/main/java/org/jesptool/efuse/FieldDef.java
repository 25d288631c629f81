package org.jesptool.efuse;

import java.util.List;
import java.util.Map;

/**
 * One eFuse field: where its bits are (block, word, pos, length), its type, the WR_DIS/RD_DIS bits that
 * protect it, alternative names, meaningful values and description. Calculated fields have no word/pos and
 * are composed of other fields ({@link #parts}, lowest part last).
 */
public final class FieldDef {
    /** How a field's value is shown. */
    public enum Kind { PLAIN, MAC, KEY_PURPOSE, VREF, ADC_TP, T_SENSOR, SPI_PIN, CALC, EUI64 }

    final String name;
    final int block;
    final Integer word;
    final Integer pos;
    final int bitLen;
    final String type;
    final int wrDis;
    final int[] rdDis;
    final List<String> alts;
    final Map<Long, String> dict;
    final String description;
    final String category;
    final Kind kind;
    /** For calculated fields: (field name, shift) pairs whose values are OR-ed. */
    final List<Map.Entry<String, Integer>> parts;

    FieldDef(String name, int block, Integer word, Integer pos, int bitLen, String type, int wrDis, int[] rdDis,
             List<String> alts, Map<Long, String> dict, String description, String category, Kind kind,
             List<Map.Entry<String, Integer>> parts) {
        this.name = name;
        this.block = block;
        this.word = word;
        this.pos = pos;
        this.bitLen = bitLen;
        this.type = type;
        this.wrDis = wrDis;
        this.rdDis = rdDis;
        this.alts = alts;
        this.dict = dict;
        this.description = description;
        this.category = category;
        this.kind = kind;
        this.parts = parts;
    }

    FieldDef withType(String newType, int newLen) {
        return new FieldDef(name, block, word, pos, newLen, newType, wrDis, rdDis, alts, dict, description, category,
                kind, parts);
    }

    FieldDef withKind(Kind k) {
        return new FieldDef(name, block, word, pos, bitLen, type, wrDis, rdDis, alts, dict, description, category, k,
                parts);
    }

    FieldDef withDescription(String d) {
        return new FieldDef(name, block, word, pos, bitLen, type, wrDis, rdDis, alts, dict, d, category, kind, parts);
    }

    public String name() {
        return name;
    }

    public int block() {
        return block;
    }

    public int bitLength() {
        return bitLen;
    }

    public String type() {
        return type;
    }

    public String description() {
        return description;
    }

    public String category() {
        return category;
    }

    public List<String> alternativeNames() {
        return alts;
    }

    public boolean isBytes() {
        return type.startsWith("bytes");
    }

    public boolean isBool() {
        return type.equals("bool");
    }

    /** First bit inside the block. */
    int start() {
        return word * 32 + pos;
    }

    boolean calculated() {
        return word == null;
    }

    @Override
    public String toString() {
        return name;
    }
}
