package org.jesptool.image.elf;

/** A program header of a 32-bit ELF file; {@code data} holds the {@code p_filesz} bytes at {@code p_offset}. */
public record ElfProgramHeader(int type, long offset, long virtualAddress, long physicalAddress, long fileSize,
                               long memorySize, long flags, byte[] data) {
    public static final int PT_LOAD = 1;

    /** Whether {@code --use-segments} turns this header into an image segment. */
    public boolean isLoadable() {
        return type == PT_LOAD && physicalAddress != 0 && fileSize > 0;
    }
}
