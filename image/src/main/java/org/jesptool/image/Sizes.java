package org.jesptool.image;

/** Flash size names as the image tools take them ({@code 4MB}, {@code 64KB}); numbers are {@link Numbers}. */
public final class Sizes {
    private Sizes() {
    }

    /**
     * Bytes of a size written like {@code 4MB} or {@code 64KB} (text after the unit, as in {@code 4MB-c1}, is
     * ignored). As in the reference, a size without an upper-case MB or KB unit is refused.
     */
    public static long flashSizeBytes(String size) {
        int mb = size.indexOf("MB");
        int kb = size.indexOf("KB");
        try {
            if (mb >= 0) {
                return Long.parseLong(size.substring(0, mb).trim().replace("_", "")) * 1024 * 1024;
            } else if (kb >= 0) {
                return Long.parseLong(size.substring(0, kb).trim().replace("_", "")) * 1024;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new ImageException("Unknown size " + size);
    }
}
