package org.jesptool.monitor.symbols;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Functions and inlined calls from {@code .debug_info} (monitor facts 5.4): every DW_TAG_subprogram and
 * DW_TAG_inlined_subroutine with a code range becomes a {@link Scope}, linked to the scope it sits in, so
 * that an address maps to the chain "inlined function, ..., the function it was inlined into".
 */
final class DebugInfo {
    private static final int TAG_COMPILE_UNIT = 0x11;
    private static final int TAG_PARTIAL_UNIT = 0x3c;
    private static final int TAG_SKELETON_UNIT = 0x4a;
    private static final int TAG_SUBPROGRAM = 0x2e;
    private static final int TAG_INLINED = 0x1d;
    private static final int AT_NAME = 0x03;
    private static final int AT_STMT_LIST = 0x10;
    private static final int AT_LOW_PC = 0x11;
    private static final int AT_HIGH_PC = 0x12;
    private static final int AT_COMP_DIR = 0x1b;
    private static final int AT_ABSTRACT_ORIGIN = 0x31;
    private static final int AT_SPECIFICATION = 0x47;
    private static final int AT_RANGES = 0x55;
    private static final int AT_CALL_FILE = 0x58;
    private static final int AT_CALL_LINE = 0x59;
    private static final int AT_LINKAGE_NAME = 0x6e;
    private static final int AT_MIPS_LINKAGE_NAME = 0x2007;
    private static final int AT_STR_OFFSETS_BASE = 0x72;
    private static final int AT_ADDR_BASE = 0x73;
    private static final int AT_RNGLISTS_BASE = 0x74;

    /** A function body or an inlined call: its code ranges, the scope it lies in, and how to name it. */
    static final class Scope {
        long[] ranges;
        int parent;
        long origin = -1;
        String name;
        boolean inlined;
        long callFile;
        long callLine;
        int unit;
        int depth;

        boolean contains(long pc) {
            for (int i = 0; i < ranges.length; i += 2) {
                if (ranges[i] <= pc && pc < ranges[i + 1]) {
                    return true;
                }
            }
            return false;
        }
    }

    final List<Scope> scopes = new ArrayList<>();
    /** Each compilation unit's line-program file names (for DW_AT_call_file). */
    final List<LineTable.Files> unitFiles = new ArrayList<>();
    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Long> origins = new HashMap<>();
    private final Map<Long, Map<Long, Abbrev>> abbrevCache = new HashMap<>();
    private final Sections s;
    /** Range list entries read so far: DIEs may all name the same (or overlapping) long lists. */
    private long rangeEntries;
    /** Abbreviation bytes read and DIE attributes visited so far, against declarations that make work quadratic. */
    private long abbrevBytes;
    private long attributes;

    /** The debug sections (any may be null). */
    record Sections(byte[] info, byte[] abbrev, byte[] str, byte[] lineStr, byte[] strOffsets, byte[] addr,
                    byte[] ranges, byte[] rnglists) {
    }

    private record Abbrev(int tag, boolean children, int[] attrs, int[] forms, long[] implicit) {
    }

    DebugInfo(Sections s, LineTable lines) {
        this.s = s;
        if (s.info() == null || s.abbrev() == null) {
            return;
        }
        Map<Long, LineTable.Files> programs = new HashMap<>();
        Cursor c = new Cursor(s.info(), 0, s.info().length);
        while (c.pos + 11 <= s.info().length) {
            int unitStart = c.pos;
            long length = c.u32();
            int offsetSize = 4;
            if (length == 0xFFFFFFFFL) {
                if (c.pos + 8 > s.info().length) {
                    break; // a 64-bit length cut off by the end of the section
                }
                length = c.u64();
                offsetSize = 8;
            }
            int end = length < 0 || length > s.info().length - c.pos ? s.info().length : (int) (c.pos + length);
            try {
                readUnit(new Cursor(s.info(), c.pos, end), unitStart, offsetSize, lines, programs);
            } catch (DwarfException | IndexOutOfBoundsException e) {
                // a unit we cannot read leaves its functions unnamed; the line table still works
            }
            c.pos = end;
        }
    }

    /** The unit being read: its version, sizes and the bases DWARF 5 index forms are relative to. */
    private static final class Unit {
        int version;
        int addressSize;
        int offsetSize;
        long start;
        long strOffsetsBase = 8;
        long addrBase = 8;
        long rnglistsBase = -1;
        long lowPc;
    }

