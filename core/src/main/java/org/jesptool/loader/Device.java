package org.jesptool.loader;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.jesptool.command.LoaderException;
import org.jesptool.command.NoReplyException;
import org.jesptool.command.Timeouts;
import org.jesptool.command.UnsupportedCommandException;
import org.jesptool.command.internal.CommandChannel;
import org.jesptool.command.internal.SlipLink;
import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.jesptool.target.Chip;
import org.jesptool.target.Chips;
import org.jesptool.target.RegisterReader;
import org.jesptool.target.Watchdog;
import org.jesptool.transport.PortInfo;
import org.jesptool.transport.Transport;
import org.jesptool.transport.Transports;

/**
 * A chip connected through its serial loader: the entry point for programs that embed JEsptool.
 *
 * <pre>{@code
 * try (Device d = Device.connect(ConnectOptions.of("/dev/ttyUSB0"))) {
 *     System.out.println(d.chip() + " " + Device.formatMac(d.mac()));
 *     int jedec = d.loader().flashId();
 * }
 * }</pre>
 *
 * {@link #open} only resets, syncs and detects the chip; {@link #connect} also uploads the stub given in
 * the options and raises the baud rate. {@link #close()} closes the port without resetting: call
 * {@link #reset(AfterReset)} first for that.
 */
public final class Device implements Closeable {
    private final Transport transport;
    private final SlipLink link;
    private final EspLoader loader;
    private final ConnectOptions options;
    private final SecurityState security;
    private final boolean stubWasRunning;
    private final String chipOutput;
    private int flashSize = -2;
    private Integer jedecId;
    /** eFuse words read for the description and features, each read once. */
    private RegisterReader efuses;
    private StubImage uploadedStub;

    private Device(Transport transport, SlipLink link, EspLoader loader, ConnectOptions options,
            SecurityState security, boolean stubWasRunning, String chipOutput) {
        this.transport = transport;
        this.link = link;
        this.loader = loader;
        this.options = options;
        this.security = security;
        this.stubWasRunning = stubWasRunning;
        this.chipOutput = chipOutput;
    }

