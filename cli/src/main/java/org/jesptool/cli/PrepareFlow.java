package org.jesptool.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jesptool.factory.Board;
import org.jesptool.factory.Phase;
import org.jesptool.loader.AfterReset;
import org.jesptool.loader.BeforeReset;
import org.jesptool.loader.ConnectOptions;
import org.jesptool.loader.Device;
import org.jesptool.loader.StubImage;
import org.jesptool.target.Chip;
import org.jesptool.target.Chips;
import org.jesptool.transport.PortInfo;
import org.jesptool.transport.Transports;

/** The prepare step shared by chip commands (facts 1.4), then the command, then the --after reset. */
final class PrepareFlow {
    private final GlobalOptions g;
    private final CliContext ctx;
    private final Console console;

    PrepareFlow(GlobalOptions g, CliContext ctx) {
        this.g = g;
        this.ctx = ctx;
        this.console = ctx.console();
    }

    /** The chip named by --chip, or null for auto. */
    static Chip chipOption(String name) {
        if (name == null || name.equalsIgnoreCase("auto")) {
            return null;
        }
        return Chips.byName(name).orElseThrow(() -> new FatalError("Unknown chip '" + name + "'. Choose auto or one of: "
                + String.join(", ", Chips.names()) + ".", 2));
    }

    /** The options of the last connection attempt (the one that succeeded, once connected). */
    private ConnectOptions connectOptions;
    /** Port open attempts, 0.1 s apart, when the port has to be opened again mid-command. */
    static final int REOPEN_ATTEMPTS = 30;
    /** The stub to start again when the port has to be opened again mid-command (null: none). */
    private StubImage reconnectStub;

    ConnectOptions options(String port) {
        Config cfg = ctx.config();
        BeforeReset before;
        AfterReset after;
        try {
            before = BeforeReset.parse(g.before);
            after = AfterReset.parse(g.after);
        } catch (IllegalArgumentException e) {
            throw new FatalError(e.getMessage());
        }
        if (g.before.contains("_") || g.after.contains("_")) {
            console.warn("Deprecated: use the hyphenated forms " + before.option() + " / " + after.option() + ".");
        }
        int attempts = g.connectAttempts != null ? g.connectAttempts : cfg.getInt("connect_attempts", 7);
        String delay = cfg.get("reset_delay");
        for (String key : List.of("custom_reset_sequence", "custom_hard_reset_sequence")) {
            String custom = cfg.get(key);
            if (custom != null) {
                try {
                    org.jesptool.loader.ResetSequence.custom(custom);
                } catch (IllegalArgumentException e) {
                    throw new FatalError("Config file " + cfg.file() + ", " + key + ": " + e.getMessage());
                }
            }
        }
        ConnectOptions o = ConnectOptions.of(port).chip(chipOption(g.chip)).baud(g.baud).before(before)
                .connectAttempts(attempts).timeouts(cfg.timeouts())
                .customResetSequence(cfg.get("custom_reset_sequence"))
                .customHardResetSequence(cfg.get("custom_hard_reset_sequence"))
                .resetDelay(delay == null ? null : cfg.getDouble("reset_delay", 0.05))
                .messages(console::print);
        if (g.trace) {
            o.trace(console::trace);
        }
        connectOptions = o;
        return o;
    }

    void run(ChipCommand cmd) throws Exception {
        AfterReset after;
        try {
            after = AfterReset.parse(g.after);
        } catch (IllegalArgumentException e) {
            throw new FatalError(e.getMessage());
        }
        phase(Phase.CONNECTING);
        try (Device d = connect()) {
            Board.current().ifPresent(b -> connected(b, d)); // a factory run: this board's chip and MAC
            run(cmd, d, after);
        }
    }

    private void run(ChipCommand cmd, Device d, AfterReset after) throws Exception {
        Session s = null;
        try {
            describe(d);
            if (d.secureDownloadMode() && !cmd.allowedInSecureDownloadMode()) {
                throw new FatalError("This command is not available while the chip is in Secure Download Mode"
                        + " (only write-flash, erase-region and get-security-info are).");
            }
            d = stub(d, cmd);
            if (g.overrideVddsdio != null) {
                overrideVddsdio(d, g.overrideVddsdio);
            }
            if (g.baud > d.transport().baudRate()) {
                phase(Phase.BAUD);
                d.changeBaudRate(g.baud);
            }
            s = new Session(d, console, g, ctx);
            s.reopener(this::reopen);
            cmd.execute(s);
            if (cmd.resetAfter()) {
                afterReset(s.device(), after); // the session's device is a new one after a reconnect
            }
        } finally {
            if (s != null && s.device().transport() != d.transport()) {
                closeQuietly(s.device()); // a port opened again mid-command
            }
        }
    }

