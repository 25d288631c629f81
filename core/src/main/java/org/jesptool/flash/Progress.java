package org.jesptool.flash;

/**
 * A snapshot of one running operation on one file or region.
 *
 * @param operation what is happening: "Writing", "Reading", "Verifying", "Erasing", "Checking"
 * @param name the file name (or output name for reads)
 * @param address flash offset of the region
 * @param total bytes of the region
 * @param done bytes of the region handled so far
 * @param wireBytes payload bytes moved over the serial line so far (compressed size while writing compressed)
 * @param elapsedNanos time since the operation on this region started
 */
public record Progress(String operation, String name, long address, long total, long done, long wireBytes,
        long elapsedNanos) {

    /** 0..100. */
    public int percent() {
        return total == 0 ? 100 : (int) Math.min(100, done * 100 / total);
    }

    /** Effective rate in bytes of the region per second (0 when unknown yet). */
    public double bytesPerSecond() {
        return elapsedNanos <= 0 ? 0 : done * 1e9 / elapsedNanos;
    }

    /** Estimated seconds to go, or -1 when not known yet. */
    public double etaSeconds() {
        double rate = bytesPerSecond();
        return rate <= 0 || done == 0 ? -1 : (total - done) / rate;
    }
}
