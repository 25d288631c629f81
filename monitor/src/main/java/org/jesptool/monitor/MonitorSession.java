package org.jesptool.monitor;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.jesptool.monitor.symbols.Symbolizer;
import org.jesptool.transport.PortException;
import org.jesptool.transport.Transport;
import org.jesptool.transport.Transports;

/**
 * A serial monitor session: opens the port without resetting into download mode, resets the chip into its
 * app (unless told not to), shows and explains what it prints, and sends what the user types. Keys
 * (interactive mode): Ctrl+] exits; Ctrl+T then R resets, P resets into download mode, T toggles
 * timestamps, L toggles logging to a file, H or ? lists the keys, X exits, Ctrl+T / Ctrl+] send themselves.
 * When the port goes away (a USB device re-enumerating, a cable pulled) it waits for the port and reopens it
 * without resetting.
 */
public final class MonitorSession {
    /** What the session is told to do. */
    public static final class Options {
        /** The defaults: 115200 baud, interactive, no log. */
        public Options() {
        }

        /** Port name: a device path, socket://, rfc2217:// or virtual://. */
        public String port;
        /** The app's baud rate. */
        public int baud = 115200;
        /** The rate the ROM prints its boot log at when it differs (74880 on the ESP8266), else 0. */
        public int romBaud;
        /** The app's ELF, for decoding addresses; null: no decoding of addresses. */
        public Path elf;
        public boolean noReset;
        public boolean nonInteractive;
        /** A log file written from the start; null: none (Ctrl+T L starts one). */
        public Path log;
        /** ANSI colours on (a terminal) or stripped (piped). */
        public boolean color;
        public boolean timestamps;
        /** Stop after this long; null: run until Ctrl+] (or forever when non-interactive). */
        public Duration exitAfter;
        /** Give up waiting for a vanished port after this long; null: wait forever. */
        public Duration reconnectTimeout;
        /** Where Ctrl+T L puts its log file. */
        public Path logDirectory = Path.of("");
    }

    static final int CTRL_RIGHT_BRACKET = 0x1D;
    static final int CTRL_T = 0x14;
    /** The ESP8266 ROM prints at 74880 baud (it assumes a 40 MHz crystal; modules have 26 MHz). */
    public static final int ESP8266_ROM_BAUD = 74880;
    private static final long RECONNECT_DELAY_MILLIS = 500;

    private final Options o;
    private final InputStream keys;
    private final PrintStream out;
    private final PrintStream err;
    private final BootLogDecoder boot = new BootLogDecoder();
    private final OutputPipeline pipeline;
    private final Symbolizer elf;
    private final Object portLock = new Object();
    private Transport port;
    private volatile boolean stop;
    private volatile boolean romBaudActive;
    private Path logFile;
    private boolean warnedRomBaud;
    private boolean triedRomBaud;
    private volatile long resetAt = Long.MIN_VALUE;

    /**
     * @throws IllegalArgumentException when the ELF cannot be used (not an ELF, not Xtensa/RISC-V)
     * @throws IOException when the ELF cannot be read
     */
    public MonitorSession(Options options, InputStream keys, PrintStream out, PrintStream err) throws IOException {
        this.o = options;
        this.keys = keys;
        this.out = out;
        this.err = err;
        this.elf = options.elf == null ? null : Symbolizer.load(options.elf);
        this.pipeline = new OutputPipeline(out, options.color, boot, new CrashDecoder(elf));
        pipeline.setTimestamps(options.timestamps);
        pipeline.onLine(this::followApp);
        pipeline.onGarbage(this::garbageAfterReset);
    }

    /** The boot-log decoder's view of the chip (what it printed last). */
    public BootLogDecoder bootLog() {
        return boot;
    }

    /** Ends the session (from another thread). */
    public void stop() {
        stop = true;
    }

    /**
     * Runs until Ctrl+], {@link #stop()}, {@code exitAfter}, or a vanished port that does not come back within
     * {@code reconnectTimeout}.
     *
     * @return 0 on a normal end, 2 when the port cannot be opened or is lost for good
     */
    public int run() throws IOException {
        try {
            port = Transports.open(o.port, o.baud);
        } catch (PortException e) {
            err.println("--- Error: " + e.getMessage());
            return 2;
        }
        try {
            releaseLines(port);
            message("jesptool monitor on " + o.port + " at " + o.baud + " baud" + (elf != null ? ", decoding with "
                    + elf.name() : ""));
            if (!o.nonInteractive) {
                message("Quit: Ctrl+] | Menu: Ctrl+T | Help: Ctrl+T followed by H");
            }
            if (o.log != null) {
                startLog(o.log);
            }
            if (!o.noReset) {
                reset();
            }
            Thread keyThread = new Thread(this::keyLoop, "monitor-keys");
            keyThread.setDaemon(true);
            keyThread.start();
            return readLoop();
        } finally {
            synchronized (portLock) {
                if (port != null) {
                    port.close();
                }
            }
            stopLog();
        }
    }

