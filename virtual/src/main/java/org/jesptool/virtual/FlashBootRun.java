package org.jesptool.virtual;

import java.io.IOException;

/**
 * What follows the ROM's flash boot (README "Booting from flash"): the application's recorded output
 * ({@code app-log}, once per hard reset) and the reset it ends with ({@code app-reset}), or the ROM's error
 * loops ended by its watchdog. Runs under the device's lock through {@link Device#later}.
 */
final class FlashBootRun {
    private final Device device;
    /** The application's output was played since the last hard reset. */
    private boolean appPlayed;

    FlashBootRun(Device device) {
        this.device = device;
    }

    /** An EN pulse, power-up or USB reset: the application will print again. */
    void hardReset() {
        appPlayed = false;
    }

    /** The ROM's flash boot loops after an invalid header: one line per this period, ... */
    static final long INVALID_HEADER_LINE_NANOS = 50_000_000L;
    /** ... this many lines, then its watchdog resets the chip (about 0.4 s per round, as observed on ESP32). */
    static final int INVALID_HEADER_LINES = 8;
    /** A ROM that stopped (ets_main.c N) is reset by the watchdog it armed for the flash boot. */
    static final long ROM_WATCHDOG_NANOS = 400_000_000L;
    /** Time from the application's last output to the reset it asked for (esp_restart after a panic). */
    static final long APP_RESET_NANOS = 20_000_000L;

    /** What follows the ROM's flash boot: the application's recorded output, or the ROM's error loop. */
    void after(RomBoot.Result r, int romBaud) {
        switch (r.end()) {
            case ENTRY:
                if (device.config.appLog != null && !appPlayed) {
                    device.later(device.config.appDelayNanos, () -> playApplication(romBaud));
                }
                break;
            case HANG:
                if (device.chip.bootStyle != Chip.BootStyle.ESP8266) { // the ESP8266 ROM arms no watchdog: it stays
                    device.later(ROM_WATCHDOG_NANOS, this::watchdogReboot);
                }
                break;
            default:
                device.sendText(r.loopLine(), romBaud);
                invalidHeaderTick(r.loopLine(), romBaud, 1);
                break;
        }
    }

    private void invalidHeaderTick(String line, int baud, int printed) {
        device.later(INVALID_HEADER_LINE_NANOS, () -> {
            if (printed >= INVALID_HEADER_LINES) {
                watchdogReboot();
            } else {
                device.sendText(line, baud);
                invalidHeaderTick(line, baud, printed + 1);
            }
        });
    }

    private void watchdogReboot() {
        device.reboot(Chip.ResetCause.WATCHDOG);
    }

    /** Plays the application's output file (once per hard reset), then the reset it ends with, if any. */
    private void playApplication(int romBaud) {
        appPlayed = true;
        byte[] text;
        try {
            text = java.nio.file.Files.readAllBytes(device.config.appLog);
        } catch (IOException e) {
            device.trace("app-log " + device.config.appLog + " cannot be read: " + e.getMessage());
            return;
        }
        device.trace("application output: " + text.length + " bytes from " + device.config.appLog);
        device.sendRaw(text, device.config.appBaud > 0 ? device.config.appBaud : romBaud);
        if (device.config.appReset != null) {
            device.later(APP_RESET_NANOS, () -> device.reboot(device.config.appReset));
        }
    }
}
