package org.jesptool.transport;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Opens transports by port name and lists local serial ports. */
public final class Transports {
    private Transports() {
    }

    /** Opens {@code name} at 115200 baud. */
    public static Transport open(String name) throws IOException {
        return open(name, 115200);
    }

    /**
     * Opens a port: {@code virtual://CHIP?...}, {@code socket://HOST:PORT}, {@code rfc2217://HOST:PORT},
     * or a local serial port path/name.
     *
     * @throws PortException when the port does not exist, is busy or may not be opened
     */
    public static Transport open(String name, int baud) throws IOException {
        String lower = name.toLowerCase(Locale.ROOT);
        Transport t;
        if (lower.startsWith("virtual://")) {
            t = new VirtualTransport(name);
        } else if (lower.startsWith("socket://")) {
            t = new SocketTransport(name);
        } else if (lower.startsWith("rfc2217://")) {
            t = new Rfc2217Transport(name);
        } else if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw new PortException(PortException.Reason.BAD_ADDRESS, "Unknown port URL scheme in " + name
                    + ": use a serial port path, socket://HOST:PORT, rfc2217://HOST:PORT or virtual://CHIP");
        } else {
            return new SerialTransport(name, baud);
        }
        t.setBaudRate(baud);
        return t;
    }

    /**
     * The local serial ports, in the order auto-detection tries them: Espressif USB ports first, then
     * USB serial adapters, then the rest (each group by name).
     */
    public static List<PortInfo> listPorts() {
        List<PortInfo> ports = new ArrayList<>();
        for (SerialPort p : SerialPort.getCommPorts()) {
            String path = p.getSystemPortPath();
            if (path.contains("Bluetooth-Incoming-Port") || path.contains("wlan-debug") || path.contains("debug-console")) {
                continue;
            }
            ports.add(new PortInfo(path, p.getPortDescription(), p.getVendorID(), p.getProductID(),
                    known(p.getSerialNumber())));
        }
        ports.sort(Comparator.comparingInt(Transports::group).thenComparing(PortInfo::path));
        return ports;
    }

    /** jSerialComm reports missing USB strings as "Unknown". */
    static String known(String s) {
        return s == null || s.equals("Unknown") ? "" : s;
    }

    private static int group(PortInfo p) {
        if (p.vid() == PortInfo.ESPRESSIF_VID) {
            return 0;
        }
        String n = p.path();
        if (n.contains("ttyUSB") || n.contains("ttyACM") || n.contains("usbserial") || n.contains("usbmodem")) {
            return 1;
        }
        return 2;
    }
}
