package org.jesptool.monitor.symbols;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Address to file:line from {@code .debug_line} (DWARF 2 to 5, monitor facts 5.3): runs every line
 * program and keeps, per address range, the file and line of the row that starts it.
 */
final class LineTable {
    private final byte[] lineSection;
    private final byte[] lineStr;
    private final byte[] str;
    private final List<String> paths = new ArrayList<>();
    private final Map<String, Integer> pathIds = new HashMap<>();
    private long[] starts = new long[1024];
    private long[] ends = new long[1024];
    private int[] files = new int[1024];
    private int[] lines = new int[1024];
    private int count;
    private boolean sorted;
    /** Bytes of line programs run so far: programs at overlapping offsets could run the section over and over. */
    private long ran;

    LineTable(byte[] lineSection, byte[] lineStr, byte[] str) {
        this.lineSection = lineSection;
        this.lineStr = lineStr;
        this.str = str;
    }

    /** A line program's file names, indexed by the numbers DWARF uses for them (v2-4 from 1, v5 from 0). */
    record Files(String[] names) {
        String name(long index) {
            return index >= 0 && index < names.length ? names[(int) index] : null;
        }
    }

    /** Runs the line program at {@code offset}; {@code compDir} is the unit's DW_AT_comp_dir (may be null). */
    Files read(long offset, String compDir) {
        if (lineSection == null || offset < 0 || offset >= lineSection.length) {
            return new Files(new String[0]);
        }
        Cursor c = Cursor.at(lineSection, offset);
        long unitLength = c.u32();
        int offsetSize = 4;
        if (unitLength == 0xFFFFFFFFL) {
            unitLength = c.u64();
            offsetSize = 8;
        }
        int end = unitLength < 0 || unitLength > lineSection.length - c.pos ? lineSection.length
                : (int) (c.pos + unitLength);
        c = new Cursor(lineSection, c.pos, end);
        int version = c.u16();
        int addressSize = 4;
        if (version >= 5) {
            addressSize = c.u8();
            c.u8(); // segment selector size
        }
        long headerLength = c.unsigned(offsetSize);
        long programStart = c.pos + headerLength;
        int minInst = c.u8();
        if (version >= 4) {
            c.u8(); // maximum operations per instruction (1 on these targets)
        }
        boolean defaultIsStmt = c.u8() != 0;
        int lineBase = (byte) c.u8();
        int lineRange = c.u8();
        if (lineRange == 0) {
            throw new DwarfException("line program with line_range 0");
        }
        int opcodeBase = c.u8();
        int[] opLengths = new int[Math.max(opcodeBase, 1)];
        for (int i = 1; i < opcodeBase; i++) {
            opLengths[i] = c.u8();
        }
        List<String> names = new ArrayList<>();
        if (version >= 5) {
            List<String> dirs = entries(c, offsetSize, null, null);
            String base = dirs.isEmpty() ? compDir : dirs.get(0);
            List<String> dirPaths = new ArrayList<>();
            for (int i = 0; i < dirs.size(); i++) {
                dirPaths.add(i == 0 ? dirs.get(0) : join(base, dirs.get(i)));
            }
            names.addAll(entries(c, offsetSize, dirPaths, base));
        } else {
            List<String> dirs = new ArrayList<>();
            dirs.add(compDir);
            while (true) {
                String d = c.cstring();
                if (d.isEmpty()) {
                    break;
                }
                dirs.add(join(compDir, d));
            }
            names.add(null); // file numbers start at 1
            while (true) {
                String f = c.cstring();
                if (f.isEmpty()) {
                    break;
                }
                long dir = c.uleb();
                c.uleb();
                c.uleb();
                names.add(join(dir < dirs.size() ? dirs.get((int) dir) : compDir, f));
            }
        }
        c.seek(programStart);
        ran += end - programStart;
        if (ran > 4L * lineSection.length + 4096) {
            throw new DwarfException("line programs run more than 4 times the size of .debug_line (they overlap)");
        }
        run(c, names, addressSize, minInst, defaultIsStmt, lineBase, lineRange, opcodeBase, opLengths);
        return new Files(names.toArray(String[]::new));
    }

    /** DWARF 5 directory or file entries; files are joined with their directory. */
    private List<String> entries(Cursor c, int offsetSize, List<String> dirs, String base) {
        int formatCount = c.u8();
        long[][] format = new long[formatCount][2];
        for (int i = 0; i < formatCount; i++) {
            format[i][0] = c.uleb();
            format[i][1] = c.uleb();
        }
        long n = c.uleb();
        if (n > c.limit - c.pos) { // an entry takes a byte at least (a zero-size form alone would be no entry)
            throw new DwarfException("line program header lists " + n + " entries in " + (c.limit - c.pos) + " bytes");
        }
        List<String> out = new ArrayList<>();
        for (long k = 0; k < n; k++) {
            String path = null;
            long dir = 0;
            for (long[] f : format) {
                int form = (int) f[1];
                if (f[0] == 1) { // DW_LNCT_path
                    path = stringForm(c, form, offsetSize);
                } else if (f[0] == 2) { // DW_LNCT_directory_index
                    dir = Forms.constant(c, form);
                } else {
                    Forms.skip(c, form, 4, offsetSize, 5);
                }
            }
            if (dirs == null) {
                out.add(path);
            } else {
                out.add(join(dir < dirs.size() ? dirs.get((int) dir) : base, path));
            }
        }
        return out;
    }

