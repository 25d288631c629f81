package org.jesptool.image;

import java.util.Arrays;

/**
 * One segment of a firmware image (or one section of an ELF file on its way into an image): a load address
 * and its bytes. {@code name} is the ELF section name when the segment came from an ELF file, else null.
 */
public final class Segment {
    private long address;
    private byte[] data;
    private final String name;
    private final long fileOffset;
    private boolean includedInChecksum = true;
    /** Required start alignment (the ELF section's sh_addralign; 4 when unknown). */
    private long alignment = 4;

    /** A segment; data of segments with a non-zero address is zero-padded to a multiple of 4, as the reference does. */
    public Segment(long address, byte[] data, String name, long fileOffset) {
        this.address = address;
        this.name = name;
        this.fileOffset = fileOffset;
        this.data = address != 0 ? padTo(data, 4) : data;
    }

    /** Load address. */
    public long address() {
        return address;
    }

    /** The segment's bytes (not copied). */
    public byte[] data() {
        return data;
    }

    /** Number of data bytes. */
    public int length() {
        return data.length;
    }

    /** ELF section name, or null. */
    public String name() {
        return name;
    }

    /** Offset of the segment header in the image file it was read from, or -1. */
    public long fileOffset() {
        return fileOffset;
    }

    /** Whether the segment's data count in the image checksum. */
    public boolean includedInChecksum() {
        return includedInChecksum;
    }

    long alignment() {
        return alignment;
    }

    Segment withAlignment(long alignment) {
        this.alignment = alignment;
        return this;
    }

    void setIncludedInChecksum(boolean included) {
        this.includedInChecksum = included;
    }

    void setAddress(long address) {
        this.address = address;
    }

    void setData(byte[] data) {
        this.data = data;
    }

    void append(byte[] more) {
        byte[] joined = Arrays.copyOf(data, data.length + more.length);
        System.arraycopy(more, 0, joined, data.length, more.length);
        data = joined;
    }

    Segment copy() {
        Segment s = new Segment(address, data.clone(), name, fileOffset);
        s.includedInChecksum = includedInChecksum;
        s.alignment = alignment;
        return s;
    }

    /** Splits {@code length} bytes off the front into a new segment; this one keeps the rest and moves up. */
    Segment splitFront(int length) {
        int n = Math.min(length, data.length);
        Segment front = new Segment(0, Arrays.copyOf(data, n), name, -1);
        front.address = address;
        front.includedInChecksum = includedInChecksum;
        data = Arrays.copyOfRange(data, n, data.length);
        address += length;
        return front;
    }

    static byte[] padTo(byte[] data, int alignment) {
        int rem = data.length % alignment;
        return rem == 0 ? data : Arrays.copyOf(data, data.length + alignment - rem);
    }

    @Override
    public String toString() {
        return String.format("%s len 0x%05x load 0x%08x", name == null ? "" : name, data.length, address);
    }
}
