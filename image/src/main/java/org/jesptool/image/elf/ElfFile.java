package org.jesptool.image.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jesptool.image.ImageException;

/**
 * A strict reader of 32-bit little-endian ELF files for the Xtensa (0x5E) and RISC-V (0xF3) toolchains.
 * It reads the file header, every section header (any section type: unknown types such as
 * {@code .xtensa.info}'s are kept and simply not loadable) and every program header, and rejects files whose
 * headers or loadable data lie outside the file.
 */
public final class ElfFile {
    public static final int EM_XTENSA = 0x5E;
    public static final int EM_RISCV = 0xF3;
    private static final int FILE_HEADER_LEN = 0x34;
    private static final int SECTION_HEADER_LEN = 0x28;
    private static final int PROGRAM_HEADER_LEN = 0x20;

    private final String source;
    private final byte[] bytes;
    private final int machine;
    private final long entryPoint;
    private final List<ElfSection> sections;
    private final List<ElfProgramHeader> programHeaders;
    private final List<String> warnings;

    private ElfFile(String source, byte[] bytes, int machine, long entryPoint, List<ElfSection> sections,
                    List<ElfProgramHeader> programHeaders, List<String> warnings) {
        this.warnings = warnings;
        this.source = source;
        this.bytes = bytes;
        this.machine = machine;
        this.entryPoint = entryPoint;
        this.sections = sections;
        this.programHeaders = programHeaders;
    }