    private void readUnit(Cursor c, int unitStart, int offsetSize, LineTable lines, Map<Long, LineTable.Files> programs) {
        Unit u = new Unit();
        u.start = unitStart;
        u.offsetSize = offsetSize;
        u.version = c.u16();
        long abbrevOffset;
        if (u.version >= 5) {
            int type = c.u8();
            u.addressSize = c.u8();
            abbrevOffset = c.unsigned(offsetSize);
            if (type == 2 || type == 6) { // type units: signature and type offset
                c.skip(8 + offsetSize);
            } else if (type == 4 || type == 5) { // skeleton / split: dwo id
                c.skip(8);
            }
        } else {
            abbrevOffset = c.unsigned(offsetSize);
            u.addressSize = c.u8();
        }
        Map<Long, Abbrev> abbrevs = abbrevCache.computeIfAbsent(abbrevOffset, this::readAbbrevs);
        int unitIndex = unitFiles.size();
        unitFiles.add(new LineTable.Files(new String[0]));
        List<Integer> stack = new ArrayList<>();
        boolean first = true;
        while (c.more()) {
            long dieOffset = c.pos;
            long code = c.uleb();
            if (code == 0) {
                if (!stack.isEmpty()) {
                    stack.remove(stack.size() - 1);
                }
                continue;
            }
            Abbrev a = abbrevs.get(code);
            if (a == null) {
                throw new DwarfException("unknown abbreviation " + code);
            }
            // attributes of zero size (flag_present, implicit_const) let a 1-byte DIE cost a long abbreviation
            attributes += a.attrs.length + 1;
            if (attributes > 16L * s.info().length + 4096) {
                throw new DwarfException("more DIE attributes than 16 per byte of .debug_info");
            }
            int parentScope = stack.isEmpty() ? -1 : stack.get(stack.size() - 1);
            boolean scopeTag = a.tag == TAG_SUBPROGRAM || a.tag == TAG_INLINED;
            boolean unitTag = a.tag == TAG_COMPILE_UNIT || a.tag == TAG_PARTIAL_UNIT || a.tag == TAG_SKELETON_UNIT;
            int myScope = parentScope;
            if (scopeTag || unitTag && first) {
                myScope = readScopeDie(c, a, u, dieOffset, parentScope, unitIndex, first && unitTag, lines, programs);
            } else {
                for (int i = 0; i < a.attrs.length; i++) {
                    skipValue(c, a.forms[i], u);
                }
            }
            first = false;
            if (a.children) {
                stack.add(myScope);
            }
        }
    }

    /** Reads a unit, subprogram or inlined-subroutine DIE; returns the scope index its children are in. */
    private int readScopeDie(Cursor c, Abbrev a, Unit u, long dieOffset, int parentScope, int unitIndex,
                             boolean unitDie, LineTable lines, Map<Long, LineTable.Files> programs) {
        String name = null;
        String linkage = null;
        long origin = -1;
        long low = -1;
        long high = -1;
        int highForm = 0;
        long rangesValue = -1;
        int rangesForm = 0;
        long callFile = 0;
        long callLine = 0;
        long stmtList = -1;
        String compDir = null;
        for (int i = 0; i < a.attrs.length; i++) {
            int at = a.attrs[i];
            int form = a.forms[i];
            if (form == Forms.INDIRECT) {
                form = (int) c.uleb();
            }
            switch (at) {
                case AT_NAME: name = string(c, form, u); break;
                case AT_LINKAGE_NAME: case AT_MIPS_LINKAGE_NAME: linkage = string(c, form, u); break;
                case AT_COMP_DIR: compDir = string(c, form, u); break;
                case AT_ABSTRACT_ORIGIN: case AT_SPECIFICATION: origin = reference(c, form, u); break;
                case AT_LOW_PC: low = address(c, form, u); break;
                case AT_HIGH_PC:
                    highForm = form;
                    high = Forms.isAddress(form) ? address(c, form, u) : Forms.constant(c, form);
                    break;
                case AT_RANGES:
                    rangesForm = form;
                    rangesValue = form == Forms.RNGLISTX ? c.uleb() : c.unsigned(u.offsetSize);
                    break;
                case AT_CALL_FILE: callFile = form == Forms.IMPLICIT_CONST ? a.implicit[i] : Forms.constant(c, form); break;
                case AT_CALL_LINE: callLine = form == Forms.IMPLICIT_CONST ? a.implicit[i] : Forms.constant(c, form); break;
                case AT_STMT_LIST: stmtList = c.unsigned(u.offsetSize); break;
                case AT_STR_OFFSETS_BASE: u.strOffsetsBase = c.unsigned(u.offsetSize); break;
                case AT_ADDR_BASE: u.addrBase = c.unsigned(u.offsetSize); break;
                case AT_RNGLISTS_BASE: u.rnglistsBase = c.unsigned(u.offsetSize); break;
                default: skipValue(c, form, u); break;
            }
        }
        if (high >= 0 && low >= 0 && !Forms.isAddress(highForm)) {
            high = low + high;
        }
        if (unitDie) {
            u.lowPc = Math.max(low, 0);
            if (stmtList >= 0) {
                String dir = compDir;
                long off = stmtList;
                // a program that cannot be read is remembered as such: units sharing it do not run it again
                unitFiles.set(unitIndex, programs.computeIfAbsent(off, k -> {
                    try {
                        return lines.read(k, dir);
                    } catch (DwarfException | IndexOutOfBoundsException e) {
                        return new LineTable.Files(new String[0]);
                    }
                }));
            }
            return -1;
        }
        String label = linkage != null && name == null ? linkage : name;
        if (label != null) {
            names.put(dieOffset, label);
        }
        if (origin >= 0) {
            origins.put(dieOffset, origin);
        }
        long[] ranges = null;
        if (low >= 0 && high > low) {
            ranges = new long[] {low, high};
        } else if (rangesValue >= 0) {
            ranges = ranges(rangesValue, rangesForm, u);
        }
        if (ranges == null || ranges.length == 0 || low == 0 && ranges.length == 2 && ranges[0] == 0) {
            return parentScope; // a declaration, an abstract instance or code that was discarded
        }
        Scope sc = new Scope();
        sc.ranges = ranges;
        sc.parent = parentScope;
        sc.origin = dieOffset;
        sc.inlined = a.tag == TAG_INLINED;
        sc.callFile = callFile;
        sc.callLine = callLine;
        sc.unit = unitIndex;
        sc.depth = parentScope < 0 ? 0 : scopes.get(parentScope).depth + 1;
        scopes.add(sc);
        return scopes.size() - 1;
    }

