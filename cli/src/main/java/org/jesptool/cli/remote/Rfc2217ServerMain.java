package org.jesptool.cli.remote;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jesptool.remote.Rfc2217Server;
import org.jesptool.transport.Transports;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/esp-rfc2217-server}: serves a board on this machine to esptool on another over RFC 2217
 * (esptool's {@code esp_rfc2217_server}). Listens on loopback unless another address is given.
 */
@Command(name = "esp-rfc2217-server", mixinStandardHelpOptions = true, sortOptions = false,
        version = "esp-rfc2217-server (JEsptool)",
        description = {"Serve a local serial port (or a virtual:// board) over RFC 2217, one client at a time: baud "
                + "rate, DTR and RTS are carried, and reset sequences are played on the local lines with the "
                + "timing the chip needs.",
                "Clients connect with: esptool --port rfc2217://HOST:PORT ..."})
public final class Rfc2217ServerMain implements Callable<Integer> {
    static final int DEFAULT_TCP_PORT = 2217;

    @Option(names = "--port", paramLabel = "PORT",
            description = "The board's port: /dev/ttyUSB0, COM3, or virtual://CHIP?options.")
    String port;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SERIALPORT", description = "The port (as --port).")
    String positionalPort;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Address to listen on. Default 127.0.0.1:" + DEFAULT_TCP_PORT + " (this machine only); "
                    + "give 0.0.0.0:PORT or a LAN address to let other machines in.")
    String listen;

    @Option(names = "--localport", paramLabel = "N", description = "TCP port on loopback (esp_rfc2217_server's -p).")
    Integer localPort;

    @Option(names = {"-b", "--baud"}, paramLabel = "BAUD", defaultValue = "115200",
            description = "Baud rate until a client sets one. Default: 115200.")
    int baud;

    @Option(names = {"-v", "--verbose"}, description = "Log baud changes and every reset step.")
    boolean verbose;

    private PrintStream out = System.out;
    private PrintStream err = System.err;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the server until it is stopped; returns the exit status (2 when it cannot start). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Rfc2217ServerMain m = new Rfc2217ServerMain();
        m.out = out;
        m.err = err;
        CommandLine cl = new CommandLine(m);
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage());
            err.println("Run 'esp-rfc2217-server --help' for usage.");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            err.println("esp-rfc2217-server: " + ex.getMessage());
            return 2;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        String name = port != null ? port : positionalPort;
        if (name == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "name the board's port with --port "
                    + "(e.g. --port /dev/ttyUSB0 or --port virtual://esp32).");
        }
        if (port != null && positionalPort != null) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "give the port once (--port or SERIALPORT).");
        }
        InetSocketAddress address = address();
        Consumer<String> log = line -> {
            boolean detail = line.contains(": baud rate") || line.contains("reset") || line.contains("EN low");
            if (verbose || !detail) {
                out.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + line);
            }
        };
        Rfc2217Server server;
        try {
            server = Rfc2217Server.start(() -> Transports.open(name, baud), address, log);
        } catch (IOException e) {
            err.println("esp-rfc2217-server: " + e.getMessage());
            return 2;
        }
        InetAddress bound = server.address().getAddress();
        String url = server.url();
        if (bound.isAnyLocalAddress()) { // clients need this machine's name, not 0.0.0.0
            url = "rfc2217://" + hostName() + ":" + server.address().getPort();
        }
        out.println("Serving " + name + " on " + server.url() + " (connect with: esptool --port " + url
                + " ...). Ctrl+C stops.");
        if (!bound.isLoopbackAddress()) {
            out.println("Note: listening on "
                    + (bound.isAnyLocalAddress() ? "every network interface" : bound.getHostAddress())
                    + ", as asked: any machine that can reach this one can flash the board (RFC 2217 has no"
                    + " password).");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException e) {
                // exiting anyway
            }
        }));
        server.awaitClose();
        return 0;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "THIS-HOST";
        }
    }

    /** The listen address: --listen, else loopback with --localport or the default port. */
    InetSocketAddress address() {
        if (listen != null && localPort != null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "give --listen or --localport, not both.");
        }
        if (listen == null) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    localPort == null ? DEFAULT_TCP_PORT : localPort);
        }
        int colon = listen.lastIndexOf(':');
        String host = colon < 0 ? listen : listen.substring(0, colon);
        String p = colon < 0 ? String.valueOf(DEFAULT_TCP_PORT) : listen.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int tcp;
        try {
            tcp = Integer.parseInt(p);
        } catch (NumberFormatException e) {
            tcp = -1;
        }
        if (tcp < 0 || tcp > 65535) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--listen " + listen
                    + ": the port must be a number from 0 to 65535 (HOST:PORT, e.g. 127.0.0.1:2217).");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host.isEmpty() ? "127.0.0.1" : host), tcp);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--listen " + listen + ": unknown host '"
                    + host + "'.");
        }
    }
}
