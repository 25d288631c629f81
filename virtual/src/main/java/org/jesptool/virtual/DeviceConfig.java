package org.jesptool.virtual;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Everything that describes one virtual board: chip, flash, eFuse-derived identity, strapping, link
 * model. Parsed from {@code virtual://CHIP?key=value&...} options or from the server's command line.
 */
final class DeviceConfig {
    Chip chip;
    /** Flash size in bytes; -1 until configured (then the image file's size, or 4 MB). */
    int flashSize = -1;
    /** RDID bytes as sent: manufacturer, memory type, capacity. Null means derived from the size. */
    byte[] jedec;
    byte[] mac;
    int major = -1;
    int minor = -1;
    int pkg;
    /** Embedded flash / PSRAM capacity and vendor codes as the chip's eFuse holds them (0: none). */
    int flashCap;
    int flashVendor;
    int psramCap;
    int psramVendor;
    /** Extra bits set in eFuse words (address to bits), e.g. ESP32 DIS_APP_CPU; ORed over the encoded fields. */
    final Map<Integer, Integer> efuseBits = new LinkedHashMap<>();
    Path flashFile;
    /** Where the eFuse controller keeps its state (null: in memory). */
    Path efuseFile;
    boolean secureDownload;
    boolean secureBoot;
    int flashCryptCnt;
    /** The flash encryption key as espsecure's key file holds it; null: no key programmed (eFuse reads 0). */
    byte[] flashKey;
    /** ESP32 FLASH_CRYPT_CONFIG eFuse (which address bits tweak the key); blank (0) by default. */
    int flashCryptConfig;
    /** DIS_DOWNLOAD_MANUAL_ENCRYPT: encrypted writes in download mode disabled. */
    boolean manualEncryptDisabled;
    /** FORCE_USE_KEY_MANAGER_KEY = XTS-AES: flash encryption uses the Key Manager's key (ESP32-C5). */
    boolean keyManager;
    /** True: the strap pin is held in download position (every reset enters the loader). */
    boolean strapDownload = true;
    /** The strap pin is held high whatever DTR does (no auto-reset circuit, or a broken one): never download mode. */
    boolean strapHigh;
    Usb usb = Usb.UART;
    int xtalMhz = -1;
    /** ESP32: the crystal frequency the ROM estimates from its RTC calibration, in Hz (-1: exact). */
    long romXtalHz = -1;
    boolean realtime;
    /** {@code realtime=sim}: the model's timing on {@link SimulatedClock}, which moves only while the host waits. */
    boolean simulated;
    int baud = 115200;
    long latencyMicros = 1000;
    boolean trace;
    /** How long after reset release the strap pin is sampled (EN's RC delay on the usual boards). */
    long enDelayNanos = 10_000_000L;
    /** The flasher stub is already running when the device starts (as after esptool --after no-reset-stub). */
    boolean stubRunning;
    /** With {@link #stubRunning}: the running stub is JEsptool's own ({@code stub=jesptool}). */
    boolean ownStubRunning;
    /** False: a started program never greets (a stub that crashed); only a reset brings the ROM back. */
    boolean stubGreets = true;
    /**
     * The stub behaves like the one esptool 4.x uploads: FLASH_BEGIN / FLASH_DEFL_BEGIN take exactly four words
     * (no "encrypted" word), encrypted data comes with FLASH_ENCRYPT_DATA.
     */
    boolean oldStub;
    /** Whether the flash answers SFDP reads (without it, reads return zeros). */
    boolean sfdp = true;
    /** The link is cut once the board has received this many bytes from the host (-1: never). */
    long unplugAfter = -1;
    /** Whether the board comes back after {@link #unplugAfter} cut the link (false: it stays away). */
    boolean replug = true;
    /** Stale bytes the ROM leaves in the two reserved status bytes (and in its GET_SECURITY_INFO reply). */
    int residue;
    int securityResidue = -1;
    final Map<Integer, Integer> registerPresets = new LinkedHashMap<>();
    /** What the application prints after a flash boot (played once per hard reset); null: nothing. */
    Path appLog;
    /** How the chip resets after the application's output (e.g. a panic); null: it does not reset. */
    Chip.ResetCause appReset;
    /** The application's baud rate (-1: the ROM's). */
    int appBaud = -1;
    /** Time from the ROM's jump to the bootloader to the application's first output. */
    long appDelayNanos = 100_000_000L;
    /** The chip's TX never reaches the host (no power, RX/TX swapped, broken wire): nothing is received. */
    boolean noReply;
    /** The real-time model's clock in nanoseconds (tests step a fake one). */
    java.util.function.LongSupplier clock = System::nanoTime;

    /** How the host reaches the chip's UART: a USB-UART bridge or the chip's own USB peripheral. */
    enum Usb { UART, JTAG, OTG }

    int xtal() {
        return xtalMhz > 0 ? xtalMhz : chip.defaultXtalMhz;
    }

    /** The ROM's own crystal estimate in Hz: configured with {@code rom-xtal}, else the real crystal. */
    long romXtalHz() {
        return romXtalHz > 0 ? romXtalHz : xtal() * 1_000_000L;
    }

    int major() {
        return major >= 0 ? major : chip.defaultMajor;
    }

    int minor() {
        return minor >= 0 ? minor : chip.defaultMinor;
    }

    byte[] mac() {
        return mac != null ? mac : chip.defaultMac;
    }

    /** The RDID bytes: configured, or Winbond's id for a part of {@code size} bytes. */
    byte[] jedec(int size) {
        if (jedec != null) {
            return jedec;
        }
        return new byte[] {(byte) 0xEF, 0x40, (byte) (31 - Integer.numberOfLeadingZeros(size))};
    }

    /** Parses a port name such as {@code virtual://esp32c3?flash=4MB&mac=58:cf:79:00:00:02}. */
    static DeviceConfig fromPortName(String portName) {
        String rest = portName;
        int scheme = rest.indexOf("://");
        if (scheme < 0 || !rest.substring(0, scheme).equalsIgnoreCase("virtual")) {
            throw new IllegalArgumentException("not a virtual port name (expected virtual://CHIP?options): " + portName);
        }
        rest = rest.substring(scheme + 3);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        DeviceConfig c = new DeviceConfig();
        c.chip = Chips.byName(rest);
        for (String kv : query.split("&")) {
            if (kv.isEmpty()) {
                continue;
            }
            int eq = kv.indexOf('=');
            String key = eq < 0 ? kv : kv.substring(0, eq);
            String value = eq < 0 ? "1" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            c.set(key, value);
        }
        return c;
    }

    /** Applies one option; the same names work in port names and on the server's command line. */
    void set(String key, String value) {
        String k = key.toLowerCase(Locale.ROOT).replace('_', '-');
        try {
            if (k.startsWith("efuse.")) {
                efuseBits.merge((int) Long.parseLong(strip0x(k.substring(6)), 16), (int) Long.parseLong(strip0x(value), 16),
                        (a, b) -> a | b);
                return;
            }
            if (k.startsWith("reg.")) {
                registerPresets.put((int) Long.parseLong(strip0x(k.substring(4)), 16), (int) Long.parseLong(strip0x(value), 16));
                return;
            }
            switch (k) {
                case "chip": chip = Chips.byName(value); break;
                case "flash": case "flash-size": flashSize = parseSize(value); break;
                case "jedec": jedec = parseJedec(value); break;
                case "mac": mac = parseMac(value); break;
                case "rev": parseRevision(value); break;
                case "major": major = Integer.parseInt(value); break;
                case "minor": minor = Integer.parseInt(value); break;
                case "pkg": pkg = Integer.parseInt(value); break;
                case "flash-cap": flashCap = Integer.parseInt(value); break;
                case "flash-vendor": flashVendor = Integer.parseInt(value); break;
                case "psram-cap": psramCap = Integer.parseInt(value); break;
                case "psram-vendor": psramVendor = Integer.parseInt(value); break;
                case "image": case "flash-file": flashFile = Path.of(value); break;
                case "efuse": case "efuse-file": efuseFile = Path.of(value); break;
                case "sdm": secureDownload = bool(value); break;
                case "secure-boot": secureBoot = bool(value); break;
                case "flash-crypt-cnt": flashCryptCnt = Integer.decode(value); break;
                case "flash-key": flashKey = parseHex(value); break;
                case "flash-crypt-config": flashCryptConfig = Integer.decode(value) & 0xF; break;
                case "dis-manual-encrypt": manualEncryptDisabled = bool(value); break;
                case "key-manager": keyManager = bool(value); break;
                case "boot":
                    strapHigh = value.equalsIgnoreCase("high");
                    strapDownload = !strapHigh && parseBoot(value);
                    break;
                case "usb": usb = Usb.valueOf(value.toUpperCase(Locale.ROOT)); break;
                case "xtal": xtalMhz = Integer.parseInt(value.toLowerCase(Locale.ROOT).replace("mhz", "")); break;
                case "rom-xtal":
                    romXtalHz = Math.round(Double.parseDouble(value.toLowerCase(Locale.ROOT).replace("mhz", "")) * 1e6);
                    break;
                case "realtime":
                    simulated = value.equalsIgnoreCase("sim");
                    realtime = simulated || bool(value);
                    if (simulated) {
                        clock = SimulatedClock::nanos;
                    }
                    break;
                case "baud": baud = Integer.parseInt(value); break;
                case "latency": latencyMicros = parseMicros(value); break;
                case "trace": trace = bool(value); break;
                case "stub":
                    ownStubRunning = value.equalsIgnoreCase("jesptool");
                    stubRunning = ownStubRunning || bool(value);
                    break;
                case "stub-greets": stubGreets = bool(value); break;
                case "old-stub": oldStub = bool(value); break;
                case "reset-delay": enDelayNanos = parseMicros(value) * 1000; break;
                case "sfdp": sfdp = bool(value); break;
                case "unplug-after": unplugAfter = parseCount(value); break;
                case "replug": replug = bool(value); break;
                case "app-log": appLog = Path.of(value); break;
                case "app-reset": appReset = parseReset(value); break;
                case "app-baud": appBaud = Integer.parseInt(value); break;
                case "app-delay": appDelayNanos = parseMicros(value) * 1000; break;
                case "no-reply": noReply = bool(value); break;
                case "residue": residue = Integer.parseInt(strip0x(value), 16); break;
                case "security-residue": securityResidue = Integer.parseInt(strip0x(value), 16); break;
                default: throw new IllegalArgumentException("unknown option '" + key + "'; known: flash, jedec, mac, rev, "
                        + "major, minor, pkg, flash-cap, flash-vendor, psram-cap, psram-vendor, efuse.ADDR, efuse, image, sdm, "
                        + "secure-boot, flash-crypt-cnt, flash-key, flash-crypt-config, dis-manual-encrypt, key-manager, "
                        + "boot, usb, xtal, rom-xtal, realtime, baud, "
                        + "latency, reset-delay, trace, stub, stub-greets, sfdp, residue, security-residue, reg.ADDR, unplug-after, replug, app-log, "
                        + "app-reset, app-baud, app-delay, no-reply");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad value '" + value + "' for option '" + key + "'");
        }
    }

    /** A byte count: decimal or 0x hex, with an optional k or M suffix (1024 / 1048576). */
    static long parseCount(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (v.endsWith("k")) {
            unit = 1024;
            v = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
            unit = 1 << 20;
            v = v.substring(0, v.length() - 1);
        }
        long n = Long.decode(v) * unit;
        if (n < 0) {
            throw new NumberFormatException(value);
        }
        return n;
    }

    private void parseRevision(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.startsWith("v")) {
            v = v.substring(1);
        }
        int dot = v.indexOf('.');
        if (dot < 0) {
            int n = Integer.parseInt(v);
            major = n / 100;
            minor = n % 100;
        } else {
            major = Integer.parseInt(v.substring(0, dot));
            minor = Integer.parseInt(v.substring(dot + 1));
        }
    }

    /** {@code panic}, {@code brownout}, {@code deepsleep}, {@code tg0wdt}, {@code tg1wdt}, {@code rtcwdt}, {@code sw}. */
    static Chip.ResetCause parseReset(String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "panic": case "sw-cpu": return Chip.ResetCause.PANIC;
            case "brownout": case "brown-out": return Chip.ResetCause.BROWNOUT;
            case "deepsleep": case "deep-sleep": return Chip.ResetCause.DEEP_SLEEP;
            case "tg0wdt": case "task-wdt": return Chip.ResetCause.TG0_WDT;
            case "tg1wdt": case "int-wdt": return Chip.ResetCause.TG1_WDT;
            case "rtcwdt": case "wdt": return Chip.ResetCause.WATCHDOG;
            case "sw": case "software": return Chip.ResetCause.SOFTWARE;
            default: throw new IllegalArgumentException("app-reset must be panic, brownout, deepsleep, tg0wdt, tg1wdt, "
                    + "rtcwdt or sw, not '" + v + "'");
        }
    }

    private static boolean parseBoot(String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "download": case "dl": case "0": return true;
            case "app": case "flash": case "1": return false;
            default: throw new IllegalArgumentException("boot must be 'download', 'app' or 'high', not '" + v + "'");
        }
    }

    static boolean bool(String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "1": case "true": case "yes": case "on": return true;
            case "0": case "false": case "no": case "off": return false;
            default: throw new IllegalArgumentException("expected 1/0 or true/false, not '" + v + "'");
        }
    }

    static long parseMicros(String v) {
        String s = v.toLowerCase(Locale.ROOT).trim();
        if (s.endsWith("us")) {
            return Long.parseLong(s.substring(0, s.length() - 2));
        }
        if (s.endsWith("ms")) {
            s = s.substring(0, s.length() - 2);
        }
        return Math.round(Double.parseDouble(s) * 1000);
    }

    /** Parses {@code 4MB}, {@code 512KB}, {@code 4M}, {@code 0x400000} or a plain byte count. */
    static int parseSize(String v) {
        String s = v.toUpperCase(Locale.ROOT).trim();
        long mult = 1;
        if (s.endsWith("B")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("K")) {
            mult = 1024;
            s = s.substring(0, s.length() - 1);
        } else if (s.endsWith("M")) {
            mult = 1024 * 1024;
            s = s.substring(0, s.length() - 1);
        }
        long n = s.startsWith("0X") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        long size = n * mult;
        if (size < 64 * 1024 || size > 256L * 1024 * 1024 || Long.bitCount(size) != 1) {
            throw new IllegalArgumentException("flash size must be a power of two between 64KB and 256MB, not '" + v + "'");
        }
        if (size > 1L << 30) {
            throw new IllegalArgumentException("flash size too large: " + v);
        }
        return (int) size;
    }

    /** {@code ef4016} (bytes as RDID sends them) or {@code 0x1640EF} (the W0 word esptool prints). */
    static byte[] parseJedec(String v) {
        String s = v.trim();
        if (s.toLowerCase(Locale.ROOT).startsWith("0x")) {
            int w = Integer.parseInt(s.substring(2), 16);
            return new byte[] {(byte) w, (byte) (w >> 8), (byte) (w >> 16)};
        }
        s = s.replace(":", "").replace(" ", "");
        if (s.length() != 6) {
            throw new IllegalArgumentException("jedec must be three bytes such as ef4016 or 0x1640EF, not '" + v + "'");
        }
        return new byte[] {(byte) Integer.parseInt(s.substring(0, 2), 16), (byte) Integer.parseInt(s.substring(2, 4), 16),
                (byte) Integer.parseInt(s.substring(4, 6), 16)};
    }

    static byte[] parseMac(String v) {
        String[] parts = v.split("[:-]");
        if (parts.length != 6) {
            throw new IllegalArgumentException("mac must look like 24:0a:c4:12:34:56, not '" + v + "'");
        }
        byte[] mac = new byte[6];
        for (int i = 0; i < 6; i++) {
            mac[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return mac;
    }

    /** A key as hex digits (32 or 64 of them, or whatever the chip's key length is), spaces and colons ignored. */
    static byte[] parseHex(String v) {
        String s = strip0x(v.trim()).replace(":", "").replace(" ", "");
        if (s.isEmpty() || s.length() % 2 != 0) {
            throw new IllegalArgumentException("flash-key must be hex bytes (e.g. 64 hex digits for a 256-bit key), "
                    + "not '" + v + "'");
        }
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    private static String strip0x(String s) {
        return s.toLowerCase(Locale.ROOT).startsWith("0x") ? s.substring(2) : s;
    }
}
