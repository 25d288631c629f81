package org.jesptool.gui;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jesptool.flash.FlashException;
import org.jesptool.flash.FlashSizes;
import org.jesptool.flash.Flasher;
import org.jesptool.flash.ProgressListener;
import org.jesptool.image.FlashHeaderPatcher;
import org.jesptool.image.ImageChip;
import org.jesptool.image.ImageException;
import org.jesptool.image.ImageFormats;
import org.jesptool.loader.AfterReset;
import org.jesptool.loader.ConnectOptions;
import org.jesptool.loader.Device;
import org.jesptool.loader.SecurityState;
import org.jesptool.loader.SpiFlash;
import org.jesptool.loader.StubImage;
import org.jesptool.target.FlashSecurity;
import org.jesptool.transport.PortInfo;

/**
 * One connection to a board through the core library, as the command line's prepare step makes it: connect
 * (reset, sync, detect, baud), describe, attach and size the flash, then flash operations with one reconnect
 * after a lost link. Used off the event thread only.
 */
final class BoardLink implements Closeable {
    private Device device;
    private final Consumer<String> log;
    private long flashSize;

    private BoardLink(Device device, Consumer<String> log) {
        this.device = device;
        this.log = log;
    }

    /**
     * Connects, starts the flasher stub when this build has one for the chip (else stays with the ROM loader) and
     * raises the baud rate; the log gets the lines the command line would print.
     */
    static BoardLink connect(String port, int baud, Consumer<String> log) throws IOException {
        log.accept("Serial port " + port + ":");
        Device d = Device.open(ConnectOptions.of(port).baud(baud).messages(log));
        try {
            StubImage stub = d.stubWasRunning() ? null : bundledStub(d.chip().name());
            if (stub != null && d.stubAllowed()) {
                d.loadStub(stub);
            } else if (!d.stubWasRunning()) {
                log.accept("Using the ROM loader (" + (stub == null ? "no flasher stub for "
                        + d.chip().displayName() + " in this build" : "the stub cannot be used on this chip") + ").");
            }
            if (baud > d.transport().baudRate()) {
                d.changeBaudRate(baud);
            }
            return new BoardLink(d, log);
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /**
     * The flasher stub image for a chip: {@code CHIP.json} in the folder named by -Djesptool.gui.stubDir, else
     * the one on the class path at /org/jesptool/stub/CHIP.json; null when there is none.
     */
    static StubImage bundledStub(String chip) throws IOException {
        String dir = System.getProperty("jesptool.gui.stubDir");
        if (dir != null) {
            Path p = Path.of(dir, chip + ".json");
            return Files.isRegularFile(p) ? StubImage.read(p) : null;
        }
        try (InputStream in = BoardLink.class.getResourceAsStream("/org/jesptool/stub/" + chip + ".json")) {
            return in == null ? null : StubImage.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    Device device() {
        return device;
    }

    ImageChip imageChip() {
        return ImageFormats.find(device.chip().name());
    }

    /** Chip, revision, features, crystal, MAC, flash id and size, security state (logged as the CLI prints them). */
    BoardInfo describe() throws IOException {
        var c = device.chip();
        BoardInfo.Builder b = new BoardInfo.Builder();
        log.accept("Connected to " + c.displayName() + " on " + device.transport().name() + ":");
        String type = device.chipDescription() + (device.secureDownloadMode() ? " in Secure Download Mode" : "");
        b.fact("Chip", type);
        log.accept("Chip type:          " + type);
        if (!device.secureDownloadMode()) {
            String features = String.join(", ", device.features());
            b.fact("Features", features);
            log.accept("Features:           " + features);
            String xtal = device.loader().crystalMhz() + " MHz";
            b.fact("Crystal", xtal);
            log.accept("Crystal frequency:  " + xtal.replace(" ", ""));
            String mac = Device.formatMac(device.mac());
            b.fact("MAC", mac);
            log.accept("MAC:                " + mac);
        }
        PortInfo info = device.transport().info();
        if (info != null && info.isUsb()) {
            b.fact("USB", String.format("%04X:%04X %s", info.vid(), info.pid(), info.description()).trim());
        }
        attachFlash();
        if (!device.secureDownloadMode()) {
            int id = device.flashId();
            int size = device.detectFlashSize();
            b.fact("Flash", String.format("manufacturer 0x%02x, device 0x%02x%02x, %s", id & 0xFF, (id >> 8) & 0xFF,
                    (id >> 16) & 0xFF, size > 0 ? SpiFlash.sizeName(size) : "size unknown"));
            log.accept(String.format("Manufacturer: %02x", id & 0xFF));
            log.accept(String.format("Device: %02x%02x", (id >> 8) & 0xFF, (id >> 16) & 0xFF));
            log.accept("Detected flash size: " + (size > 0 ? SpiFlash.sizeName(size) : "Unknown"));
            flashSize = Math.max(0, size);
        }
        b.fact("Security", security());
        return b.build(c.name(), c.displayName(), flashSize);
    }

    private String security() {
        if (device.secureDownloadMode()) {
            return "Secure Download Mode (flash can be written, not read)";
        }
        boolean secureBoot;
        boolean encryption;
        try {
            FlashSecurity fs = new Flasher(device.loader()).securitySettings();
            if (fs == null) {
                SecurityState s = device.securityState();
                if (s == null) {
                    return "no secure boot or flash encryption on this chip";
                }
                secureBoot = s.secureBootEnabled();
                encryption = s.flashEncryptionEnabled();
            } else {
                secureBoot = fs.secureBoot();
                encryption = fs.flashEncryption();
            }
        } catch (FlashException e) {
            return "could not be read (" + e.getMessage() + ")";
        }
        return "secure boot " + (secureBoot ? "ON" : "off") + ", flash encryption " + (encryption ? "ON" : "off");
    }

    /** SPI attach as write-flash does (the eFuse pin setting on the ROM loader). */
    void attachFlash() throws IOException {
        if (!device.loader().isStub() && !device.secureDownloadMode()) {
            device.attachFlash(device.chip().defaultSpiAttach(device.loader()::readReg));
        } else {
            device.attachFlash(null);
        }
    }

    /**
     * The flash size to use: {@code detect} (4 MB with a warning when unknown) or a name such as {@code 4MB};
     * told to the loader. Call after {@link #attachFlash()}.
     */
    long configureFlashSize(String sizeArg) throws IOException {
        long size;
        if (sizeArg == null || sizeArg.equals("detect") || sizeArg.equals("keep")) {
            int detected = device.detectFlashSize();
            if (detected <= 0) {
                log.accept("Warning: could not detect the flash size; assuming 4MB.");
                detected = 4 << 20;
            } else if ("detect".equals(sizeArg)) {
                log.accept("Auto-detected flash size: " + SpiFlash.sizeName(detected));
            }
            size = detected;
        } else {
            size = FlashSizes.parseName(sizeArg);
        }
        if (!(device.chip().romStatusBytes() == 2 && !device.loader().isStub())) {
            device.loader().spiSetParams((int) size);
        }
        flashSize = size;
        return size;
    }

    /** A flasher that reconnects once after a lost link (reset, sync, attach, size), as write-flash does. */
    Flasher flasher(ProgressListener listener) {
        return new Flasher(device.loader(), () -> {
            log.accept("Lost the connection; reconnecting...");
            device = device.reconnect();
            attachFlash();
            if (flashSize > 0 && !(device.chip().romStatusBytes() == 2 && !device.loader().isStub())) {
                device.loader().spiSetParams((int) flashSize);
            }
            return device.loader();
        }).listener(listener);
    }

    /**
     * The bootloader header patch for mode/freq/size (null when all are keep, in Secure Download Mode, or with
     * secure boot on, where a changed header would not boot).
     */
    UnaryOperator<byte[]> headerPatch(String mode, String freq, String size) throws IOException {
        if ("keep".equals(mode) && "keep".equals(freq) && "keep".equals(size)) {
            return null;
        }
        if (device.secureDownloadMode()) {
            log.accept("Warning: Secure Download Mode: the flash header of the bootloader is not changed.");
            return null;
        }
        FlashSecurity security = new Flasher(device.loader()).securitySettings();
        if (security != null && security.secureBoot()) {
            log.accept("Warning: Security features enabled (secure boot), so the flash header of the bootloader is"
                    + " not changed.");
            return null;
        }
        ImageChip chip = imageChip();
        try {
            if (!"keep".equals(freq)) {
                chip.flashFreqCode(freq);
            }
        } catch (ImageException e) {
            throw new FlashException(e.getMessage() + " Nothing was written.");
        }
        String detected = flashSize > 0 ? FlashSizes.format(flashSize) : null;
        return data -> {
            FlashHeaderPatcher.Result r = FlashHeaderPatcher.patch(data, chip.bootloaderOffset(), chip, mode, freq,
                    size, detected);
            r.warnings().forEach(w -> log.accept("Warning: " + w));
            r.messages().forEach(log);
            return r.data();
        };
    }

    /** Resets the board into its application (as --after hard-reset). */
    void hardReset() throws IOException {
        log.accept("Hard resetting via RTS pin...");
        String note = device.reset(AfterReset.HARD_RESET);
        if (note != null) {
            log.accept(note);
        }
    }

    @Override
    public void close() {
        try {
            device.close();
        } catch (IOException e) {
            // the port may be gone already
        }
    }
}
