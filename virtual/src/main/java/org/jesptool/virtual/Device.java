package org.jesptool.virtual;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Slip;
import org.jesptool.protocol.SlipDecoder;

/**
 * One emulated board: chip, SPI flash, reset circuit and UART. Bytes from the host go through
 * {@link #receive}; control lines through {@link #setLines}; everything the chip sends goes to the
 * {@link Link}. Depending on its state the chip is held in reset, runs its ROM loader, runs the flasher
 * stub (any program started with MEM_END is treated as the stub: the device does not execute code), or
 * "runs the application" (ignores input). Thread-safe: all entry points synchronize on the device.
 */
final class Device implements Closeable {
    enum State { RESET_HELD, ROM, STUB, APP }

    final DeviceConfig config;
    final Chip chip;
    final NorFlash flash;
    final SpiFlash spiFlash;
    /** The flash encryption applied to encrypted writes; null on chips without it (ESP8266). */
    final FlashCipher cipher;
    final Link link;
    /** The eFuse controller (state survives resets, like flash); null on the ESP8266. */
    final VirtualEfuse efuse;
    private final PrintStream traceOut;

    Bus bus;
    private State state = State.RESET_HELD;
    private Handler handler;
    private final SlipDecoder decoder;
    private long frameArrival;
    private boolean autobaud;
    private int chipBaud;
    /** Host-side baud rate, or 0 when the transport carries none (plain TCP): then bytes never garble. */
    private int hostBaud;
    private boolean dtr;
    private boolean rts;
    private boolean usbDownloadRequest;
    private boolean bootedIntoDownload;
    private boolean baudChanged;
    private boolean bootPending;
    private long releasedAt;
    private boolean watchdogPending;
    /** Counts boots and resets: output scheduled for one boot is dropped once the chip boots again. */
    private long generation;
    /** What follows the ROM's flash boot: the application's output, or the ROM's error loops. */
    private final FlashBootRun flashBoot = new FlashBootRun(this);
    private long watchdogAt;
    /** Time from arming the RTC watchdog (esptool: 2000 slow-clock ticks) to the reset. */
    static final long WATCHDOG_NANOS = 15_000_000L;
    /** Frames longer than this are dropped unread: 4x the largest data block a host sends, header included. */
    static final int MAX_FRAME = 4 * FlasherStub.MAX_WRITE_BLOCK + 64;

    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "esp-virtual-reset");
        t.setDaemon(true);
        return t;
    });
    /*
     * Real-time model: three things run side by side, each with its own time line.
     * - The UART receives by interrupt into a second frame buffer: a frame arrives (frameArrival) while
     *   the CPU still handles the previous one, so the wire never waits for the CPU within one frame.
     * - The CPU ("now" while handling, then busyUntil) takes the next frame once it has arrived and the
     *   previous one is finished, answers it, and for stub DATA blocks only then inflates and writes.
     * - The flash chip (flashBusyUntil) erases or programs on its own once the CPU has issued a command;
     *   the CPU waits for it only where the firmware polls the status: before the next erase or program,
     *   while programming (page by page), before reads and MD5, and in the ROM's erase routines.
     * Replies leave at the chip's baud rate as soon as the CPU sends them (Link paces the bytes).
     */
    /** Device time while handling a frame (real-time model). */
    private long now;
    /** When the CPU has finished handling the last frame (real-time model). */
    private long busyUntil;
    /**
     * When the flash chip finishes its current erase or page program (real-time model). The chip works
     * on its own once a command is issued: the CPU waits for it only where the firmware polls its status.
     */
    private long flashBusyUntil;

    /** Something that handles complete frames: the ROM loader or the stub. */
    interface Handler {
        void onFrame(byte[] frame);
    }

    Device(DeviceConfig config, PrintStream traceOut) throws IOException {
        this.config = config;
        this.chip = config.chip;
        this.traceOut = traceOut;
        if (config.usb == DeviceConfig.Usb.JTAG && !chip.usbJtagSerial
                || config.usb == DeviceConfig.Usb.OTG && !chip.usbOtg) {
            throw new IllegalArgumentException(chip.displayName + " has no USB-" + (config.usb == DeviceConfig.Usb.JTAG
                    ? "Serial/JTAG" : "OTG") + " peripheral; use usb=uart" + (chip.usbJtagSerial ? " or usb=jtag" : "")
                    + (chip.usbOtg ? " or usb=otg" : ""));
        }
        if (config.appLog != null && !java.nio.file.Files.isReadable(config.appLog)) {
            throw new IllegalArgumentException("app-log file " + config.appLog + " cannot be read");
        }
        EfuseLayout layout = chip.efuseLayout();
        this.efuse = layout == null ? null
                : new VirtualEfuse(layout, Registers.initialEfuses(chip, config), config.efuseFile);
        FlashCipher c = FlashCipher.of(chip, config);
        this.cipher = c == null || efuse == null ? c : c.withFuses(chip, efuse::fuse);
        this.flash = config.flashFile != null ? NorFlash.open(config.flashFile, config.flashSize)
                : NorFlash.inMemory(config.flashSize > 0 ? config.flashSize : 4 << 20);
        this.spiFlash = new SpiFlash(flash, config.jedec(flash.size()), config.sfdp);
        this.link = new Link(config.realtime, config.clock, config.simulated);
        this.decoder = new SlipDecoder(new SlipDecoder.Listener() {
            @Override
            public void onFrame(byte[] payload) {
                dispatch(payload);
            }
        }, MAX_FRAME);
        this.hostBaud = config.baud;
        this.chipBaud = chip.romDefaultBaud;
        boot(Chip.ResetCause.POWER_ON, config.strapDownload);
        if (config.stubRunning && state == State.ROM) {
            startStub(config.ownStubRunning);
        }
    }

    // ---------------------------------------------------------------- host side

    /** Bytes from the host, sent at the host's current baud rate. */
    void receive(byte[] b, int off, int len) {
        settle(true, false);
        synchronized (this) {
            receiveNow(b, off, len);
        }
    }

    private void receiveNow(byte[] b, int off, int len) {
        int wireBaud = wireBaud(hostBaud > 0 ? hostBaud : chipBaud);
        long first = link.hostWrites(len, wireBaud);
        long bt = link.realtime() ? Link.byteNanos(wireBaud) : 0;
        if (state == State.RESET_HELD || state == State.APP) {
            return;
        }
        if (autobaud && hostBaud > 0) {
            chipBaud = hostBaud;
        }
        boolean garbled = garbles(hostBaud, chipBaud);
        for (int i = 0; i < len; i++) {
            frameArrival = first + i * bt;
            int v = b[off + i] & 0xFF;
            decoder.feed(garbled ? garble(v) : v);
        }
    }

    /**
     * Sets DTR and RTS together (true = asserted = pin low).
     *
     * <p>With the classic two-transistor circuit, EN rises through an RC network: the chip samples its
     * strap pin a few milliseconds after reset is released. A host that releases reset with the strap
     * high and pulls it low right after (pyserial setting DTR and RTS one after the other) still gets
     * download mode; if the strap stays high the chip boots the application once the delay has passed.
     */
    synchronized void setLines(boolean newDtr, boolean newRts) {
        settleIfDue();
        boolean wasReset = resetAsserted();
        if (config.usb != DeviceConfig.Usb.UART && newRts && !rts) {
            usbDownloadRequest = newDtr;
        }
        dtr = newDtr;
        rts = newRts;
        boolean isReset = resetAsserted();
        if (isReset && !wasReset) {
            bootPending = false;
            generation++;
            state = State.RESET_HELD;
            handler = null;
            decoder.reset();
            trace("reset asserted");
        } else if (!isReset && wasReset) {
            if (config.usb != DeviceConfig.Usb.UART) {
                boolean download = config.strapDownload || usbDownloadRequest;
                usbDownloadRequest = false;
                boot(Chip.ResetCause.USB, download);
            } else if (config.strapDownload || strapLowFromLines()) {
                boot(Chip.ResetCause.POWER_ON, true);
            } else {
                bootPending = true;
                releasedAt = System.nanoTime();
                SCHEDULER.schedule(() -> settle(true), config.enDelayNanos + 1_000_000L, TimeUnit.NANOSECONDS);
            }
        } else if (bootPending && strapLowFromLines()) {
            bootPending = false;
            boot(Chip.ResetCause.POWER_ON, true);
        }
    }

    /**
     * Completes a pending boot whose strap sampling time has come; with {@code wait}, first waits for
     * it (at most the EN delay), so the host never sees the chip half way through a reset.
     */
    /** Completes a pending boot whose sampling time has passed (caller holds the lock). */
    private void settleIfDue() {
        if (bootPending && System.nanoTime() - releasedAt >= config.enDelayNanos) {
            bootPending = false;
            boot(Chip.ResetCause.POWER_ON, config.strapDownload || strapLowFromLines());
        }
        if (watchdogPending && System.nanoTime() - watchdogAt >= WATCHDOG_NANOS) {
            watchdogPending = false;
            if (state != State.RESET_HELD) {
                boot(Chip.ResetCause.WATCHDOG, config.strapDownload || strapLowFromLines() || forcedDownload());
            }
        }
    }

    /** RTC_CNTL_OPTION1 bit 0 (ESP32-S3): download mode forced by software for the next reset. */
    private boolean forcedDownload() {
        return chip.forceDownloadReg != 0 && (bus.load(chip.forceDownloadReg) & 1) != 0;
    }

    /** The RTC watchdog was enabled to reset the chip: it fires shortly after. */
    void watchdogArmed() {
        if (!watchdogPending) {
            watchdogPending = true;
            watchdogAt = System.nanoTime();
            trace("RTC watchdog armed");
            SCHEDULER.schedule(() -> settle(true), WATCHDOG_NANOS + 1_000_000L, TimeUnit.NANOSECONDS);
        }
    }

    void settle(boolean wait) {
        settle(wait, wait);
    }

    /**
     * Completes pending reset events that are due; optionally first waits for a pending boot (EN rising)
     * and for a pending watchdog reset.
     */
    void settle(boolean waitForBoot, boolean waitForWatchdog) {
        while (true) {
            long remaining;
            synchronized (this) {
                long now = System.nanoTime();
                settleIfDue();
                remaining = Long.MAX_VALUE;
                if (bootPending && waitForBoot) {
                    remaining = releasedAt + config.enDelayNanos - now;
                }
                if (watchdogPending && waitForWatchdog) {
                    remaining = Math.min(remaining, watchdogAt + WATCHDOG_NANOS - now);
                }
                if (remaining == Long.MAX_VALUE) {
                    return;
                }
                if (remaining <= 0) {
                    continue;
                }
            }
            try {
                TimeUnit.NANOSECONDS.sleep(remaining); // not holding the lock: line changes may still come
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    synchronized boolean dtr() {
        return dtr;
    }

    synchronized boolean rts() {
        return rts;
    }

    /** The host changed its baud rate (0: unknown, as on a plain TCP socket). */
    synchronized void setHostBaud(int baud) {
        hostBaud = baud;
    }

    synchronized int hostBaud() {
        return hostBaud;
    }

    synchronized int chipBaud() {
        return chipBaud;
    }

    synchronized boolean bootedIntoDownload() {
        return bootedIntoDownload;
    }

    /** Whether the UART divider was set by CHANGE_BAUDRATE (else it is the ROM's autobaud measurement). */
    synchronized boolean baudChanged() {
        return baudChanged;
    }

    synchronized State state() {
        return state;
    }

    private boolean resetAsserted() {
        // classic two-transistor auto-reset circuit; the USB peripherals decode the same line states
        return rts && !dtr;
    }

    private boolean strapLowFromLines() {
        if (config.strapHigh) {
            return false;
        }
        if (config.usb != DeviceConfig.Usb.UART) {
            return usbDownloadRequest;
        }
        return dtr && !rts;
    }

    // ---------------------------------------------------------------- chip side

    /** Boots the chip: banner, then loader or application. */
    private void boot(Chip.ResetCause cause, boolean download) {
        generation++;
        if (cause == Chip.ResetCause.POWER_ON || cause == Chip.ResetCause.USB) {
            flashBoot.hardReset();
        }
        watchdogPending = false;
        bootedIntoDownload = download;
        bus = new Bus();
        Registers.populate(this);
        decoder.reset();
        chipBaud = chip.romDefaultBaud;
        autobaud = true;
        baudChanged = false;
        int bannerBaud = chip.bannerBaud;
        if (chip.baudQuirk == Chip.BaudQuirk.XTAL_OVER_40) {
            bannerBaud = chip.romDefaultBaud * config.xtal() / 40;
        }
        now = link.now();
        busyUntil = now;
        flashBusyUntil = now;
        sendText(chip.banner(cause, download), bannerBaud);
        trace("boot: " + (download ? "download mode" : "application") + " (" + cause + ")");
        if (download) {
            state = State.ROM;
            handler = new RomLoader(this);
        } else {
            state = State.APP;
            handler = null;
            RomBoot.Result r = RomBoot.boot(chip, flash);
            sendText(r.text(), bannerBaud);
            flashBoot.after(r, bannerBaud);
        }
    }

    /** Reboots as the strap says (a reset the chip does itself: watchdog, esp_restart after a panic). */
    void reboot(Chip.ResetCause cause) {
        boot(cause, config.strapDownload || strapLowFromLines());
    }

    /**
     * Runs {@code action} (holding the device lock) after {@code nanos}, unless the chip was reset or booted
     * again in between or the link is gone.
     */
    void later(long nanos, Runnable action) {
        long gen = generation;
        SCHEDULER.schedule(() -> {
            synchronized (Device.this) {
                if (gen == generation && !link.closed()) {
                    now = link.now();
                    action.run();
                }
            }
        }, nanos, TimeUnit.NANOSECONDS);
    }

    /** Power cycle: the flash forgets volatile state, the chip boots as the strap (and lines) say. */
    synchronized void powerCycle() {
        bootPending = false;
        spiFlash.powerCycle();
        if (!resetAsserted()) {
            boot(Chip.ResetCause.POWER_ON, config.strapDownload || strapLowFromLines());
        } else {
            generation++;
            state = State.RESET_HELD;
            handler = null;
        }
    }

    /** Software reset (FLASH_END with reboot): the strapping latched at the last hard reset applies. */
    void softReset() {
        boot(Chip.ResetCause.SOFTWARE, bootedIntoDownload);
    }

    /** Leaves the loader and "runs" the application in flash. */
    void runApplication() {
        state = State.APP;
        handler = null;
        trace("running user code");
    }

    /**
     * A program was started with MEM_END: it is taken to be the flasher stub, which greets with OHAI; JEsptool's
     * own stub when the loaded bytes carry its marker, else a generic esptool-compatible one. With
     * {@code stub-greets=0} the program hangs instead (no greeting, input ignored) until the next reset.
     */
    void startStub() {
        startStub(bus.loadedStubMarker());
    }

    private void startStub(boolean own) {
        autobaud = false;
        if (!config.stubGreets) {
            state = State.APP;
            handler = null;
            trace("started program hangs (stub-greets=0)");
            return;
        }
        state = State.STUB;
        handler = new FlasherStub(this, own);
        sendFrame(new byte[] {'O', 'H', 'A', 'I'});
        trace(own ? "JEsptool stub running" : "stub running");
    }

    private void dispatch(byte[] frame) {
        if (handler == null) {
            return;
        }
        // the reply latency runs from the frame's arrival: a frame that arrived while the CPU was busy is
        // taken as soon as the CPU is done (as the README says; it used to wait the latency again after that)
        now = Math.max(frameArrival + (link.realtime() ? config.latencyMicros * 1000 : 0), busyUntil);
        if (config.trace && frame.length >= 2) {
            trace(String.format("-> %s (%d bytes)", frame[0] == 0 ? Opcode.name(frame[1] & 0xFF) : "frame", frame.length));
        }
        handler.onFrame(frame);
        busyUntil = Math.max(busyUntil, now);
    }

    /** The loader has accepted its first command: autobaud detection is over. */
    void synced() {
        autobaud = false;
    }

    /** CPU time spent working (or waiting for the flash, see {@link #flashWork}) before the next output. */
    void work(long nanos) {
        if (link.realtime()) {
            now += nanos;
        }
    }

    /** Whether the flash chip is idle now (always, outside the real-time model). */
    boolean flashIdle() {
        return !link.realtime() || flashBusyUntil <= now;
    }

    /** The CPU polls the flash status register until the chip is idle. */
    void awaitFlash() {
        if (link.realtime()) {
            now = Math.max(now, flashBusyUntil);
        }
    }

    /**
     * Issues a flash operation that runs in the chip while the CPU goes on (the stub's erase-ahead):
     * waits for the previous operation, then only the chip is busy.
     */
    void startFlash(long nanos) {
        if (link.realtime()) {
            awaitFlash();
            flashBusyUntil = now + nanos;
        }
    }

    /** A flash operation the CPU waits for (page programs, the ROM's erases): chip and CPU are busy. */
    void flashWork(long nanos) {
        if (link.realtime()) {
            awaitFlash();
            now += nanos;
            flashBusyUntil = now;
        }
    }

    /** Sends one SLIP frame at the chip's baud rate. */
    void sendFrame(byte[] payload) {
        if (config.trace) {
            traceReply(payload);
        }
        sendRaw(Slip.encode(payload), chipBaud);
    }

    private void traceReply(byte[] p) {
        if (p.length >= 10 && p[0] == 1) {
            int dataLen = p.length - 8;
            int statusAt = 8 + Math.max(0, dataLen - (state == State.STUB ? 2 : chip.romStatusLength));
            trace(String.format("<- %s value=0x%08x status %02x %02x (%d data bytes)", Opcode.name(p[1] & 0xFF),
                    org.jesptool.protocol.Packet.u32(p, 4), p[statusAt], p[statusAt + 1], dataLen));
        } else {
            trace("<- frame of " + p.length + " bytes");
        }
    }

    /** A new host connected (TCP server): a frame the previous one left half sent is dropped. */
    synchronized void hostConnected() {
        decoder.reset();
    }

    void sendText(String text, int baud) {
        sendRaw(text.getBytes(StandardCharsets.ISO_8859_1), baud);
    }

    void sendRaw(byte[] bytes, int baud) {
        if (config.noReply) {
            return;
        }
        if (garbles(hostBaud, baud)) {
            bytes = bytes.clone();
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) garble(bytes[i] & 0xFF);
            }
        }
        link.chipSends(bytes, now, wireBaud(baud));
        if (link.realtime()) {
            now = Math.max(now, link.chipIdleAt());
        }
    }

    /** Changes the chip's UART divider after the current output has left. */
    void setChipBaud(int baud) {
        chipBaud = baud;
        baudChanged = true;
        autobaud = false;
    }

    void trace(String message) {
        if (config.trace && traceOut != null) {
            traceOut.println("[" + chip.name + "] " + message);
        }
    }

    /**
     * Bytes garble when both ends have a known baud rate that differs; over the chip's own USB
     * (USB-Serial/JTAG, USB-OTG CDC) the baud rate is only a number and never garbles anything.
     */
    private boolean garbles(int host, int chipSide) {
        return config.usb == DeviceConfig.Usb.UART && host > 0 && !sameBaud(host, chipSide);
    }

    /** The rate bytes move at: the baud rate on a UART, about 1 MB/s over the chip's USB. */
    private int wireBaud(int baud) {
        return config.usb == DeviceConfig.Usb.UART ? baud : USB_EQUIVALENT_BAUD;
    }

    /** USB full-speed CDC throughput (about 1 MB/s) as an equivalent baud rate. */
    static final int USB_EQUIVALENT_BAUD = 10_000_000;

    /** UART receivers tolerate a few percent of mismatch; beyond that every byte is a framing error. */
    static boolean sameBaud(int a, int b) {
        return Math.abs(a - b) * 100L <= 3L * Math.max(a, b);
    }

    /** What a byte looks like when received at the wrong baud rate: never a SLIP delimiter or escape. */
    static int garble(int b) {
        int g = (b * 0x9D + 0x3B) & 0xFF | 0x80;
        return g == Slip.END || g == Slip.ESC ? 0xFE : g;
    }

    @Override
    public synchronized void close() throws IOException {
        generation++;
        link.close();
        flash.close();
    }
}