    /** The name of the DIE at {@code offset}, following abstract origins and specifications. */
    String nameOf(long offset) {
        for (int hop = 0; hop < 8 && offset >= 0; hop++) {
            String n = names.get(offset);
            if (n != null) {
                return n;
            }
            Long next = origins.get(offset);
            if (next == null) {
                return null;
            }
            offset = next;
        }
        return null;
    }

    private void countRange() {
        long sections = (s.ranges() == null ? 0 : s.ranges().length) + (s.rnglists() == null ? 0 : s.rnglists().length);
        if (++rangeEntries > 4 * sections + 1024) {
            throw new DwarfException("range lists read more than 4 times over (DIEs share overlapping lists)");
        }
    }

    private long[] ranges(long value, int form, Unit u) {
        List<Long> out = new ArrayList<>();
        if (u.version < 5) {
            if (s.ranges() == null) {
                return null;
            }
            Cursor c = Cursor.at(s.ranges(), value);
            long base = u.lowPc;
            long max = u.addressSize == 8 ? -1L : 0xFFFFFFFFL;
            while (c.pos + 2 * u.addressSize <= c.limit) {
                countRange();
                long begin = c.unsigned(u.addressSize);
                long end = c.unsigned(u.addressSize);
                if (begin == 0 && end == 0) {
                    break;
                }
                if (begin == max) {
                    base = end;
                    continue;
                }
                out.add(begin + base);
                out.add(end + base);
            }
        } else {
            if (s.rnglists() == null) {
                return null;
            }
            long offset = value;
            if (form == Forms.RNGLISTX) {
                long base = u.rnglistsBase >= 0 ? u.rnglistsBase : 12;
                offset = base + Cursor.at(s.rnglists(), base + value * u.offsetSize)
                        .unsigned(u.offsetSize);
            }
            Cursor c = Cursor.at(s.rnglists(), offset);
            long base = u.lowPc;
            while (c.more()) {
                countRange();
                int kind = c.u8();
                if (kind == 0) {
                    break;
                }
                switch (kind) {
                    case 1: base = indexedAddress(c.uleb(), u); break;
                    case 2: out.add(indexedAddress(c.uleb(), u)); out.add(indexedAddress(c.uleb(), u)); break;
                    case 3: { long a = indexedAddress(c.uleb(), u); out.add(a); out.add(a + c.uleb()); break; }
                    case 4: { long a = c.uleb(); long b = c.uleb(); out.add(base + a); out.add(base + b); break; }
                    case 5: base = c.unsigned(u.addressSize); break;
                    case 6: out.add(c.unsigned(u.addressSize)); out.add(c.unsigned(u.addressSize)); break;
                    case 7: { long a = c.unsigned(u.addressSize); out.add(a); out.add(a + c.uleb()); break; }
                    default: throw new DwarfException("unknown range list entry " + kind);
                }
            }
        }
        long[] r = new long[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = out.get(i);
        }
        return r;
    }

