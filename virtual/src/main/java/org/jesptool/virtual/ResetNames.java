package org.jesptool.virtual;

/**
 * The reset-cause names each ROM prints after {@code rst:0x..}, indexed by cause number, as read from the
 * ROMs' own name tables (monitor facts 1.5). A number beyond a table, or a hole in it, prints {@code unk}.
 */
final class ResetNames {
    private ResetNames() {
    }

    private static final String NA = "N/A";

    static final String[] ESP32 = {"NO_MEAN", "POWERON_RESET", "EXT_SYS_RESET", "SW_RESET", "OWDT_RESET",
        "DEEPSLEEP_RESET", "SDIO_RESET", "TG0WDT_SYS_RESET", "TG1WDT_SYS_RESET", "RTCWDT_SYS_RESET",
        "INTRUSION_RESET", "TGWDT_CPU_RESET", "SW_CPU_RESET", "RTCWDT_CPU_RESET", "EXT_CPU_RESET",
        "RTCWDT_BROWN_OUT_RESET", "RTCWDT_RTC_RESET"};

    static final String[] S2 = {NA, "POWERON", NA, "RTC_SW_SYS_RST", NA, "DSLEEP", NA, "TG0WDT_SYS_RST",
        "TG1WDT_SYS_RST", "RTCWDT_SYS_RST", "INTRUSION_RST", "TG0WDT_CPU_RST", "RTC_SW_CPU_RST", "RTCWDT_CPU_RST",
        NA, "BROWN_OUT_RST", "RTCWDT_RTC_RST", "TG1WDT_CPU_RST", "SUPER_WDT_RST", "GLITCH_RTC_RST", "EFUSE_RST"};

    /** ESP32-S3 and ESP32-C3 (the C2 adds JTAG_RESET, {@link #C2}). */
    static final String[] S3_C3 = {NA, "POWERON", NA, "RTC_SW_SYS_RST", NA, "DSLEEP", NA, "TG0WDT_SYS_RST",
        "TG1WDT_SYS_RST", "RTCWDT_SYS_RST", "INTRUSION_RST", "TG0WDT_CPU_RST", "RTC_SW_CPU_RST", "RTCWDT_CPU_RST",
        NA, "BROWNOUT_RST", "RTCWDT_RTC_RST", "TG1WDT_CPU_RST", "SUPER_WDT_RST", "GLITCH_RTC_RST", "EFUSE_RST",
        "USB_UART_CHIP_RESET", "USB_JTAG_CHIP_RESET", "POWER_GLITCH_RESET"};

    static final String[] C2 = append(S3_C3, "JTAG_RESET");

    static final String[] C6 = {"SW_CLR", "POWERON", NA, "LP_SW_HPSYS", NA, "SLEEP_WAKEUP", "SDIO_HPSYS",
        "TG0_WDT_HPSYS", "TG1_WDT_HPSYS", "LP_WDT_HPSYS", NA, "TG0_WDT_CPU", "SW_CPU", "LP_WDT_CPU", NA,
        "LP_BOD_SYS", "LP_WDT_SYS", "TG1_WDT_CPU", "LP_SWDT_SYS", NA, "EFUSE_HPSYS", "USB_UART_HPSYS",
        "USB_JTAG_HPSYS", NA, "JTAG_CPU"};

    static final String[] H2 = replace(C6, 23, "POWER_GLITCH_SYS");

    static final String[] C5_C61 = {"SW_CLR", "POWERON", NA, "RTC_SW_HPSYS", NA, "SLEEP_WAKEUP", "SDIO_HPSYS",
        "TG0_WDT_HPSYS", "TG1_WDT_HPSYS", "RTC_WDT_HPSYS", NA, "TG0_WDT_CPU", "SW_CPU", "RTC_WDT_CPU", NA,
        "RTC_BOD_SYS", "RTC_WDT_SYS", "TG1_WDT_CPU", "RTC_SWDT_SYS", NA, "EFUSE_HPSYS", "USB_UART_HPSYS",
        "USB_JTAG_HPSYS", NA, "JTAG_CPU", "RTC_PWR_GLITCH", "CPU_LOCKUP"};

    static final String[] P4 = {NA, "POWERON", NA, "SW_SYS_RESET", NA, "PMU_SYS_PWR_DOWN_RESET", NA,
        "HP_SYS_HP_WDT_RESET", NA, "HP_SYS_LP_WDT_RESET", NA, "HP_CORE_HP_WDT_RESET", "SW_CPU_RESET",
        "HP_CORE_LP_WDT_RESET", NA, "BROWN_OUT_RESET", "CHIP_LP_WDT_RESET", NA, "SUPER_WDT_RESET",
        "GLITCH_RTC_RESET", "EFUSE_CRC_ERR_RESET", NA, "CHIP_USB_JTAG_RESET", "CHIP_USB_UART_RESET",
        "HP_JTAG_RESET", NA, "CPU_LOCKUP_RESET"};

    /** The name a ROM with this table prints for cause {@code code}. */
    static String name(String[] table, int code) {
        return code >= 0 && code < table.length ? table[code] : "unk";
    }

    private static String[] append(String[] t, String s) {
        String[] r = java.util.Arrays.copyOf(t, t.length + 1);
        r[t.length] = s;
        return r;
    }

    private static String[] replace(String[] t, int i, String s) {
        String[] r = t.clone();
        r[i] = s;
        return r;
    }
}