    /**
     * Parses an ELF file. {@code source} names it in error messages (usually the path).
     *
     * @throws ImageException naming the source and the offending offset when the file is not a usable ELF
     */
    public static ElfFile parse(byte[] bytes, String source) {
        if (bytes.length < FILE_HEADER_LEN) {
            throw new ImageException("Failed to read a valid ELF header from " + source
                    + ": unpack requires a buffer of " + FILE_HEADER_LEN + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if ((bytes[0] & 0xFF) != 0x7F || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
            throw new ImageException(source + " has invalid ELF magic header");
        }
        if (bytes[4] != 1) {
            throw new ImageException(source + " is not a 32-bit ELF file (EI_CLASS=" + bytes[4] + ")");
        }
        if (bytes[5] != 1) {
            throw new ImageException(source + " is not a little-endian ELF file (EI_DATA=" + bytes[5] + ")");
        }
        int machine = b.getShort(0x12) & 0xFFFF;
        if (machine != EM_XTENSA && machine != EM_RISCV) {
            throw new ImageException(String.format(
                    "%s does not appear to be an Xtensa or an RISCV ELF file. e_machine=%04x", source, machine));
        }
        long entry = u32(b, 0x18);
        long phoff = u32(b, 0x1C);
        long shoff = u32(b, 0x20);
        int phentsize = b.getShort(0x2A) & 0xFFFF;
        int phnum = b.getShort(0x2C) & 0xFFFF;
        int shentsize = b.getShort(0x2E) & 0xFFFF;
        int shnum = b.getShort(0x30) & 0xFFFF;
        int shstrndx = b.getShort(0x32) & 0xFFFF;
        if (shentsize != SECTION_HEADER_LEN) {
            throw new ImageException(String.format("%s has unexpected section header entry size 0x%x (not 0x%x)",
                    source, shentsize, SECTION_HEADER_LEN));
        }
        if (shnum == 0) {
            throw new ImageException(source + " has 0 section headers");
        }
        checkRange(bytes, shoff, (long) shnum * SECTION_HEADER_LEN, source, "section header table");
        if (shstrndx >= shnum) {
            throw new ImageException(source + " has no STRTAB section at shstrndx " + shstrndx);
        }
        long strOff = u32(b, (int) (shoff + (long) shstrndx * SECTION_HEADER_LEN + 0x10));
        long strSize = u32(b, (int) (shoff + (long) shstrndx * SECTION_HEADER_LEN + 0x14));
        checkRange(bytes, strOff, strSize, source, "section name table");
        long copied = 0;
        List<ElfSection> sections = new ArrayList<>(shnum);
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < shnum; i++) {
            int h = (int) (shoff + (long) i * SECTION_HEADER_LEN);
            long nameOff = u32(b, h);
            int type = b.getInt(h + 4);
            long flags = u32(b, h + 8);
            long addr = u32(b, h + 0x0C);
            long off = u32(b, h + 0x10);
            long size = u32(b, h + 0x14);
            long align = u32(b, h + 0x20);
            String name = nameOff < strSize ? cString(bytes, (int) (strOff + nameOff), (int) (strOff + strSize)) : "";
            if (Integer.compareUnsigned(type, 0x13) > 0 && Integer.compareUnsigned(type, 0x60000000) < 0) {
                warnings.add(String.format("Unknown section type 0x%02x in ELF file %s (section %s), the section is"
                        + " skipped.", type, source, name));
            }
            byte[] data = new byte[0];
            if (type != ElfSection.SHT_NOBITS && type != 0 && size > 0) {
                boolean loadable = new ElfSection(name, type, flags, addr, off, size, align, data).isLoadable();
                if (loadable) {
                    checkRange(bytes, off, size, source, "section " + name);
                    copied = checkCopied(copied + size, bytes, source);
                    data = Arrays.copyOfRange(bytes, (int) off, (int) (off + size));
                }
            }
            sections.add(new ElfSection(name, type, flags, addr, off, size, align, data));
        }
        // no program header table at all is fine (objcopy output); sections still describe the contents
        if (phnum != 0 && phentsize != PROGRAM_HEADER_LEN) {
            throw new ImageException(String.format("%s has unexpected program header entry size 0x%x (not 0x%x)",
                    source, phentsize, PROGRAM_HEADER_LEN));
        }
        checkRange(bytes, phoff, (long) phnum * PROGRAM_HEADER_LEN, source, "program header table");
        List<ElfProgramHeader> phdrs = new ArrayList<>(phnum);
        for (int i = 0; i < phnum; i++) {
            int h = (int) (phoff + (long) i * PROGRAM_HEADER_LEN);
            int type = b.getInt(h);
            long off = u32(b, h + 4);
            long vaddr = u32(b, h + 8);
            long paddr = u32(b, h + 12);
            long filesz = u32(b, h + 16);
            long memsz = u32(b, h + 20);
            long flags = u32(b, h + 24);
            byte[] data = new byte[0];
            if (type == ElfProgramHeader.PT_LOAD && paddr != 0 && filesz > 0) {
                checkRange(bytes, off, filesz, source, "program header " + i);
                copied = checkCopied(copied + filesz, bytes, source);
                data = Arrays.copyOfRange(bytes, (int) off, (int) (off + filesz));
            }
            phdrs.add(new ElfProgramHeader(type, off, vaddr, paddr, filesz, memsz, flags, data));
        }
        return new ElfFile(source, bytes, machine, entry, List.copyOf(sections), List.copyOf(phdrs),
                List.copyOf(warnings));
    }

    /**
     * Loadable sections and program headers each get a copy of their bytes; in a sound file they cover the file
     * about twice. Thousands of headers all naming the whole file would make a 1 MB file take gigabytes.
     */
    private static long checkCopied(long copied, byte[] bytes, String source) {
        if (copied > 4L * bytes.length + 4096) {
            throw new ImageException(String.format("%s: its sections and program headers name more than 4 times the"
                    + " file's 0x%x bytes (overlapping sections?). Corrupted ELF file?", source, bytes.length));
        }
        return copied;
    }

    private static void checkRange(byte[] bytes, long offset, long length, String source, String what) {
        if (offset < 0 || length < 0 || offset + length > bytes.length) {
            throw new ImageException(String.format("%s: %s at offset 0x%x (length 0x%x) extends past the end of"
                    + " the file (0x%x bytes). Truncated ELF file?", source, what, offset, length, bytes.length));
        }
    }

    private static long u32(ByteBuffer b, int offset) {
        return b.getInt(offset) & 0xFFFFFFFFL;
    }

    private static String cString(byte[] bytes, int start, int limit) {
        int end = start;
        while (end < limit && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    /** Warnings noticed while reading, e.g. sections of an unknown type (which are skipped). */
    public List<String> warnings() {
        return warnings;
    }

    /** Name used in messages. */
    public String source() {
        return source;
    }

    /** e_machine: {@link #EM_XTENSA} or {@link #EM_RISCV}. */
    public int machine() {
        return machine;
    }

    /** e_entry. */
    public long entryPoint() {
        return entryPoint;
    }

    /** All section headers in file order. */
    public List<ElfSection> sections() {
        return sections;
    }

    /** All program headers in file order. */
    public List<ElfProgramHeader> programHeaders() {
        return programHeaders;
    }

    /** First section with this exact name, or null. */
    public ElfSection section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /** SHA-256 of the whole ELF file. */
    public byte[] sha256() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