    private int readLoop() throws IOException {
        long deadline = o.exitAfter == null ? Long.MAX_VALUE : System.nanoTime() + o.exitAfter.toNanos();
        byte[] buf = new byte[4096];
        while (!stop && System.nanoTime() < deadline) {
            Transport p = port;
            int n;
            try {
                n = p.read(buf, 0, buf.length, 50);
            } catch (IOException e) {
                if (stop) {
                    break;
                }
                if (!reconnect(e, deadline)) {
                    return 2;
                }
                continue;
            }
            if (n > 0) {
                pipeline.receive(buf, 0, n);
            } else {
                pipeline.idle();
            }
        }
        pipeline.idle();
        return 0;
    }

    /** The port failed: wait for it to come back and reopen it, without resetting the chip. */
    private boolean reconnect(IOException cause, long sessionDeadline) {
        pipeline.idle();
        message("Error: " + (cause instanceof EOFException || cause.getMessage() == null ? "the port closed"
                + (cause.getMessage() != null ? " (" + cause.getMessage() + ")" : "") : cause.getMessage()));
        err.print("--- Waiting for the device to reconnect");
        err.flush();
        synchronized (portLock) {
            try {
                port.close();
            } catch (IOException ignored) {
                // it is gone already
            }
        }
        long deadline = Math.min(sessionDeadline,
                o.reconnectTimeout == null ? Long.MAX_VALUE : System.nanoTime() + o.reconnectTimeout.toNanos());
        while (!stop && System.nanoTime() < deadline) {
            sleep(RECONNECT_DELAY_MILLIS);
            try {
                Transport t = Transports.open(o.port, o.baud);
                releaseLines(t);
                synchronized (portLock) {
                    port = t;
                }
                romBaudActive = false;
                err.println();
                message("Reconnected to " + o.port);
                return true;
            } catch (IOException | RuntimeException e) {
                err.print(".");
                err.flush();
            }
        }
        err.println();
        if (stop || System.nanoTime() >= sessionDeadline) {
            return true; // the session ends anyway
        }
        message("Error: " + o.port + " did not come back; giving up");
        return false;
    }

    /**
     * Opening a tty may assert both lines; release them one at a time so that the EN condition (RTS without
     * DTR) never holds: no reset into download mode on open (facts 4.4).
     */
    private static void releaseLines(Transport t) throws IOException {
        t.setDtr(false);
        t.setRts(false);
    }

    /** Resets the chip into its app: RTS pulse with DTR released (ESP8266: at the ROM's 74880 baud first). */
    void reset() throws IOException {
        synchronized (portLock) {
            if (o.romBaud > 0) {
                try {
                    port.setBaudRate(o.romBaud);
                    romBaudActive = true;
                } catch (IOException e) {
                    if (!warnedRomBaud) {
                        warnedRomBaud = true;
                        message(pseudoTerminal(o.port) ? o.port + " is a pseudo-terminal: it has no line speed, so the"
                                + " ROM's " + o.romBaud + " baud needs no switch"
                                : "Warning: " + e.getMessage() + ": the ROM's boot log (" + o.romBaud + " baud) will be"
                                + " garbled; the app is shown at " + o.baud + " baud");
                    }
                }
            }
            port.setDtr(false);
            port.setRts(true);
            sleep(100);
            port.setRts(false);
            resetAt = System.nanoTime();
        }
    }

    /**
     * Garbage right after a reset, with no ROM rate configured: the chip may be an ESP8266 (or a 26 MHz
     * ESP32-C2), whose ROM prints at 74880 baud. Reset once more at that rate, then follow the app.
     */
    private void garbageAfterReset() {
        if (triedRomBaud || o.romBaud > 0 || o.noReset || o.baud == ESP8266_ROM_BAUD
                || System.nanoTime() - resetAt > 2_000_000_000L) {
            return;
        }
        triedRomBaud = true;
        o.romBaud = ESP8266_ROM_BAUD;
        message("Garbled output after the reset at " + o.baud + " baud: resetting again at " + ESP8266_ROM_BAUD
                + " baud, the ESP8266 ROM's rate (--chip esp8266 starts there)");
        try {
            reset();
        } catch (IOException e) {
            message("Error: " + e.getMessage());
        }
    }

