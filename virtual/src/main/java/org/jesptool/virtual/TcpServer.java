package org.jesptool.virtual;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Serves one {@link Device} over TCP, one client at a time (the newest), in plain socket mode (bytes as they are;
 * no baud rate or control lines) or RFC 2217 mode. Chip and flash state survive between connections,
 * like a board that stays powered.
 */
final class TcpServer implements AutoCloseable {
    private final Device device;
    private final boolean rfc2217;
    private final ServerSocket server;
    private final PrintStream log;
    private volatile boolean closing;
    private volatile Socket current;
    private boolean resetOnConnect;
    private final Cable cable;
    private volatile boolean gone;
    /** Counted down once the accept loop has stopped: only then is the listening port really released. */
    private final CountDownLatch acceptStopped = new CountDownLatch(1);

    TcpServer(Device device, InetSocketAddress address, boolean rfc2217, PrintStream log) throws IOException {
        this.device = device;
        this.rfc2217 = rfc2217;
        this.log = log;
        this.cable = new Cable(device.config.unplugAfter);
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(address);
    }

    /** Power-cycles the board for every new client (for clients that cannot reset it themselves). */
    void resetOnConnect(boolean on) {
        resetOnConnect = on;
    }

    int port() {
        return server.getLocalPort();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** Whether the board was unplugged for good ({@code unplug-after} with {@code replug=0}): serving stopped. */
    boolean gone() {
        return gone;
    }

    /**
     * Accepts and serves clients until {@link #close} (or an unplug without replug). One client is served at a
     * time; a new client takes the board over from the one before (as a serial port server drops its old
     * user), so a client that went silent or half-open never locks the board away from the next one.
     */
    void serve() throws IOException {
        Thread serving = null;
        try {
            while (!closing) {
                Socket s;
                try {
                    s = server.accept();
                } catch (SocketException e) {
                    if (closing) {
                        return;
                    }
                    throw e;
                }
                if (closing) {
                    // A connection can complete in the moment between close() and the blocked accept waking up
                    // (the kernel keeps the socket until then): a board that is gone must not take it.
                    closeQuietly(s);
                    return;
                }
                Socket previous = current;
                if (previous != null && serving != null && serving.isAlive()) {
                    log.println("esp-virtual: a new client connected; closing the previous connection");
                    closeQuietly(previous);
                    join(serving);
                }
                current = s;
                serving = new Thread(() -> {
                    try {
                        serveClient(s);
                    } catch (IOException e) {
                        device.trace("client connection failed: " + e.getMessage());
                    } finally {
                        closeQuietly(s);
                    }
                }, "esp-virtual-client");
                serving.setDaemon(true);
                serving.start();
            }
        } finally {
            acceptStopped.countDown();
            if (serving != null) {
                join(serving);
            }
            current = null;
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Serves clients on a background daemon thread. */
    Thread start() {
        Thread t = new Thread(() -> {
            try {
                serve();
            } catch (IOException e) {
                if (!closing) {
                    log.println("esp-virtual: server stopped: " + e.getMessage());
                }
            }
        }, "esp-virtual-server");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void serveClient(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        device.trace("client connected from " + s.getRemoteSocketAddress());
        device.link.reopen();
        device.hostConnected();
        device.setHostBaud(0);
        if (resetOnConnect) {
            device.powerCycle();
            if (device.bootedIntoDownload()) {
                device.link.discardPending(); // the banner went out while nobody was listening
            } // booted into its app: the client sees the boot log, as a monitor on a board that just powered up

        }
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        Rfc2217 telnet = rfc2217 ? new Rfc2217(device, out) : null;
        Thread writer = new Thread(() -> pumpToClient(out), "esp-virtual-tx");
        writer.setDaemon(true);
        writer.start();
        byte[] buf = new byte[65536];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                n = cable.pass(n);
                if (telnet != null) {
                    telnet.fromClient(buf, 0, n);
                } else if (n > 0) {
                    device.receive(buf, 0, n);
                }
                if (cable.takeCut()) {
                    unplugged(s);
                    break;
                }
            }
        } catch (SocketException e) {
            // client went away
        } finally {
            if (telnet != null) {
                telnet.hangUp();
            }
            device.link.close();
            try {
                writer.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            device.flash.flush();
            device.trace("client disconnected");
        }
    }

    /** unplug-after reached: the client's connection is cut; the board stays powered and, with replug, served. */
    private void unplugged(Socket s) throws IOException {
        device.trace("link cut after the configured number of host bytes (unplug-after)");
        log.println("esp-virtual: link cut after " + device.config.unplugAfter + " bytes from the host (unplug-after)"
                + (device.config.replug ? "; waiting for the next client" : "; the board stays away (replug=0)"));
        if (!device.config.replug) {
            closing = true;
            server.close();
            // close() only signals a thread blocked in accept; the port stays open until that thread has left
            // accept. Hang up on the client after that, or its reconnect can still reach the board.
            try {
                acceptStopped.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            gone = true; // only once the listener is closed: "gone" means no one can connect any more
        }
        s.close();
    }

    private void pumpToClient(OutputStream out) {
        byte[] buf = new byte[16384];
        try {
            while (true) {
                int n = device.link.read(buf, 0, buf.length, TimeUnit.MILLISECONDS.toNanos(500));
                if (n < 0) {
                    return;
                }
                if (n == 0) {
                    continue;
                }
                byte[] chunk = rfc2217 ? Rfc2217.escape(buf, 0, n) : java.util.Arrays.copyOf(buf, n);
                synchronized (out) {
                    out.write(chunk);
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException e) {
            // the connection ended
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        server.close();
        Socket s = current;
        if (s != null) {
            s.close();
        }
    }
}
