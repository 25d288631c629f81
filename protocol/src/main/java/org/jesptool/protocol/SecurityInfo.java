package org.jesptool.protocol;

/** Bit numbers of the flags word returned by GET_SECURITY_INFO. */
public final class SecurityInfo {
    public static final int SECURE_BOOT_EN = 1;
    public static final int SECURE_BOOT_AGGRESSIVE_REVOKE = 1 << 1;
    public static final int SECURE_DOWNLOAD_ENABLE = 1 << 2;
    public static final int SECURE_BOOT_KEY_REVOKE0 = 1 << 3;
    public static final int SECURE_BOOT_KEY_REVOKE1 = 1 << 4;
    public static final int SECURE_BOOT_KEY_REVOKE2 = 1 << 5;
    public static final int SOFT_DIS_JTAG = 1 << 6;
    public static final int HARD_DIS_JTAG = 1 << 7;
    public static final int DIS_USB = 1 << 8;
    public static final int DIS_DOWNLOAD_DCACHE = 1 << 9;
    public static final int DIS_DOWNLOAD_ICACHE = 1 << 10;

    /** Length of the reply data on ESP32-S2 (no chip id, no API version). */
    public static final int LENGTH_S2 = 12;
    /** Length of the reply data on ESP32-S3 and later. */
    public static final int LENGTH_FULL = 20;

    private SecurityInfo() {
    }
}
