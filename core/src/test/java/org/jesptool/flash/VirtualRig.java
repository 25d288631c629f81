package org.jesptool.flash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jesptool.loader.ConnectOptions;
import org.jesptool.loader.Device;
import org.jesptool.loader.StubImage;
import org.jesptool.testsupport.Fixtures;
import org.jesptool.transport.Transport;
import org.jesptool.transport.Transports;

/**
 * The real host stack against the virtual device: opens {@code virtual://CHIP?...} (optionally through a
 * fault-injecting wrapper), connects, uploads a stand-in stub when asked (a generic esptool-compatible one, or
 * one carrying JEsptool's stub marker, which the device models as our own stub) and raises the baud rate.
 */
public final class VirtualRig implements AutoCloseable {
    /** RAM addresses for the dummy stub per chip (inside each chip's IRAM / DRAM). */
    private static final Map<String, int[]> STUB_RAM = Map.of(
            "esp32", new int[] {0x40090000, 0x3FFD0000},
            "esp32c3", new int[] {0x40390000, 0x3FCB0000},
            "esp8266", new int[] {0x40104000, 0x3FFF0000},
            "esp32s3", new int[] {0x40390000, 0x3FCB0000});

    /** Which loader a rig talks to. */
    enum Loader { ROM, ESPTOOL_STUB, OWN_STUB }

    final String chip;
    final Transport transport;
    final ConnectOptions options;
    final boolean stub;
    final Loader kind;
    final int baud;
    Device device;

    private VirtualRig(String chip, Transport transport, ConnectOptions options, Loader kind, int baud) {
        this.chip = chip;
        this.transport = transport;
        this.options = options;
        this.kind = kind;
        this.stub = kind != Loader.ROM;
        this.baud = baud;
    }

    /** A stand-in flasher stub: a few bytes of "code"; the virtual device runs any MEM_END'd program as its stub. */
    public static StubImage dummyStub(String chip) {
        int[] ram = STUB_RAM.get(chip);
        byte[] text = new byte[256];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) (i * 37);
        }
        return new StubImage(List.of(new StubImage.Segment(ram[0], text),
                new StubImage.Segment(ram[1], new byte[] {1, 2, 3, 4})), ram[0]);
    }

    /** The same, carrying JEsptool's stub marker in its data: the device takes it for our own stub. */
    static StubImage ownStub(String chip) {
        StubImage d = dummyStub(chip);
        byte[] data = java.util.Arrays.copyOf(new byte[] {1, 2, 3, 4}, 20);
        System.arraycopy(org.jesptool.protocol.StubMarker.bytes(1), 0, data, 4, 13);
        return new StubImage(List.of(d.segments().get(0), new StubImage.Segment(d.segments().get(1).address(), data)),
                d.entry());
    }

    /**
     * Connects to a fresh virtual chip whose flash lives in {@code flashFile}.
     *
     * @param wrap wraps the transport (fault injection), or null
     */
    static VirtualRig connect(String chip, Path flashFile, boolean stub, int baud,
            java.util.function.UnaryOperator<Transport> wrap, String extraOptions) throws IOException {
        return connect(chip, flashFile, stub ? Loader.ESPTOOL_STUB : Loader.ROM, baud, wrap, extraOptions);
    }

    static VirtualRig connect(String chip, Path flashFile, Loader kind, int baud,
            java.util.function.UnaryOperator<Transport> wrap, String extraOptions) throws IOException {
        String port = "virtual://" + chip + "?flash=4MB&image=" + flashFile + (extraOptions == null ? ""
                : "&" + extraOptions);
        Transport t = Transports.open(port, 115200);
        if (wrap != null) {
            t = wrap.apply(t);
        }
        ConnectOptions o = ConnectOptions.of(port).baud(baud).connectAttempts(3);
        VirtualRig rig = new VirtualRig(chip, t, o, kind, baud);
        rig.reconnect();
        return rig;
    }

    /** Resets, syncs, uploads the stub and changes the baud rate on the same transport. */
    org.jesptool.loader.Loader reconnect() throws IOException {
        transport.setBaudRate(115200);
        device = Device.open(transport, options);
        if (stub) {
            device.loadStub(kind == Loader.OWN_STUB ? ownStub(chip) : dummyStub(chip));
            if (kind == Loader.OWN_STUB && !device.loader().isOwnStub()) {
                throw new IllegalStateException("the host did not recognise its own stub");
            }
        }
        if (baud > 115200) {
            device.changeBaudRate(baud);
        }
        device.attachFlash(null);
        return device.loader();
    }

    Flasher flasher() {
        return new Flasher(device.loader(), this::reconnect);
    }

    @Override
    public void close() throws IOException {
        transport.close();
    }

    static byte[] resource(String name) {
        return Fixtures.bytes("flash/" + name);
    }

    static byte[] readFlashFile(Path file, int address, int length) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return java.util.Arrays.copyOfRange(all, address, address + length);
    }
}
