package org.jesptool.image.elf;

/**
 * A section header of a 32-bit ELF file with its bytes ({@code data} is empty for NOBITS sections and for
 * sections whose type carries no loadable data). {@code alignment} is the header's sh_addralign.
 */
public record ElfSection(String name, int type, long flags, long address, long offset, long size, long alignment,
                         byte[] data) {
    public static final int SHT_PROGBITS = 0x01;
    public static final int SHT_STRTAB = 0x03;
    public static final int SHT_NOBITS = 0x08;
    public static final int SHT_INIT_ARRAY = 0x0E;
    public static final int SHT_FINI_ARRAY = 0x0F;
    public static final int SHT_PREINIT_ARRAY = 0x10;

    /** Whether elf2image turns this section into an image segment (data-bearing type, non-zero address and size). */
    public boolean isLoadable() {
        return (type == SHT_PROGBITS || type == SHT_INIT_ARRAY || type == SHT_FINI_ARRAY
                || type == SHT_PREINIT_ARRAY) && address != 0 && size > 0;
    }
}
