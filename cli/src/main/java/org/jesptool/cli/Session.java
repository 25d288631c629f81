package org.jesptool.cli;

import java.io.IOException;
import org.jesptool.command.Timeouts;
import org.jesptool.loader.ConnectException;
import org.jesptool.loader.Device;
import org.jesptool.loader.Loader;
import org.jesptool.loader.SpiFlash;
import org.jesptool.target.Chip;

/**
 * A connected chip as a {@link ChipCommand} sees it: the loader (ROM or stub), the chip facts, flash
 * helpers and the console. Created by the prepare flow; the {@code --after} reset runs when the command
 * returns.
 */
public final class Session {
    private Device device;
    private final Console console;
    private final GlobalOptions globals;
    private final CliContext context;
    private PortReopener reopener;

    /** Opens the port again after it went away with the link (USB unplugged, connection cut). */
    @FunctionalInterface
    interface PortReopener {
        /** A device on a freshly opened port, same chip, stub and baud rate as {@code lost}; closes {@code lost}. */
        Device reopen(Device lost) throws IOException;
    }

    Session(Device device, Console console, GlobalOptions globals, CliContext context) {
        this.device = device;
        this.console = console;
        this.globals = globals;
        this.context = context;
    }

    /** The loader primitives (flash, memory, registers). */
    public Loader loader() {
        return device.loader();
    }

    public Device device() {
        return device;
    }

    public Chip chip() {
        return device.chip();
    }

    public Console console() {
        return console;
    }

    public GlobalOptions globals() {
        return globals;
    }

    public CliContext context() {
        return context;
    }

    public Config config() {
        return context.config();
    }

    public Timeouts timeouts() {
        return device.timeouts();
    }

    public boolean secureDownloadMode() {
        return device.secureDownloadMode();
    }

    /**
     * Connects again after a lost link, as the prepare flow did ({@link Device#reconnect()}: reset, sync, stub,
     * baud rate); the session uses the new connection from then on. Attaching the flash and setting the flash
     * size again are the caller's.
     */
    public Device reconnect() throws IOException {
        try {
            device = device.reconnect();
        } catch (IOException e) {
            if (reopener == null || e instanceof ConnectException ce
                    && ce.reason() == ConnectException.Reason.WRONG_CHIP) {
                throw e;
            }
            // The port itself is gone (a USB serial device that vanished, a dropped TCP connection): reconnecting
            // over it cannot work, opening it again can.
            console.print("Could not reconnect over the open port (" + e.getMessage() + "); opening "
                    + device.transport().name() + " again.");
            device = reopener.reopen(device);
        }
        return device;
    }

    void reopener(PortReopener r) {
        this.reopener = r;
    }

    /**
     * Attaches the SPI flash as esptool does before flash commands. {@code spiConnection} is the
     * {@code --spi-connection} argument ({@code SPI}, {@code HSPI} or {@code CLK,Q,D,HD,CS}) or null.
     */
    public void attachFlash(String spiConnection) throws IOException {
        Integer pins = spiConnection == null ? null : parseSpiConnection(spiConnection);
        if (pins == null && !device.loader().isStub() && !device.secureDownloadMode()) {
            int efuse = chip().defaultSpiAttach(device.loader()::readReg);
            device.attachFlash(efuse);
            return;
        }
        device.attachFlash(pins);
    }

    /** Parses {@code --spi-connection}: SPI = 0, HSPI = 1, or five GPIO numbers CLK,Q,D,HD,CS packed. */
    public static int parseSpiConnection(String s) {
        String t = s.trim().toUpperCase();
        if (t.equals("SPI")) {
            return 0;
        }
        if (t.equals("HSPI")) {
            return 1;
        }
        String[] p = t.split(",");
        if (p.length != 5) {
            throw new FatalError("Invalid --spi-connection '" + s + "': use SPI, HSPI or five GPIO numbers CLK,Q,D,HD,CS.");
        }
        int[] v = new int[5];
        for (int i = 0; i < 5; i++) {
            try {
                v[i] = (int) CliNumbers.parseLong(p[i]);
            } catch (NumberFormatException e) {
                throw new FatalError("Invalid --spi-connection '" + s + "': " + e.getMessage());
            }
            if (v[i] < 0 || v[i] > 63) {
                throw new FatalError("Invalid --spi-connection '" + s + "': GPIO numbers are 0..63.");
            }
        }
        return v[3] << 24 | v[4] << 18 | v[2] << 12 | v[1] << 6 | v[0];
    }

    /** Flash size from the JEDEC id in bytes, or -1 when unknown or in Secure Download Mode. */
    public int detectedFlashSize() throws IOException {
        return device.detectFlashSize();
    }

    /**
     * Resolves a {@code --flash-size} argument and tells the loader (SPI_SET_PARAMS, skipped on ESP8266's ROM).
     * {@code detect} and {@code keep} use the detected size (4MB with a warning when unknown).
     *
     * @return the size in bytes
     */
    public int configureFlashSize(String arg) throws IOException {
        int size;
        if (arg == null || arg.equalsIgnoreCase("detect") || arg.equalsIgnoreCase("keep")) {
            size = detectedFlashSize();
            if (size < 0) {
                if (secureDownloadMode() && arg != null && arg.equalsIgnoreCase("keep")) {
                    return -1;
                }
                console.warn("Could not detect the flash size (flash id 0x" + (secureDownloadMode() ? "unknown"
                        : Integer.toHexString(device.loader().flashId())) + "); assuming 4MB.");
                size = 4 << 20;
            } else if (arg != null && arg.equalsIgnoreCase("detect")) {
                console.print("Auto-detected flash size: " + SpiFlash.sizeName(size));
            }
        } else {
            size = parseFlashSize(arg);
            int detected = secureDownloadMode() ? -1 : detectedFlashSize();
            if (detected > 0 && size > detected) {
                console.warn("Set --flash-size " + arg + " is larger than the available flash size of "
                        + SpiFlash.sizeName(detected) + ".");
            }
        }
        if (!(chip().romStatusBytes() == 2 && !device.loader().isStub())) {
            device.loader().spiSetParams(size);
        }
        return size;
    }

    /** {@code 4MB}, {@code 512KB}, {@code 2MB-c1} to bytes. */
    public static int parseFlashSize(String s) {
        String t = s.trim().toUpperCase();
        if (t.endsWith("-C1")) {
            t = t.substring(0, t.length() - 3);
        }
        try {
            if (t.endsWith("MB")) {
                return Integer.parseInt(t.substring(0, t.length() - 2)) << 20;
            }
            if (t.endsWith("KB")) {
                return Integer.parseInt(t.substring(0, t.length() - 2)) << 10;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new FatalError("Invalid flash size '" + s + "': use a value such as 1MB, 4MB or 16MB, or detect/keep.");
    }
}
