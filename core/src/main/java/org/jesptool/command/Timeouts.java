package org.jesptool.command;

/**
 * Command timeouts in seconds, as the config file keys of the same names (facts 1.5). Per-megabyte
 * timeouts use decimal megabytes and are never below {@link #timeout} nor above {@link #maxTimeout}.
 */
public record Timeouts(double timeout, double chipEraseTimeout, double maxTimeout, double syncTimeout,
        double md5TimeoutPerMb, double eraseRegionTimeoutPerMb, double eraseWriteTimeoutPerMb,
        double memEndRomTimeout) {

    /** The reference defaults (erase_region_timeout_per_mb as v5.3.1). */
    public static Timeouts defaults() {
        return new Timeouts(3, 120, 240, 0.1, 8, 30, 40, 0.2);
    }

    /** The default command timeout in milliseconds. */
    public long defaultMillis() {
        return millis(timeout);
    }

    /** {@code max(timeout, secondsPerMb * bytes / 1e6)}, capped by max_timeout, in milliseconds. */
    public long perMbMillis(double secondsPerMb, long bytes) {
        double s = Math.max(timeout, secondsPerMb * bytes / 1e6);
        return millis(Math.min(s, maxTimeout));
    }

    public static long millis(double seconds) {
        return Math.round(seconds * 1000);
    }
}
