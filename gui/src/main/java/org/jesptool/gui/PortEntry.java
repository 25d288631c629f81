package org.jesptool.gui;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jesptool.transport.PortInfo;

/**
 * A board in the port list: the name to open and the words shown for it (USB bridge and VID:PID, or a
 * virtual board's flash file).
 */
record PortEntry(String port, String label) {
    private static final Map<Integer, String> BRIDGES = Map.of(
            0x10C4, "Silicon Labs CP210x",
            0x1A86, "WCH CH340/CH9102",
            0x0403, "FTDI",
            0x067B, "Prolific PL2303",
            PortInfo.ESPRESSIF_VID, "Espressif USB");

    /** Chips offered as virtual boards for trying the window out without hardware. */
    static final List<String> VIRTUAL_CHIPS = List.of("esp32", "esp32c3", "esp32s3", "esp8266");

    static PortEntry of(PortInfo p) {
        StringBuilder s = new StringBuilder(p.path());
        if (p.isUsb()) {
            String bridge = p.vid() == PortInfo.ESPRESSIF_VID && p.pid() == PortInfo.USB_SERIAL_JTAG_PID
                    ? "Espressif USB-Serial/JTAG" : BRIDGES.getOrDefault(p.vid(), p.description());
            s.append("  -  ").append(bridge).append(String.format(" (%04X:%04X)", p.vid(), p.pid()));
            if (!p.serial().isEmpty()) {
                s.append(" #").append(p.serial());
            }
        } else if (p.description() != null && !p.description().isBlank()) {
            s.append("  -  ").append(p.description());
        }
        return new PortEntry(p.path(), s.toString());
    }

    /** A virtual board keeping its flash in {@code dir}/CHIP-flash.bin, so it survives reconnects and restarts. */
    static PortEntry virtual(String chip, Path dir) {
        Path file = dir.resolve(chip + "-flash.bin");
        String name = org.jesptool.target.Chips.byName(chip).map(c -> c.displayName()).orElse(chip);
        // real time: flashing takes as long as on a board at the chosen baud rate, so the progress is worth watching
        return new PortEntry("virtual://" + chip + "?realtime=1&image=" + file, "virtual://" + chip + "  -  a virtual "
                + name + " board to try things out (no hardware needed)");
    }

    /** A port as banners name it: a virtual board without its options (the flash file path is long). */
    static String shortName(String port) {
        int q = port.indexOf('?');
        return port.startsWith("virtual://") && q > 0 ? port.substring(0, q) : port;
    }

    @Override
    public String toString() {
        return label;
    }
}
