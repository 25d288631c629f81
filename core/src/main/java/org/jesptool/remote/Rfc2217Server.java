package org.jesptool.remote;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.jesptool.transport.Transport;

/**
 * Serves a local port over RFC 2217 to one client at a time (esptool's {@code esp_rfc2217_server}). A second
 * client gets a one-line refusal and is disconnected; a client that goes away (closed, killed, cable cut)
 * frees the board for the next one with both lines released.
 *
 * <pre>{@code
 * try (Rfc2217Server s = Rfc2217Server.start(() -> Transports.open("/dev/ttyUSB0"),
 *         new InetSocketAddress("127.0.0.1", 2217), System.out::println)) {
 *     s.awaitClose();
 * }
 * }</pre>
 */
public final class Rfc2217Server implements AutoCloseable {
    /** Opens the served port (again, after it was lost). */
    @FunctionalInterface
    public interface PortOpener {
        Transport open() throws IOException;
    }

    private final PortOpener opener;
    private final ServerSocket listener;
    private final Consumer<String> log;
    private final Thread acceptor;
    private Transport port;
    private ClientSession client;
    private String clientSince;
    private volatile boolean closed;

    private Rfc2217Server(PortOpener opener, Transport port, ServerSocket listener, Consumer<String> log) {
        this.opener = opener;
        this.port = port;
        this.listener = listener;
        this.log = log;
        this.acceptor = new Thread(this::acceptLoop, "rfc2217-accept");
        acceptor.setDaemon(true);
    }

    /**
     * Opens the port and starts listening.
     *
     * @throws IOException when the port cannot be opened (missing, busy) or the address cannot be listened on,
     *         with a message saying which and what to do
     */
    public static Rfc2217Server start(PortOpener opener, InetSocketAddress listen, Consumer<String> log)
            throws IOException {
        Transport port = opener.open();
        ServerSocket ss = new ServerSocket();
        try {
            ss.setReuseAddress(true);
            ss.bind(listen);
        } catch (BindException e) {
            ss.close();
            port.close();
            throw new IOException("Cannot listen on " + hostPort(listen) + ": " + (e.getMessage().contains("in use")
                    ? "the address is already in use (another server on this port?). Choose another port with --listen."
                    : e.getMessage() + ". Check the address given with --listen."), e);
        } catch (IOException | RuntimeException e) {
            ss.close();
            port.close();
            throw e;
        }
        Rfc2217Server s = new Rfc2217Server(opener, port, ss, log);
        s.acceptor.start();
        return s;
    }

    /** The address clients connect to (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** {@code rfc2217://HOST:PORT} for clients. */
    public String url() {
        return "rfc2217://" + hostPort(address());
    }

    static String hostPort(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** Whether a client is being served. */
    public synchronized boolean busy() {
        return client != null && !client.finished();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.accept("Stopped listening: " + e.getMessage());
                }
                return;
            }
            String who = hostPort((InetSocketAddress) s.getRemoteSocketAddress());
            synchronized (this) {
                if (client != null && !client.finished()) {
                    refuse(s, "busy: another client (" + client.peer() + ", since " + clientSince + ") is using "
                            + port.name() + "; try again when it has finished.");
                    log.accept("Refused " + who + ": " + client.peer() + " is connected.");
                    continue;
                }
                try {
                    if (port == null) {
                        port = opener.open();
                        log.accept("Opened " + port.name() + " again.");
                    }
                    port.discardInput();
                    client = new ClientSession(s, port, who, log, this::lost);
                    clientSince = LocalTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
                } catch (IOException e) {
                    refuse(s, "the board's port cannot be opened: " + e.getMessage());
                    log.accept("Refused " + who + ": " + e.getMessage());
                    continue;
                }
            }
            log.accept("Client " + who + " connected.");
            client.start();
        }
    }

    /** The served port failed under a client: open it afresh for the next one. */
    private synchronized void lost(Transport t) {
        if (port == t) {
            try {
                t.close();
            } catch (IOException e) {
                // already gone
            }
            port = null;
        }
    }

    private static void refuse(Socket s, String why) {
        try (s) {
            OutputStream out = s.getOutputStream();
            out.write(("esp-rfc2217-server: " + why + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // the client left already
        }
    }

    /** Blocks until {@link #close()} (or the listener fails). */
    public void awaitClose() throws InterruptedException {
        acceptor.join();
    }

    /** Stops listening, disconnects the client (lines released) and closes the port. */
    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        ClientSession c;
        Transport p;
        synchronized (this) {
            c = client;
            p = port;
        }
        if (c != null) {
            c.end("server stopping");
        }
        if (p != null) {
            p.close();
        }
    }
}
