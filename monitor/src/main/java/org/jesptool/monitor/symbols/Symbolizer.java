package org.jesptool.monitor.symbols;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.jesptool.image.ImageException;
import org.jesptool.image.elf.ElfFile;
import org.jesptool.image.elf.ElfSection;

/**
 * Turns code addresses of a firmware ELF into {@code function at file:line}, inlined calls included, the way
 * {@code addr2line -f -i} does: names from DWARF (.debug_info) or else from .symtab, lines from .debug_line.
 */
public final class Symbolizer {
    private static final long SHF_EXECINSTR = 0x4;

    /** One frame of an address: innermost first; file is {@code ??} and line 0 when unknown. */
    public record Frame(String function, String file, int line, boolean inlinedBy) {
        /** {@code func at /path/file.c:12}, as the monitor prints it. */
        @Override
        public String toString() {
            return (function == null ? "??" : function) + " at " + file + ":" + (line == 0 ? "?" : Integer.toString(line));
        }
    }

    private final String name;
    private final byte[] sha256;
    private final long[][] code;
    private final SymbolTable symbols;
    private final LineTable lines;
    private final DebugInfo info;

    Symbolizer(String name, byte[] sha256, long[][] code, SymbolTable symbols, LineTable lines, DebugInfo info) {
        this.name = name;
        this.sha256 = sha256;
        this.code = code;
        this.symbols = symbols;
        this.lines = lines;
        this.info = info;
    }

    /**
     * Reads an ELF file's symbols and debug information.
     *
     * @throws IllegalArgumentException when the file is not an Xtensa or RISC-V ELF (message says why)
     */
    public static Symbolizer load(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ElfFile elf;
        try {
            elf = ElfFile.parse(bytes, file.toString());
        } catch (ImageException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        List<long[]> code = new ArrayList<>();
        for (ElfSection s : elf.sections()) {
            if ((s.flags() & SHF_EXECINSTR) != 0 && s.size() > 0 && s.address() != 0) {
                code.add(new long[] {s.address(), s.address() + s.size()});
            }
        }
        code.sort(Comparator.comparingLong(r -> r[0]));
        byte[] symtab = data(bytes, elf.section(".symtab"));
        byte[] strtab = data(bytes, elf.section(".strtab"));
        SymbolTable symbols = new SymbolTable(symtab, strtab, elf.sections());
        byte[] str = data(bytes, elf.section(".debug_str"));
        byte[] lineStr = data(bytes, elf.section(".debug_line_str"));
        LineTable lines = new LineTable(data(bytes, elf.section(".debug_line")), lineStr, str);
        DebugInfo info = new DebugInfo(new DebugInfo.Sections(data(bytes, elf.section(".debug_info")),
                data(bytes, elf.section(".debug_abbrev")), str, lineStr, data(bytes, elf.section(".debug_str_offsets")),
                data(bytes, elf.section(".debug_addr")), data(bytes, elf.section(".debug_ranges")),
                data(bytes, elf.section(".debug_rnglists"))), lines);
        return new Symbolizer(file.getFileName().toString(), sha256(bytes), code.toArray(long[][]::new), symbols, lines,
                info);
    }

    private static byte[] data(byte[] file, ElfSection s) {
        if (s == null || s.type() == ElfSection.SHT_NOBITS || s.offset() + s.size() > file.length) {
            return null;
        }
        return Arrays.copyOfRange(file, (int) s.offset(), (int) (s.offset() + s.size()));
    }

    /** The file name (no directory) of the ELF. */
    public String name() {
        return name;
    }

    /** SHA-256 of the whole ELF file as lowercase hex (what ESP-IDF apps print as "ELF file SHA256"). */
    public String sha256Hex() {
        StringBuilder b = new StringBuilder();
        for (byte x : sha256) {
            b.append(String.format("%02x", x & 0xFF));
        }
        return b.toString();
    }

    /** Whether {@code address} lies in one of the ELF's executable sections. */
    public boolean isCode(long address) {
        for (long[] r : code) {
            if (r[0] <= address && address < r[1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * The frames of {@code address}, innermost first (an inlined function, then each function it was
     * inlined into); empty when the address is not code of this ELF.
     */
    public List<Frame> lookup(long address) {
        List<Frame> out = new ArrayList<>();
        if (!isCode(address)) {
            return out;
        }
        LineTable.Position pos = lines.find(address);
        String file = pos == null ? "??" : pos.file();
        int line = pos == null ? 0 : pos.line();
        DebugInfo.Scope scope = innermost(address);
        if (scope == null) {
            out.add(new Frame(symbols.nameAt(address), file, line, false));
            return out;
        }
        boolean inlinedBy = false;
        while (scope != null) {
            String fn = info.nameOf(scope.origin);
            if (fn == null && !scope.inlined) {
                fn = symbols.nameAt(address);
            }
            out.add(new Frame(fn, file, line, inlinedBy));
            if (!scope.inlined) {
                break;
            }
            LineTable.Files files = info.unitFiles.get(scope.unit);
            String callFile = files.name(scope.callFile);
            file = callFile == null ? "??" : callFile;
            line = (int) scope.callLine;
            inlinedBy = true;
            scope = scope.parent < 0 ? null : info.scopes.get(scope.parent);
        }
        return out;
    }

    private DebugInfo.Scope innermost(long address) {
        DebugInfo.Scope best = null;
        for (DebugInfo.Scope s : info.scopes) {
            if ((best == null || s.depth > best.depth) && s.contains(address)) {
                best = s;
            }
        }
        return best;
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
