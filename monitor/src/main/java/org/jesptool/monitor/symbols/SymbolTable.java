package org.jesptool.monitor.symbols;

import java.util.ArrayList;
import java.util.List;

import org.jesptool.image.elf.ElfSection;

/** Function names from {@code .symtab} (monitor facts 5.2), the fallback when DWARF names nothing. */
final class SymbolTable {
    private static final int STT_NOTYPE = 0;
    private static final int STT_FUNC = 2;
    private final long[] values;
    private final long[] sizes;
    private final int[] sections;
    private final String[] names;
    private final List<ElfSection> elfSections;

    SymbolTable(byte[] symtab, byte[] strtab, List<ElfSection> elfSections) {
        this.elfSections = elfSections;
        List<Object[]> syms = new ArrayList<>();
        if (symtab != null) {
            Cursor c = new Cursor(symtab, 0, symtab.length);
            while (c.pos + 16 <= symtab.length) {
                long nameOff = c.u32();
                long value = c.u32();
                long size = c.u32();
                int infoByte = c.u8();
                c.u8();
                int shndx = c.u16();
                int type = infoByte & 0xF;
                if ((type == STT_FUNC || type == STT_NOTYPE) && shndx != 0 && shndx < elfSections.size()
                        && (elfSections.get(shndx).flags() & 0x4) != 0) {
                    String n = Cursor.stringAt(strtab, nameOff);
                    if (n != null && !n.isEmpty() && !n.startsWith("$") && !n.startsWith(".L")) {
                        syms.add(new Object[] {value, type == STT_FUNC ? size : 0L, shndx, n});
                    }
                }
            }
        }
        syms.sort((a, b) -> Long.compare((Long) a[0], (Long) b[0]));
        int n = syms.size();
        values = new long[n];
        sizes = new long[n];
        sections = new int[n];
        names = new String[n];
        for (int i = 0; i < n; i++) {
            values[i] = (Long) syms.get(i)[0];
            sizes[i] = (Long) syms.get(i)[1];
            sections[i] = (Integer) syms.get(i)[2];
            names[i] = (String) syms.get(i)[3];
        }
    }

    /** The function containing {@code address}: a sized symbol around it, else the nearest symbol below. */
    String nameAt(long address) {
        int lo = 0;
        int hi = values.length - 1;
        int best = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] <= address) {
                best = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        for (int i = best; i >= 0 && i > best - 16; i--) {
            if (sizes[i] > 0 && address < values[i] + sizes[i]) {
                return names[i];
            }
        }
        if (best < 0) {
            return null;
        }
        ElfSection sec = elfSections.get(sections[best]);
        // as addr2line: the nearest symbol below, within the same section
        return address < sec.address() + sec.size() ? names[best] : null;
    }
}
