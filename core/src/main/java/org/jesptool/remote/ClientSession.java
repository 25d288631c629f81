package org.jesptool.remote;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.function.Consumer;
import org.jesptool.loader.Sleeper;
import org.jesptool.protocol.Rfc2217;
import org.jesptool.protocol.ComPortServer;
import org.jesptool.transport.Transport;

/**
 * One client of the server: its bytes (data and COM-PORT-OPTION commands, in stream order) go to the port,
 * the port's bytes to it. Ends when either side closes; then the lines are released.
 */
final class ClientSession extends ComPortServer {
    private static final byte[] SIGNATURE = "JEsptool esp-rfc2217-server"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Socket socket;
    private final Transport port;
    private final String peer;
    private final Consumer<String> log;
    private final Consumer<Transport> portLost;
    private final OutputStream out;
    private final LineControl lines;
    private volatile boolean ended;
    private volatile boolean finished;

    ClientSession(Socket socket, Transport port, String peer, Consumer<String> log, Consumer<Transport> portLost)
            throws IOException {
        this.socket = socket;
        this.port = port;
        this.peer = peer;
        this.log = log;
        this.portLost = portLost;
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        this.out = socket.getOutputStream();
        this.lines = new LineControl(port, Sleeper.REAL, System::currentTimeMillis, m -> log.accept(peer + ": " + m));
    }

    String peer() {
        return peer;
    }

    /** Whether the session is over and the lines are released: the board is free for the next client. */
    boolean finished() {
        return finished;
    }

    void start() {
        Thread in = new Thread(this::fromClient, "rfc2217-from " + peer);
        Thread toClient = new Thread(this::toClient, "rfc2217-to " + peer);
        in.setDaemon(true);
        toClient.setDaemon(true);
        try {
            // ask for what a serial client needs; answers are handled like the client's own requests
            request(Rfc2217.WILL, Rfc2217.BINARY);
            request(Rfc2217.DO, Rfc2217.BINARY);
            request(Rfc2217.WILL, Rfc2217.SGA);
            request(Rfc2217.DO, Rfc2217.COM_PORT_OPTION);
        } catch (IOException e) {
            end("could not talk to the client: " + e.getMessage());
            return;
        }
        in.start();
        toClient.start();
    }

    private void fromClient() {
        byte[] buf = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            while (!ended) {
                int n = in.read(buf);
                if (n < 0) {
                    end("disconnected");
                    return;
                }
                fromClient(buf, 0, n);
            }
        } catch (PortFailure e) {
            portLost.accept(port);
            end("was cut off: the board's port failed (" + e.getCause().getMessage() + ")");
        } catch (IOException e) {
            end("disconnected");
        } catch (RuntimeException e) {
            end("dropped after an internal error: " + e);
        }
    }

    private void toClient() {
        byte[] buf = new byte[4096];
        while (!ended) {
            int n;
            try {
                n = port.read(buf, 0, buf.length, 100);
            } catch (IOException e) {
                portLost.accept(port);
                end(e instanceof EOFException ? "was cut off: the board's port closed (unplugged?)"
                        : "was cut off: the board's port failed (" + e.getMessage() + ")");
                return;
            }
            try {
                if (n > 0) {
                    send(Rfc2217.escape(buf, 0, n));
                }
            } catch (IOException e) {
                end("disconnected"); // (the other thread may see the end first: same words)
                return;
            }
        }
    }

    /** A failure of the local port (as opposed to the client's connection). */
    private static final class PortFailure extends IOException {
        private static final long serialVersionUID = 1L;

        PortFailure(IOException cause) {
            super(cause);
        }
    }

    @Override
    public void data(byte[] b, int off, int len) throws IOException {
        try {
            port.write(b, off, len);
        } catch (IOException e) {
            throw new PortFailure(e);
        }
    }

    /** Carries out one COM-PORT-OPTION command; returns the value of the answer (null: no answer). */
    @Override
    protected byte[] command(int cmd, byte[] value) throws IOException {
        try {
            return apply(cmd, value);
        } catch (IOException e) {
            throw new PortFailure(e);
        }
    }

    private byte[] apply(int cmd, byte[] value) throws IOException {
        switch (cmd) {
            case Rfc2217.SIGNATURE -> {
                return SIGNATURE;
            }
            case Rfc2217.SET_BAUDRATE -> {
                if (value.length != 4) {
                    return null;
                }
                int baud = Rfc2217.u32(value, 0);
                if (baud > 0) {
                    port.setBaudRate(baud);
                    log.accept(peer + ": baud rate " + baud);
                }
                return Rfc2217.u32(port.baudRate());
            }
            case Rfc2217.SET_DATASIZE, Rfc2217.SET_PARITY, Rfc2217.SET_STOPSIZE -> {
                // 8 data bits, no parity (1), one stop bit (1): what the ESP loaders use and the port is set to
                return new byte[] {(byte) (cmd == Rfc2217.SET_DATASIZE ? 8 : 1)};
            }
            case Rfc2217.SET_CONTROL -> {
                if (value.length != 1) {
                    return null;
                }
                int v = value[0] & 0xFF;
                switch (v) {
                    case Rfc2217.DTR_ON -> lines.dtr(true);
                    case Rfc2217.DTR_OFF -> lines.dtr(false);
                    case Rfc2217.RTS_ON -> lines.rts(true);
                    case Rfc2217.RTS_OFF -> lines.rts(false);
                    case Rfc2217.DTR_REQUEST -> v = lines.requestedDtr() ? Rfc2217.DTR_ON : Rfc2217.DTR_OFF;
                    case Rfc2217.RTS_REQUEST -> v = lines.requestedRts() ? Rfc2217.RTS_ON : Rfc2217.RTS_OFF;
                    case Rfc2217.FLOW_REQUEST -> v = Rfc2217.FLOW_NONE;
                    default -> {
                        if (v < 13) {
                            v = Rfc2217.FLOW_NONE; // flow control, break: not offered; say what is in effect
                        }
                    }
                }
                return new byte[] {(byte) v};
            }
            case Rfc2217.PURGE_DATA -> {
                if (value.length == 1 && (value[0] & Rfc2217.PURGE_RECEIVE) != 0) {
                    port.discardInput();
                }
                return value;
            }
            case Rfc2217.FLOWCONTROL_SUSPEND, Rfc2217.FLOWCONTROL_RESUME -> {
                return null;
            }
            default -> {
                return value.length <= 4 ? value : null; // masks and notifications: acknowledged as asked
            }
        }
    }

    @Override
    protected void send(byte[] b) throws IOException {
        synchronized (out) {
            out.write(b);
            out.flush();
        }
    }

    /** Ends the session once: closes the connection and releases the lines for the next client. */
    void end(String why) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
        try {
            lines.release();
        } catch (IOException e) {
            // the port is gone too
        }
        log.accept("Client " + peer + " " + why + "; DTR and RTS released.");
        finished = true;
    }
}