    /** Whether {@code name} is a Unix pseudo-terminal (socat, a serial-over-network bridge, a simulator). */
    static boolean pseudoTerminal(String name) {
        try {
            return name.startsWith("/") && Path.of(name).toRealPath().toString().startsWith("/dev/pts/");
        } catch (IOException e) {
            return false;
        }
    }

    /** Resets the chip into its serial download mode (classic two-transistor sequence) and leaves it there. */
    void resetIntoDownload() throws IOException {
        synchronized (portLock) {
            port.setDtrRts(false, true);
            sleep(100);
            port.setDtrRts(true, false);
            sleep(50);
            port.setDtr(false);
        }
    }

    /** After the ROM's boot log (ESP8266: the {@code csum} line) the app's own baud rate applies. */
    private void followApp(String line) {
        if (!romBaudActive) {
            return;
        }
        String l = line.strip();
        if (l.startsWith("csum") || l.startsWith("entry 0x") || l.startsWith("ets_main.c")) {
            romBaudActive = false;
            try {
                synchronized (portLock) {
                    port.setBaudRate(o.baud);
                }
                message("ROM boot log done (" + o.romBaud + " baud); following the app at " + o.baud + " baud");
            } catch (IOException e) {
                message("Error: cannot switch to " + o.baud + " baud: " + e.getMessage());
            }
        }
    }

    private void keyLoop() {
        boolean menu = false;
        try {
            while (!stop) {
                int k = keys.read();
                if (k < 0) {
                    return; // no more input (stdin closed): keep monitoring
                }
                if (o.nonInteractive) {
                    send(k);
                    continue;
                }
                if (menu) {
                    menu = false;
                    menuKey(k);
                } else if (k == CTRL_RIGHT_BRACKET) {
                    stop = true;
                } else if (k == CTRL_T) {
                    menu = true;
                } else {
                    send(k == '\n' ? '\r' : k);
                }
            }
        } catch (IOException e) {
            if (!stop) {
                message("Error: " + e.getMessage());
            }
        }
    }

    private void menuKey(int k) throws IOException {
        int c = k < 0x20 ? k + 0x40 : Character.toUpperCase(k);
        if (k == CTRL_T || k == CTRL_RIGHT_BRACKET) {
            send(k);
            return;
        }
        switch (c) {
            case 'R':
                message("Resetting the chip");
                reset();
                break;
            case 'P':
                message("Chip reset into download mode (bootloader); Ctrl+T R restarts the app");
                resetIntoDownload();
                break;
            case 'T':
                pipeline.setTimestamps(!pipeline.timestamps());
                message("Timestamps " + (pipeline.timestamps() ? "on" : "off"));
                break;
            case 'L':
                if (pipeline.log() == null) {
                    startLog(o.log != null ? o.log : o.logDirectory.resolve("log." + (elf != null
                            ? elf.name().replaceFirst("\\.elf$", "") : "monitor") + "."
                            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + ".txt"));
                } else {
                    stopLog();
                }
                break;
            case 'X':
                stop = true;
                break;
            case 'H': case '?':
                help();
                break;
            default:
                message("Error: Unknown menu character " + keyName(k));
        }
    }

    private void help() {
        message("Ctrl+]          exit");
        message("Ctrl+T R        reset the chip (run the app)");
        message("Ctrl+T P        reset into download mode (bootloader) and stay there");
        message("Ctrl+T T        timestamps on/off");
        message("Ctrl+T L        logging to a file on/off");
        message("Ctrl+T H        this help");
        message("Ctrl+T X        exit");
        message("Ctrl+T Ctrl+T   send Ctrl+T; Ctrl+T Ctrl+] send Ctrl+]");
    }

    private static String keyName(int k) {
        return k < 0x20 ? "Ctrl+" + (char) (k + 0x40) : String.valueOf((char) k);
    }

    private void send(int k) throws IOException {
        synchronized (portLock) {
            try {
                port.write(new byte[] {(byte) k});
            } catch (IOException e) {
                // the read loop notices a vanished port and reconnects; the key is lost
            }
        }
    }

    private void startLog(Path file) {
        try {
            OutputStream s = Files.newOutputStream(file);
            pipeline.setLog(s);
            logFile = file;
            message("Logging is enabled into file " + file);
        } catch (IOException e) {
            message("Error: cannot create the log file " + file + ": " + e.getMessage());
        }
    }

    private void stopLog() {
        OutputStream s = pipeline.log();
        if (s != null) {
            pipeline.setLog(null);
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing more to write
            }
            message("Logging is disabled and file " + logFile + " has been closed");
        }
    }

    private void message(String m) {
        err.print("--- " + m + "\r\n");
        err.flush();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
