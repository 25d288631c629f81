package org.jesptool.image;

/** One entry of a chip's memory map: {@code [start, end)} named like {@code IROM} or {@code DRAM}. */
public record MemoryRegion(long start, long end, String name) {
    /** Whether {@code address} lies in this region. */
    public boolean contains(long address) {
        return start <= address && address < end;
    }
}