    /** Opens the port, connects, detects the chip, uploads the stub (if given) and changes the baud rate. */
    public static Device connect(ConnectOptions o) throws IOException {
        Device d = open(o);
        try {
            if (o.stub != null) {
                d.loadStub(o.stub);
            }
            if (o.baud > d.transport.baudRate()) {
                d.changeBaudRate(o.baud);
            }
            return d;
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /** Opens the port, resets and syncs, detects (or verifies) the chip. No stub, initial baud rate. */
    public static Device open(ConnectOptions o) throws IOException {
        int initial = o.before == BeforeReset.NO_RESET_NO_SYNC ? o.baud : Math.min(o.baud, 115200);
        Transport t = Transports.open(o.port, initial);
        try {
            return open(t, o);
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
    }

    /** Connects over an already open transport (tests, custom links). */
    public static Device open(Transport t, ConnectOptions o) throws IOException {
        SlipLink link = new SlipLink(t);
        link.setTrace(o.trace);
        CommandChannel ch = new CommandChannel(link);
        Connector c = new Connector(ch, o);
        c.connect();
        if (c.stubDetected()) {
            ch.setStub(true);
            o.messages.accept("A flasher stub is already running on the chip; using it.");
        }
        Detection det = detect(ch, o);
        EspLoader loader = new EspLoader(ch, det.chip, det.sdm, o.timeouts);
        loader.setSleeper(o.sleeper);
        loader.setStub(c.stubDetected());
        loader.setDetectedSecurity(det.security);
        PortInfo info = t.info();
        if (info != null && info.vid() == PortInfo.ESPRESSIF_VID && info.pid() == det.chip.usbOtgPid()) {
            loader.setUsbOtg(true);
        }
        return new Device(t, link, loader, o, det.security, c.stubDetected(), c.chipOutput());
    }

    private record Detection(Chip chip, boolean sdm, SecurityState security) {
    }

    /** GET_SECURITY_INFO chip id first, then the magic register (facts 3). */
    private static Detection detect(CommandChannel ch, ConnectOptions o) throws IOException {
        long t = o.timeouts.defaultMillis();
        SecurityState sec = null;
        try {
            var r = ch.command(Opcode.GET_SECURITY_INFO, new byte[0], 0, t);
            int avail = r.data().length - ch.statusBytes();
            int payload = avail >= 20 ? 20 : avail >= 12 ? 12 : -1;
            if (payload > 0 && r.data()[payload] == 0) {
                byte[] d = r.data();
                sec = new SecurityState(Packet.u32(d, 0), d[4] & 0xFF, java.util.Arrays.copyOfRange(d, 5, 12),
                        payload == 20 ? Packet.u32(d, 12) : -1, payload == 20 ? Packet.u32(d, 16) : -1);
            }
        } catch (UnsupportedCommandException | NoReplyException | LoaderException e) {
            // ESP8266, ESP32 and running stubs do not have it
        }
        boolean sdm = sec != null && sec.secureDownloadMode();
        Chip chip;
        if (sec != null && sec.chipId() >= 0) {
            int id = sec.chipId();
            chip = Chips.byChipId(id).orElse(null);
            if (chip == null) {
                throw new ConnectException(ConnectException.Reason.UNKNOWN_CHIP, Chips.isRemovedBetaChipId(id)
                        ? "This chip (chip id " + id + ") is a beta chip that is no longer supported."
                        : "Unexpected chip id " + id + ": this chip is not supported by this version of JEsptool.", "");
            }
        } else {
            int magic;
            try {
                magic = ch.check(Opcode.READ_REG, Packet.words(org.jesptool.target.Chip.MAGIC_REG), 0, t, 0).value();
            } catch (UnsupportedCommandException e) {
                // Only one chip's ROM (ESP32-S2) refuses READ_REG, in Secure Download Mode.
                chip = Chips.refusingReadRegInSecureDownloadMode().orElseThrow();
                return verify(new Detection(chip, true, sec), o);
            }
            chip = Chips.byMagic(magic).orElse(null);
            if (chip == null) {
                throw new ConnectException(ConnectException.Reason.UNKNOWN_CHIP, String.format(
                        "Unexpected chip magic value 0x%08x: this chip is not supported, or it is not an Espressif chip.",
                        magic), "");
            }
        }
        return verify(new Detection(chip, sdm, sec), o);
    }

    private static Detection verify(Detection d, ConnectOptions o) throws ConnectException {
        if (o.chip != null && !o.chip.name().equals(d.chip.name())) {
            throw new ConnectException(ConnectException.Reason.WRONG_CHIP, "This chip is " + d.chip.displayName()
                    + ", not " + o.chip.displayName() + ". Wrong --chip argument? Use --chip " + d.chip.name()
                    + " or --chip auto.", "");
        }
        return d;
    }

    public Transport transport() {
        return transport;
    }

    /**
     * The loader primitives (flash, memory, registers, SPI flash commands).
     *
     * @return the connected loader
     */
    public Loader loader() {
        return loader;
    }

    /**
     * Sets the sentence that errors of operations needing the flasher stub end with while the ROM loader answers:
     * why ROM mode was chosen and what to do, e.g. "Drop --no-stub.".
     *
     * @param hint one sentence
     */
    public void setRomModeHint(String hint) {
        loader.setRomModeHint(hint);
    }

    /** The concrete loader, with the protocol details kept inside this package (channel, USB-OTG, stub start). */
    EspLoader espLoader() {
        return loader;
    }

    public Chip chip() {
        return loader.chip();
    }

    public boolean secureDownloadMode() {
        return loader.secureDownloadMode();
    }

    /** The GET_SECURITY_INFO reply from detection, or null when the loader does not have the command. */
    public SecurityState securityState() {
        return security;
    }

    /** Whether a stub was already running when we connected (nothing was uploaded). */
    public boolean stubWasRunning() {
        return stubWasRunning;
    }

    /** What the chip printed during reset and sync (printable form). */
    public String chipOutput() {
        return chipOutput;
    }

    /** Chip revision, major*100 + minor. */
    public int revision() throws IOException {
        return loader.chipRevision();
    }

    /**
     * The chip as esptool describes it after "Chip type:": package name decoded from eFuse and the
     * revision, e.g. {@code ESP32-D0WD-V3 (revision v3.1)} or {@code ESP8685 (QFN28) (revision v0.4)}.
     * In Secure Download Mode, where eFuse cannot be read, the display name.
     */
    public String chipDescription() throws IOException {
        if (secureDownloadMode()) {
            return chip().displayName();
        }
        String name = chip().description(efuses());
        if (!chip().hasRevision()) {
            return name;
        }
        int rev = revision();
        return name + " (revision v" + rev / 100 + "." + rev % 100 + ")";
    }

    /** The chip's features decoded from eFuse (radio, cores, clock, embedded flash/PSRAM, ...); empty in SDM. */
    public List<String> features() throws IOException {
        return secureDownloadMode() ? List.of() : chip().features(efuses());
    }

    private RegisterReader efuses() {
        if (efuses == null) {
            efuses = RegisterReader.memoizing(loader::readReg);
        }
        return efuses;
    }

    /** The factory MAC address. */
    public byte[] mac() throws IOException {
        return chip().readMac(loader::readReg);
    }

    /** The EUI-64 of chips with an 802.15.4 radio, else null. */
    public byte[] eui64() throws IOException {
        return chip().readEui64(loader::readReg);
    }

    /** Whether the stub may be used on this chip now (not in SDM, chip rules). */
    public boolean stubAllowed() throws IOException {
        boolean secureBoot = security != null && security.secureBootEnabled();
        return !secureDownloadMode() && chip().stubSupported(revision(), secureBoot);
    }

    /** Uploads and starts a flasher stub (skipped when one is already running). */
    public void loadStub(StubImage stub) throws IOException {
        if (loader.isStub()) {
            return;
        }
        options.messages.accept("Uploading flasher stub...");
        loader.uploadStub(stub, security != null && security.secureBootEnabled());
        uploadedStub = stub;
        options.messages.accept("Flasher stub running.");
    }

    /**
     * Connects again over the same port with the same options, for carrying on after a lost link: the line
     * goes back to the initial baud rate, the chip is reset and synced, the stub this device uploaded is
     * uploaded again (or the options' stub, when one was already running at connect time), and the baud rate is raised as {@link #connect} does. Flash attach and flash parameters
     * are the caller's to repeat. Returns the new device; this one must not be used any more (they share the
     * port, so close only one).
     *
     * @throws IOException when connecting fails, the chip is a different one, or a stub was running that this
     *     device did not upload and so cannot restore
     */
    public Device reconnect() throws IOException {
        boolean wasStub = loader.isStub();
        transport.setBaudRate(options.before == BeforeReset.NO_RESET_NO_SYNC ? options.baud
                : Math.min(options.baud, 115200));
        Device d = open(transport, options);
        if (!d.chip().name().equals(chip().name())) {
            throw new ConnectException(ConnectException.Reason.WRONG_CHIP, "Reconnected to a different chip ("
                    + d.chip().displayName() + ", was " + chip().displayName() + ").", "");
        }
        StubImage stub = uploadedStub != null ? uploadedStub : options.stub;
        if (wasStub && !d.loader().isStub()) {
            if (stub == null) {
                throw new IOException("The flasher stub that was running is gone after reconnecting, and there is"
                        + " no stub image to upload again.");
            }
            d.loadStub(stub);
        }
        if (options.baud > transport.baudRate()) {
            d.changeBaudRate(options.baud);
        }
        return d;
    }

    /** CHANGE_BAUDRATE; the ROM of the ESP8266 cannot, which is reported as a note, not an error. */
    public void changeBaudRate(int baud) throws IOException {
        if (!loader.isStub() && chip().romStatusBytes() == 2) {
            options.messages.accept("Note: the " + chip().displayName() + " ROM cannot change the baud rate;"
                    + " staying at " + transport.baudRate() + ".");
            return;
        }
        if (!loader.isStub() && secureDownloadMode() && !chip().romChangesBaudInSecureDownloadMode()) {
            options.messages.accept("Note: the " + chip().displayName() + " ROM in Secure Download Mode cannot change"
                    + " the baud rate; staying at " + transport.baudRate() + ".");
            return;
        }
        options.messages.accept("Changing baud rate to " + baud + "...");
        loader.changeBaudRate(baud);
        options.messages.accept("Changed.");
    }

    /**
     * Attaches the SPI flash: {@code pins} null = default wiring (ROM: SPI_ATTACH 0, or the eFuse config on
     * ESP32; stub: nothing), else the value for SPI_ATTACH. ESP8266's ROM attaches with FLASH_BEGIN(0, 0).
     */
    public void attachFlash(Integer pins) throws IOException {
        if (chip().romStatusBytes() == 2 && !loader.isStub()) {
            loader.flashBegin(0, 0, loader.flashWriteSize(), 0, false);
        } else if (pins != null || !loader.isStub()) {
            loader.spiAttach(pins == null ? 0 : pins);
        }
        if (!secureDownloadMode()) {
            flashChecks();
        }
    }

    /**
     * After attaching (facts 2.10): the XMC flash start-up fix, a connection check that only warns, and a
     * flash soft reset (66h, 99h).
     */
    private void flashChecks() throws IOException {
        SpiFlash spi = loader.spiFlash();
        byte[] none = new byte[0];
        jedecId = spi.jedecId();
        if (!isKnownXmc(jedecId) && spi.readSfdp(0x10, 1) == XMC_VENDOR) {
            options.messages.accept("XMC flash chip may be in a bad state after boot: running its start-up sequence.");
            spi.run(0xB9, none, 0, 0, 0, 0);
            spi.run(0x79, none, 0, 0, 0, 0);
            spi.run(0xFF, none, 0, 0, 0, 0);
            options.sleeper.sleep(2);
            spi.run(0xAB, none, 0, 0, 0, 0);
        }
        if (spi.readSfdp(0, 4) != SFDP_SIGNATURE) {
            int id = spi.jedecId();
            jedecId = id;
            if (id == 0xFFFFFF || id == 0 || id == 0xFFFF3F) {
                options.messages.accept(String.format("Warning: the flash memory does not respond (JEDEC id 0x%06x)."
                        + " Check its power and wiring, or the pins given with --spi-connection.", id));
            }
        }
        spi.run(0x66, none, 0, 0, 0, 0);
        spi.run(0x99, none, 0, 0, 0, 0);
        options.sleeper.sleep(1);
    }

    /**
     * The flash JEDEC id (see {@link Loader#flashId()}): the one read while attaching when there was one,
     * else read now.
     */
    public int flashId() throws IOException {
        if (jedecId == null) {
            jedecId = loader.flashId();
        }
        return jedecId;
    }

    private static final int XMC_VENDOR = 0x20;
    private static final int SFDP_SIGNATURE = 0x50444653; // "SFDP", little-endian

    /** XMC parts whose start-up state is known to be fine: type 0x40 cap 0x13-0x20, 0x41 0x17-0x20, 0x50 0x15-0x16. */
    static boolean isKnownXmc(int jedecId) {
        if ((jedecId & 0xFF) != XMC_VENDOR) {
            return false;
        }
        int type = (jedecId >> 8) & 0xFF;
        int cap = (jedecId >> 16) & 0xFF;
        return type == 0x40 && cap >= 0x13 && cap <= 0x20 || type == 0x41 && cap >= 0x17 && cap <= 0x20
                || type == 0x50 && cap >= 0x15 && cap <= 0x16;
    }

    /** Flash size in bytes from the JEDEC id, or -1 when unknown (also in SDM, where it cannot be read). */
    public int detectFlashSize() throws IOException {
        if (flashSize == -2) {
            flashSize = secureDownloadMode() ? -1 : SpiFlash.sizeFromJedecId(flashId());
        }
        return flashSize;
    }

    /**
     * The {@code --after} action. Returns a note to show when the chip falls back to another reset, else null.
     */
    public String reset(AfterReset after) throws IOException {
        switch (after) {
            case HARD_RESET -> {
                hardReset();
                return null;
            }
            case SOFT_RESET -> {
                if (!loader.isStub()) {
                    loader.runUserCode();
                } else if (chip().romStatusBytes() == 2) {
                    loader.stubRunUserCode();
                } else {
                    throw new UnsupportedCommandException(Opcode.RUN_USER_CODE, "Soft reset is not supported by the "
                            + chip().displayName() + " flasher stub; use --after hard-reset or no-reset.");
                }
                return null;
            }
            case NO_RESET -> {
                if (loader.isStub()) {
                    // For the stub, FLASH_END "reboot" means: return to the ROM loader.
                    loader.flashBegin(0, 0, loader.flashWriteSize(), 0, false);
                    loader.flashEnd(true);
                }
                return null;
            }
            case NO_RESET_STUB -> {
                return null;
            }
            default -> {
                Watchdog w = chip().watchdog();
                if (w == null || secureDownloadMode()) {
                    hardReset();
                    return "Watchdog reset is not available on " + chip().displayName()
                            + (secureDownloadMode() ? " in Secure Download Mode" : "") + "; used a hard reset instead.";
                }
                loader.writeReg(w.writeProtect(), Watchdog.WKEY);
                loader.writeReg(w.config1(), 2000);
                loader.writeReg(w.config0(), (1 << 31) | (5 << 28) | (1 << 8) | 2);
                loader.writeReg(w.writeProtect(), 0);
                options.sleeper.sleep(500);
                return null;
            }
        }
    }

    private void hardReset() throws IOException {
        if (options.customHardResetSequence != null && !options.customHardResetSequence.isBlank()) {
            ResetSequence.custom(options.customHardResetSequence).run(transport, options.sleeper);
            return;
        }
        PortInfo info = transport.info();
        boolean usb = loader.usbOtg() || info != null && info.pid() == PortInfo.USB_SERIAL_JTAG_PID;
        ResetSequence.hard(usb).run(transport, options.sleeper);
    }

    /** Formats a MAC as {@code aa:bb:cc:dd:ee:ff}. */
    public static String formatMac(byte[] mac) {
        StringBuilder s = new StringBuilder();
        for (byte b : mac) {
            if (s.length() > 0) {
                s.append(':');
            }
            s.append(String.format("%02x", b & 0xFF));
        }
        return s.toString();
    }

    /** The timeouts in effect. */
    public Timeouts timeouts() {
        return options.timeouts;
    }

    /** Closes the port (no reset). */
    @Override
    public void close() throws IOException {
        transport.close();
    }
}