    private String stringForm(Cursor c, int form, int offsetSize) {
        switch (form) {
            case Forms.STRING: return c.cstring();
            case Forms.LINE_STRP: return Cursor.stringAt(lineStr, c.unsigned(offsetSize));
            case Forms.STRP: return Cursor.stringAt(str, c.unsigned(offsetSize));
            default:
                Forms.skip(c, form, 4, offsetSize, 5);
                return null;
        }
    }

    static String join(String dir, String name) {
        if (name == null) {
            return null;
        }
        if (name.startsWith("/") || dir == null || dir.isEmpty() || name.matches("^[A-Za-z]:[\\\\/].*")) {
            return name;
        }
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    private void run(Cursor c, List<String> names, int addressSize, int minInst, boolean defaultIsStmt,
                     int lineBase, int lineRange, int opcodeBase, int[] opLengths) {
        long address = 0;
        long file = 1;
        long line = 1;
        long rowAddress = -1;
        int rowFile = 0;
        int rowLine = 0;
        while (c.more()) {
            int op = c.u8();
            boolean emit = false;
            boolean endSequence = false;
            if (op >= opcodeBase) {
                int adj = op - opcodeBase;
                address += (long) minInst * (adj / lineRange);
                line += lineBase + adj % lineRange;
                emit = true;
            } else if (op == 0) {
                long len = c.uleb();
                if (len < 0 || len > c.limit - c.pos) {
                    throw new DwarfException("extended opcode of " + len + " bytes runs past the line program");
                }
                long next = c.pos + len;
                int sub = len > 0 ? c.u8() : 0;
                if (sub == 1) {
                    emit = true;
                    endSequence = true;
                } else if (sub == 2) {
                    address = c.unsigned(addressSize);
                }
                c.seek(next);
            } else {
                switch (op) {
                    case 1: emit = true; break;
                    case 2: address += c.uleb() * minInst; break;
                    case 3: line += c.sleb(); break;
                    case 4: file = c.uleb(); break;
                    case 5: c.uleb(); break;
                    case 8: address += (long) minInst * ((255 - opcodeBase) / lineRange); break;
                    case 9: address += c.u16(); break;
                    case 6: case 7: case 10: case 11: break;
                    default:
                        for (int i = 0; i < opLengths[op]; i++) {
                            c.uleb();
                        }
                }
            }
            if (emit) {
                if (rowAddress >= 0 && address > rowAddress) {
                    add(rowAddress, address, rowFile, rowLine);
                }
                if (endSequence) {
                    rowAddress = -1;
                    address = 0;
                    file = 1;
                    line = 1;
                } else {
                    rowAddress = address;
                    rowFile = pathId(file < names.size() && file >= 0 ? names.get((int) file) : null);
                    rowLine = (int) line;
                }
            }
        }
    }

    private int pathId(String path) {
        String p = path == null ? "??" : path;
        return pathIds.computeIfAbsent(p, k -> {
            paths.add(k);
            return paths.size() - 1;
        });
    }

    private void add(long start, long end, int file, int line) {
        if (count == starts.length) {
            int n = count * 2;
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            files = Arrays.copyOf(files, n);
            lines = Arrays.copyOf(lines, n);
        }
        starts[count] = start;
        ends[count] = end;
        files[count] = file;
        lines[count] = line;
        count++;
        sorted = false;
    }

    /** A source position: file path ({@code ??} when unknown) and line (0 when unknown). */
    record Position(String file, int line) {
    }

    /** The position of the row range containing {@code address}, or null. */
    Position find(long address) {
        sort();
        int lo = 0;
        int hi = count - 1;
        int best = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= address) {
                best = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        // ranges of different sequences may overlap a little (discarded functions): look back a few rows
        for (int i = best; i >= 0 && i > best - 8; i--) {
            if (starts[i] <= address && address < ends[i]) {
                return new Position(paths.get(files[i]), lines[i]);
            }
        }
        return null;
    }

    private void sort() {
        if (sorted) {
            return;
        }
        Integer[] idx = new Integer[count];
        for (int i = 0; i < count; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Long.compare(starts[a], starts[b]));
        long[] s = new long[count];
        long[] e = new long[count];
        int[] f = new int[count];
        int[] l = new int[count];
        for (int i = 0; i < count; i++) {
            s[i] = starts[idx[i]];
            e[i] = ends[idx[i]];
            f[i] = files[idx[i]];
            l[i] = lines[idx[i]];
        }
        starts = s;
        ends = e;
        files = f;
        lines = l;
        sorted = true;
    }
}
