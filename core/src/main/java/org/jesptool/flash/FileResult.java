package org.jesptool.flash;

/**
 * How one file or region went.
 *
 * @param operation "Wrote", "Read", "Verified", "Erased", "Skipped"
 * @param name file name
 * @param address flash offset
 * @param size bytes of the region (after padding for writes)
 * @param wireBytes payload bytes sent or received over the serial line for it
 * @param nanos wall time spent on it
 * @param verified whether the flash contents were confirmed by an MD5 match
 */
public record FileResult(String operation, String name, long address, long size, long wireBytes, long nanos,
        boolean verified) {

    /** Effective kbit/s of region bytes (not wire bytes) over wall time. */
    public double effectiveKbits() {
        return nanos <= 0 ? 0 : size * 8 * 1e6 / nanos;
    }

    /** A one-line summary in the reference tool's words, e.g. "Wrote 1024 bytes (100 compressed) at 0x00001000 in 0.1 s (81.9 kbit/s effective)". */
    public String summary() {
        double s = nanos / 1e9;
        return switch (operation) {
            case "Wrote" -> wireBytes != size
                    ? String.format("Wrote %d bytes (%d compressed) at 0x%08x in %.1f s (%.1f kbit/s effective).",
                            size, wireBytes, address, s, effectiveKbits())
                    : String.format("Wrote %d bytes at 0x%08x in %.1f s (%.1f kbit/s effective).", size, address, s,
                            effectiveKbits());
            case "Skipped" -> String.format("Skipped %d bytes at 0x%08x: flash already holds them (MD5 match).",
                    size, address);
            default -> String.format("%s %d bytes at 0x%08x in %.1f s (%.1f kbit/s effective).", operation, size,
                    address, s, effectiveKbits());
        };
    }
}