    private static void closeQuietly(Device d) {
        try {
            d.close();
        } catch (IOException e) {
            // the port may be gone already
        }
    }

    /**
     * Opens the port again after it went away mid-command (see {@link Session#reconnect()}): connects as at the
     * start, checks it is the same chip, starts the stub again if one was in use and raises the baud rate.
     */
    private Device reopen(Device lost) throws IOException {
        closeQuietly(lost);
        String port = lost.transport().name();
        console.print("Serial port " + port + ":");
        // A USB serial device that dropped off the bus needs a moment to be back: wait up to 3 s by default.
        Device d = openWithRetries(port, REOPEN_ATTEMPTS, true);
        try {
            if (!d.chip().name().equals(lost.chip().name())) {
                throw new org.jesptool.loader.ConnectException(org.jesptool.loader.ConnectException.Reason.WRONG_CHIP,
                        "Reconnected to a different chip (" + d.chip().displayName() + ", was "
                        + lost.chip().displayName() + ").", "");
            }
            if (lost.loader().isStub() && !d.loader().isStub()) {
                if (reconnectStub == null) {
                    throw new IOException("The flasher stub that was running is gone after reconnecting, and there"
                            + " is no stub image to upload again (give it with --stub-file).");
                }
                d.loadStub(reconnectStub);
            }
            if (g.baud > d.transport().baudRate()) {
                d.changeBaudRate(g.baud);
            }
            return d;
        } catch (IOException | RuntimeException e) {
            closeQuietly(d);
            throw e;
        }
    }

    /** Forces the VDD_SDIO regulator to 1.8V, 1.9V or off, on chips that have the override (ESP32). */
    private void overrideVddsdio(Device d, String value) throws IOException {
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (!v.equals("1.8V") && !v.equals("1.9V") && !v.equals("OFF")) {
            throw new FatalError("Invalid --override-vddsdio value '" + value + "': use 1.8V, 1.9V or OFF.");
        }
        org.jesptool.target.Chip.RegisterWrite w = d.chip().vddSdioOverride(v);
        if (w == null) {
            throw new FatalError("--override-vddsdio is only for ESP32 (this chip is " + d.chip().displayName() + ").");
        }
        d.loader().writeReg(w.address(), w.value());
        console.print("VDD_SDIO regulator set to " + v + ".");
    }

    /** In a factory run (several boards at once), tells this board's progress line what is happening. */
    private static void phase(Phase p) {
        Board.current().ifPresent(b -> b.phase(p));
    }

    private static void connected(Board b, Device d) {
        try {
            b.connected(d);
        } catch (IOException e) {
            b.chip(d.chip().displayName()); // the MAC could not be read: the command will say why
        }
    }

    private void afterReset(Device d, AfterReset after) throws IOException {
        phase(Phase.RESETTING);
        switch (after) {
            case HARD_RESET -> console.print("Hard resetting via RTS pin...");
            case SOFT_RESET -> console.print("Soft resetting...");
            case WATCHDOG_RESET -> console.print("Resetting with the RTC watchdog...");
            case NO_RESET -> console.print("Staying in bootloader.");
            case NO_RESET_STUB -> console.print("Staying in flasher stub.");
            default -> { }
        }
        String note = d.reset(after);
        if (note != null) {
            console.note(note);
        }
    }

    private Device connect() throws IOException {
        String port = g.port;
        if (port != null) {
            console.print("Serial port " + port + ":");
            return openWithRetries(port);
        }
        List<PortInfo> ports = PortFilter.apply(Transports.listPorts(), g.portFilter);
        if (ports.isEmpty()) {
            throw new FatalError("No serial ports found" + (g.portFilter.isEmpty() ? "" : " matching --port-filter")
                    + ". Connect the board, or give the port with --port (or ESPTOOL_PORT).");
        }
        console.print("Found " + ports.size() + " serial port" + (ports.size() == 1 ? "" : "s") + ": "
                + String.join(", ", ports.stream().map(PortInfo::path).toList()));
        List<String> failures = new ArrayList<>();
        for (PortInfo p : ports) {
            console.print("Serial port " + p.path() + ":");
            try {
                return Device.open(options(p.path()));
            } catch (IOException e) {
                console.print(p.path() + " failed to connect: " + e.getMessage());
                failures.add(p.path());
            }
        }
        throw new FatalError("Could not connect to an Espressif device on any of the " + ports.size()
                + " serial ports found (" + String.join(", ", failures) + "). Check the cable and the boot mode,"
                + " or name the port with --port.");
    }

