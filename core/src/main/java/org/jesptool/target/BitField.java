package org.jesptool.target;

import java.io.IOException;

/**
 * A run of bits in a register that contributes to a value: {@code ((reg >> shift) & mask(width)) << placeAt}.
 * Used for chip revision fields spread over eFuse words.
 */
public record BitField(int address, int shift, int width, int placeAt) {

    /** Reads this field and returns it at its place in the combined value. */
    public int read(RegisterReader r) throws IOException {
        return ((r.read(address) >>> shift) & ((1 << width) - 1)) << placeAt;
    }

    /** Sums the given fields (they occupy disjoint bit ranges). */
    public static int combine(RegisterReader r, BitField... fields) throws IOException {
        int v = 0;
        for (BitField f : fields) {
            v |= f.read(r);
        }
        return v;
    }
}
