package org.jesptool.transport;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jesptool.protocol.link.SerialLinkProvider;

/**
 * Opens transports by port name and lists local serial ports. URL schemes are served by
 * {@link TransportProvider}s: the built-in ones, those {@link #register registered}, and those found with
 * {@link java.util.ServiceLoader}.
 */
public final class Transports {
    private Transports() {
    }

    /** Providers added by {@link #register}, consulted first. */
    private static final List<TransportProvider> REGISTERED = new CopyOnWriteArrayList<>();

    /** The built-in URL transports and those found on the class path, looked up once on first use. */
    private static final class Discovered {
        static final List<TransportProvider> PROVIDERS = discover();

        private static List<TransportProvider> discover() {
            List<TransportProvider> all = new ArrayList<>();
            all.add(new Builtin(List.of("socket"), "socket://HOST:PORT", SocketTransport::new));
            all.add(new Builtin(List.of("rfc2217"), "rfc2217://HOST:PORT", Rfc2217Transport::new));
            ServiceLoader.load(TransportProvider.class).forEach(all::add);
            for (SerialLinkProvider p : ServiceLoader.load(SerialLinkProvider.class)) {
                all.add(new Builtin(p.schemes(), p.usage(), name -> {
                    try {
                        return new LinkTransport(name, p.open(name));
                    } catch (IllegalArgumentException e) {
                        throw new PortException(PortException.Reason.BAD_ADDRESS, "Cannot open " + name + ": "
                                + e.getMessage(), e);
                    }
                }));
            }
            return List.copyOf(all);
        }
    }

    /** A provider made of a scheme list and a constructor. */
    private record Builtin(List<String> schemes, String usage, Opener opener) implements TransportProvider {
        @Override
        public Transport open(String name) throws IOException {
            return opener.open(name);
        }
    }

    /** Opens one port name. */
    private interface Opener {
        Transport open(String name) throws IOException;
    }

    /**
     * Adds a transport for more URL schemes, ahead of the built-in and discovered ones (so it may also
     * replace one of them).
     *
     * @param provider the provider
     */
    public static void register(TransportProvider provider) {
        REGISTERED.add(0, Objects.requireNonNull(provider));
    }

    /**
     * Removes a provider added by {@link #register}.
     *
     * @param provider the provider
     */
    public static void unregister(TransportProvider provider) {
        REGISTERED.remove(provider);
    }

    /**
     * Every URL transport in the order they are consulted: registered, built-in, then found with
     * {@link java.util.ServiceLoader} (as {@link TransportProvider} or
     * {@link org.jesptool.protocol.link.SerialLinkProvider}).
     *
     * @return the providers
     */
    public static List<TransportProvider> providers() {
        List<TransportProvider> all = new ArrayList<>(REGISTERED);
        all.addAll(Discovered.PROVIDERS);
        return all;
    }

    /**
     * Opens {@code name} at 115200 baud.
     *
     * @param name a port name, see {@link #open(String, int)}
     * @return the open transport
     * @throws IOException when the port cannot be opened
     */
    public static Transport open(String name) throws IOException {
        return open(name, 115200);
    }

    /**
     * Opens a port: a URL such as {@code socket://HOST:PORT}, {@code rfc2217://HOST:PORT} or
     * {@code virtual://CHIP?...} (when the virtual device is on the class path), or a local serial port
     * path/name.
     *
     * @param name the port name
     * @param baud the initial baud rate
     * @return the open transport
     * @throws PortException when the port does not exist, is busy or may not be opened
     * @throws IOException on other I/O errors
     */
    public static Transport open(String name, int baud) throws IOException {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
            return new SerialTransport(name, baud);
        }
        String scheme = lower.substring(0, lower.indexOf("://"));
        List<TransportProvider> providers = providers();
        for (TransportProvider p : providers) {
            if (p.schemes().contains(scheme)) {
                Transport t = p.open(name);
                t.setBaudRate(baud);
                return t;
            }
        }
        StringBuilder known = new StringBuilder("use a serial port path");
        for (int i = 0; i < providers.size(); i++) {
            known.append(i == providers.size() - 1 ? " or " : ", ").append(providers.get(i).usage());
        }
        throw new PortException(PortException.Reason.BAD_ADDRESS, "Unknown port URL scheme in " + name + ": " + known);
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