    /**
     * ESPTOOL_OPEN_PORT_ATTEMPTS / open_port_attempts (only with --port and a concrete --chip): retry opening a
     * port that is missing or busy (0 = forever), 0.1 s apart.
     */
    private Device openWithRetries(String port) throws IOException {
        return openWithRetries(port, 1, chipOption(g.chip) != null);
    }

    /**
     * @param defaultAttempts attempts when neither ESPTOOL_OPEN_PORT_ATTEMPTS nor open_port_attempts says
     * @param chipKnown whether the chip to expect is known (else one attempt: another port's chip might answer)
     */
    private Device openWithRetries(String port, int defaultAttempts, boolean chipKnown) throws IOException {
        String env = ctx.env().get("ESPTOOL_OPEN_PORT_ATTEMPTS");
        int attempts;
        try {
            attempts = env != null ? CliNumbers.parseInt32(env)
                    : ctx.config().getInt("open_port_attempts", defaultAttempts);
        } catch (NumberFormatException e) {
            throw new FatalError("ESPTOOL_OPEN_PORT_ATTEMPTS must be a number, not '" + env + "'.");
        }
        if (!chipKnown) {
            attempts = 1;
        }
        for (int i = 1; ; i++) {
            try {
                return Device.open(options(port));
            } catch (org.jesptool.transport.PortException e) {
                if (attempts != 0 && i >= attempts) {
                    throw e;
                }
                if (i == 1 && defaultAttempts > 1) {
                    console.print("Waiting for " + port + " to come back (" + e.getMessage() + ")...");
                }
                console.verbose("Could not open " + port + " (" + e.getMessage() + "); retrying...");
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted");
                }
            }
        }
    }

    private void describe(Device d) throws IOException {
        Chip c = d.chip();
        if (!d.chipOutput().isEmpty()) {
            console.verbose("The chip printed while resetting: " + d.chipOutput());
        }
        console.print("Connected to " + c.displayName() + " on " + d.transport().name() + ":");
        if (d.secureDownloadMode()) {
            console.print("Chip type:          " + c.displayName() + " in Secure Download Mode");
            return;
        }
        console.print("Chip type:          " + d.chipDescription());
        console.print("Features:           " + String.join(", ", d.features()));
        console.print("Crystal frequency:  " + d.loader().crystalMhz() + "MHz");
        PortInfo info = d.transport().info();
        if (info != null && info.vid() == PortInfo.ESPRESSIF_VID) {
            console.print("USB mode:           " + (info.pid() == PortInfo.USB_SERIAL_JTAG_PID ? "USB-Serial/JTAG"
                    : info.pid() == c.usbOtgPid() ? "USB-OTG" : "USB"));
        }
        byte[] eui = d.eui64();
        console.print("MAC:                " + Device.formatMac(d.mac()));
        if (eui != null) {
            console.verbose("EUI-64:             " + Device.formatMac(eui));
        }
    }

    /**
     * Starts the flasher stub unless told not to: the one given with --stub-file (or stub_file), else JEsptool's
     * own for the chip when it has one. Returns the device to go on with: a new one when the built-in stub did not
     * greet and the chip was reset back into its ROM loader.
     */
    private Device stub(Device d, ChipCommand cmd) throws IOException {
        String stubFile = g.stubFile != null ? g.stubFile : ctx.config().get("stub_file");
        if (d.stubWasRunning()) {
            keepStubForReconnect(stubFile);
            return d;
        }
        if (g.noStub || !cmd.wantsStub()) {
            console.print("Using the ROM loader (" + (g.noStub ? "--no-stub" : "command runs in ROM mode") + ").");
            d.setRomModeHint(g.noStub ? "Drop --no-stub." : "This command runs in ROM mode.");
            return d;
        }
        if (!d.stubAllowed()) {
            console.note("The flasher stub cannot be used with this chip"
                    + (d.secureDownloadMode() ? " in Secure Download Mode" : "") + "; using the ROM loader.");
            d.setRomModeHint("The flasher stub cannot be used with this chip"
                    + (d.secureDownloadMode() ? " in Secure Download Mode." : "."));
            return d;
        }
        if (stubFile == null) {
            java.util.Optional<StubImage> own = org.jesptool.loader.StubImages.forChip(d.chip(), d.revision());
            if (own.isEmpty()) {
                console.note("JEsptool has no flasher stub for " + d.chip().displayName() + " yet; using the ROM"
                        + " loader (ROM mode). Give a stub with --stub-file to use one.");
                d.setRomModeHint("JEsptool has no flasher stub for " + d.chip().displayName()
                        + " yet: give one with --stub-file.");
                return d;
            }
            if (cmd.writesEncrypted()) {
                // our stub refuses the "encrypted" word: never worse than no stub, so this run stays with the ROM
                console.note("JEsptool's flasher stub does not write encrypted data yet; using the ROM loader for "
                        + "this encrypted write.");
                d.setRomModeHint("JEsptool's own flasher stub does not write encrypted data yet: give an "
                        + "esptool-compatible stub with --stub-file.");
                return d;
            }
            return startBuiltIn(d, own.get());
        }
        Path p = ctx.resolve(stubFile);
        if (!Files.isRegularFile(p)) {
            throw new FatalError("Stub file " + stubFile + " does not exist. Give the path of a flasher stub JSON"
                    + " with --stub-file, or use --no-stub.");
        }
        StubImage image = StubImage.read(p);
        phase(Phase.STUB);
        d.loadStub(image);
        reconnectStub = image;
        return d;
    }

    /**
     * Starts JEsptool's own stub. One that does not greet must not make things worse than no stub: say so once,
     * reset the chip into its ROM loader and carry on in ROM mode.
     */
    private Device startBuiltIn(Device d, StubImage image) throws IOException {
        try {
            d.loadStub(image);
            reconnectStub = image;
            return d;
        } catch (org.jesptool.command.NoReplyException e) {
            console.warn("The flasher stub did not start (no greeting within 3 s); resetting the chip and carrying"
                    + " on with the ROM loader (ROM mode).");
        }
        Device rom;
        try {
            rom = d.reconnect();
        } catch (IOException e) {
            throw new FatalError("The flasher stub did not start, and getting back to the ROM loader failed: "
                    + e.getMessage() + " Reset the board into download mode and run the command again with --no-stub.");
        }
        console.verbose("Connected again to " + rom.chip().displayName() + " (ROM loader).");
        rom.setRomModeHint("The flasher stub did not start on this chip (see above).");
        return rom;
    }


    /** A stub that was already running is gone after a reconnect: give Device.reconnect the configured one. */
    private void keepStubForReconnect(String stubFile) {
        if (stubFile == null || !Files.isRegularFile(ctx.resolve(stubFile))) {
            return;
        }
        try {
            reconnectStub = StubImage.read(ctx.resolve(stubFile));
            connectOptions.stub(reconnectStub);
        } catch (IOException | RuntimeException e) {
            console.verbose("Stub file " + stubFile + " is not usable for a reconnect: " + e.getMessage());
        }
    }

    /** --port-filter matching (facts 1.6): OR within a key, AND across keys. */
    static final class PortFilter {
        private PortFilter() {
        }

        static List<PortInfo> apply(List<PortInfo> ports, List<String> filters) {
            if (filters == null || filters.isEmpty()) {
                return ports;
            }
            List<Integer> vids = new ArrayList<>();
            List<Integer> pids = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<String> serials = new ArrayList<>();
            for (String f : filters) {
                int eq = f.indexOf('=');
                if (eq < 0) {
                    throw new FatalError("Invalid --port-filter '" + f + "': use vid=N, pid=N, name=TEXT or serial=TEXT.");
                }
                String key = f.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String val = f.substring(eq + 1).trim();
                try {
                    switch (key) {
                        case "vid" -> vids.add((int) CliNumbers.parseLong(val));
                        case "pid" -> pids.add((int) CliNumbers.parseLong(val));
                        case "name" -> names.add(val);
                        case "serial" -> serials.add(val);
                        default -> throw new FatalError("Invalid --port-filter key '" + key
                                + "': use vid, pid, name or serial.");
                    }
                } catch (NumberFormatException e) {
                    throw new FatalError("Invalid --port-filter '" + f + "': " + e.getMessage());
                }
            }
            return ports.stream().filter(p -> (vids.isEmpty() || vids.contains(p.vid()))
                    && (pids.isEmpty() || pids.contains(p.pid()))
                    && (names.isEmpty() || names.stream().anyMatch(n -> p.path().contains(n)))
                    && (serials.isEmpty() || serials.stream().anyMatch(s -> p.serial().contains(s)))).toList();
        }
    }
}
