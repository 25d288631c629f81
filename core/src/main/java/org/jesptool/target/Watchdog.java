package org.jesptool.target;

/**
 * RTC watchdog registers used by {@code --after watchdog-reset}: unlock with {@link #WKEY}, set CONFIG1 and
 * CONFIG0 so the watchdog resets the system, lock again.
 */
public record Watchdog(int config0, int config1, int writeProtect) {
    /** Write-protect key that unlocks the watchdog registers. */
    public static final int WKEY = 0x50D83AA1;
}