    private String string(Cursor c, int form, Unit u) {
        switch (form) {
            case Forms.STRING: return c.cstring();
            case Forms.STRP: return Cursor.stringAt(s.str(), c.unsigned(u.offsetSize));
            case Forms.LINE_STRP: return Cursor.stringAt(s.lineStr(), c.unsigned(u.offsetSize));
            case Forms.STRX: case Forms.GNU_STR_INDEX: return indexedString(c.uleb(), u);
            default:
                if (form >= Forms.STRX1 && form <= Forms.STRX4) {
                    return indexedString(c.unsigned(form - Forms.STRX1 + 1), u);
                }
                skipValue(c, form, u);
                return null;
        }
    }

    private String indexedString(long index, Unit u) {
        if (s.strOffsets() == null) {
            return null;
        }
        Cursor c = Cursor.at(s.strOffsets(), u.strOffsetsBase + index * u.offsetSize);
        return Cursor.stringAt(s.str(), c.unsigned(u.offsetSize));
    }

    private long address(Cursor c, int form, Unit u) {
        if (form == Forms.ADDR) {
            return c.unsigned(u.addressSize);
        }
        if (form == Forms.ADDRX || form == Forms.GNU_ADDR_INDEX) {
            return indexedAddress(c.uleb(), u);
        }
        if (form >= Forms.ADDRX1 && form <= Forms.ADDRX4) {
            return indexedAddress(c.unsigned(form - Forms.ADDRX1 + 1), u);
        }
        skipValue(c, form, u);
        return -1;
    }

    private long indexedAddress(long index, Unit u) {
        if (s.addr() == null) {
            return -1;
        }
        return Cursor.at(s.addr(), u.addrBase + index * u.addressSize).unsigned(u.addressSize);
    }

    private long reference(Cursor c, int form, Unit u) {
        switch (form) {
            case Forms.REF1: return u.start + c.u8();
            case Forms.REF2: return u.start + c.u16();
            case Forms.REF4: return u.start + c.u32();
            case Forms.REF8: return u.start + c.u64();
            case Forms.REF_UDATA: return u.start + c.uleb();
            case Forms.REF_ADDR: return c.unsigned(u.version <= 2 ? u.addressSize : u.offsetSize);
            default:
                skipValue(c, form, u);
                return -1;
        }
    }

    private void skipValue(Cursor c, int form, Unit u) {
        Forms.skip(c, form, u.addressSize, u.offsetSize, u.version);
    }

    private Map<Long, Abbrev> readAbbrevs(long offset) {
        // units at different offsets into one long table would each read the rest of it: a budget of 4 reads
        if (abbrevBytes > 4L * s.abbrev().length + 4096) {
            throw new DwarfException("abbreviation tables read more than 4 times over (units overlap them)");
        }
        Map<Long, Abbrev> m = new HashMap<>();
        Cursor c = Cursor.at(s.abbrev(), offset);
        try {
            readAbbrevs(c, m);
        } finally {
            abbrevBytes += c.pos - offset;
        }
        return m;
    }

    private static void readAbbrevs(Cursor c, Map<Long, Abbrev> m) {
        while (c.more()) {
            long code = c.uleb();
            if (code == 0) {
                break;
            }
            int tag = (int) c.uleb();
            boolean children = c.u8() != 0;
            List<long[]> specs = new ArrayList<>();
            while (true) {
                long at = c.uleb();
                long form = c.uleb();
                if (at == 0 && form == 0) {
                    break;
                }
                long implicit = form == Forms.IMPLICIT_CONST ? c.sleb() : 0;
                specs.add(new long[] {at, form, implicit});
            }
            int[] attrs = new int[specs.size()];
            int[] forms = new int[specs.size()];
            long[] implicits = new long[specs.size()];
            for (int i = 0; i < attrs.length; i++) {
                attrs[i] = (int) specs.get(i)[0];
                forms[i] = (int) specs.get(i)[1];
                implicits[i] = specs.get(i)[2];
            }
            m.put(code, new Abbrev(tag, children, attrs, forms, implicits));
        }
    }
}
