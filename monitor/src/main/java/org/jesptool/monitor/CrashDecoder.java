package org.jesptool.monitor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jesptool.monitor.symbols.Symbolizer;

/**
 * Turns the code addresses in a line into {@code function at file:line} with the app's ELF (monitor facts
 * 3.5): every {@code 0x} + 8 hex digits that lies in the ELF's code (Xtensa backtraces, RISC-V register and
 * stack dumps, {@code abort() was called at PC}), and the bare stack words of ESP8266 dumps. Also compares the
 * {@code ELF file SHA256} the app prints with the ELF's.
 */
public final class CrashDecoder {
    private static final Pattern ADDRESS = Pattern.compile("0[xX]([0-9a-fA-F]{8})");
    private static final Pattern STACK_8266 = Pattern.compile("^([0-9a-f]{8}):\\s+((?:[0-9a-f]{8}\\s*)+)<?\\s*$");
    private static final Pattern WORD = Pattern.compile("[0-9a-f]{8}");
    private static final Pattern ELF_SHA = Pattern.compile("ELF file SHA256:\\s+([0-9a-fA-F]+)");

    private final Symbolizer elf;
    private boolean warnedOutside;

    /** With {@code elf} null nothing is decoded. */
    public CrashDecoder(Symbolizer elf) {
        this.elf = elf;
    }

    /** The notes for one line: one per decoded address, plus its inlined-by frames. */
    public List<String> decode(String line) {
        List<String> notes = new ArrayList<>();
        if (elf == null) {
            return notes;
        }
        Matcher sha = ELF_SHA.matcher(line);
        if (sha.find()) {
            String printed = sha.group(1).toLowerCase(Locale.ROOT);
            if (elf.sha256Hex().startsWith(printed)) {
                notes.add("the app's ELF SHA-256 matches " + elf.name());
            } else {
                notes.add("Warning: the app on the chip was not built from " + elf.name() + " (it prints ELF SHA-256 "
                        + printed + "..., the file has " + elf.sha256Hex().substring(0, 16) + "...): decoded"
                        + " addresses may be wrong. Pass the ELF of the flashed build with --elf");
            }
            return notes;
        }
        if (line.startsWith("load:0x") || line.startsWith("entry 0x") || line.startsWith("skip load:")) {
            return notes; // the ROM's load lines: addresses of the bootloader, not of this ELF
        }
        Set<Long> addresses = new LinkedHashSet<>();
        Matcher m = ADDRESS.matcher(line);
        while (m.find()) {
            addresses.add(Long.parseLong(m.group(1), 16));
        }
        Matcher s = STACK_8266.matcher(line);
        if (s.find()) {
            Matcher w = WORD.matcher(s.group(2));
            while (w.find()) {
                long v = Long.parseLong(w.group(), 16);
                if (v >= 0x40000000L && v < 0x40300000L) {
                    addresses.add(v);
                }
            }
        }
        boolean backtrace = line.startsWith("Backtrace:");
        for (long a : addresses) {
            List<Symbolizer.Frame> frames = elf.lookup(a);
            if (frames.isEmpty()) {
                if (backtrace && (a & 0xFF000000L) == 0x40000000L && a >= 0x40070000L && !warnedOutside) {
                    warnedOutside = true;
                    notes.add(String.format("0x%08x is not code of %s (ROM code, or the ELF does not match the app)",
                            a, elf.name()));
                }
                continue;
            }
            for (Symbolizer.Frame f : frames) {
                notes.add(f.inlinedBy() ? "    (inlined by) " + f : String.format("0x%08x: %s", a, f));
            }
        }
        return notes;
    }
}
