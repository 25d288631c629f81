package org.jesptool.efuse;

import java.util.List;

/**
 * One eFuse block: id, name and aliases, where its read registers are, how many words it holds, the WR_DIS bit
 * that protects it (-1: per field, BLOCK0), the RD_DIS bits that hide it, and the key-purpose field (or null).
 */
public record BlockDef(int id, String name, List<String> aliases, int rdOffset, int words, int wrDisBit,
                       int[] rdDisBits, String purposeField, int wrOffset) {
    /** Every name the block answers to. */
    public List<String> allNames() {
        java.util.ArrayList<String> all = new java.util.ArrayList<>();
        all.add(name);
        all.addAll(aliases);
        return all;
    }

    public int bytes() {
        return words * 4;
    }

    boolean answersTo(String n) {
        return name.equalsIgnoreCase(n) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(n));
    }
}
