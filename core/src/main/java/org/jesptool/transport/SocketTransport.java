package org.jesptool.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Set;

/** {@code socket://host:port}: raw bytes over TCP; no control lines, no baud rate. */
class SocketTransport extends PumpedTransport {
    final Socket socket;
    final OutputStream out;
    private int baud = 115200;

    SocketTransport(String name) throws IOException {
        this(name, true);
    }

    /** @param pumpNow false when a subclass starts the reader itself, after its own fields are set */
    SocketTransport(String name, boolean pumpNow) throws IOException {
        super(name);
        socket = connect(name);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        if (pumpNow) {
            startPump(socket.getInputStream());
        }
    }

    static Socket connect(String name) throws IOException {
        URI uri;
        try {
            uri = URI.create(name);
        } catch (IllegalArgumentException e) {
            throw new PortException(PortException.Reason.BAD_ADDRESS, "Malformed port URL " + name
                    + ": expected " + name.substring(0, name.indexOf(':')) + "://HOST:PORT");
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new PortException(PortException.Reason.BAD_ADDRESS, "Malformed port URL " + name
                    + ": expected " + uri.getScheme() + "://HOST:PORT");
        }
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
        } catch (UnknownHostException e) {
            s.close();
            throw new PortException(PortException.Reason.NOT_FOUND, "Unknown host " + uri.getHost() + " in " + name);
        } catch (ConnectException e) {
            s.close();
            throw new PortException(PortException.Reason.NOT_FOUND, "Could not connect to " + uri.getHost() + ":"
                    + uri.getPort() + " (" + e.getMessage() + "): is the server running?", e);
        } catch (IOException e) {
            s.close();
            throw new PortException(PortException.Reason.OTHER, "Could not connect to " + name + ": " + e.getMessage(), e);
        }
        return s;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    @Override
    public void write(byte[] data, int off, int len) throws IOException {
        try {
            out.write(data, off, len);
            out.flush();
        } catch (IOException e) {
            throw refused(e);
        }
    }

    @Override
    public int read(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
        try {
            return super.read(buf, off, len, timeoutMillis);
        } catch (java.io.EOFException e) {
            throw refused(e);
        }
    }

    /** A lost connection, with what the server said first when that was text (e.g. why it turned us down). */
    IOException refused(IOException e) {
        String said = firstWords();
        if (said == null) {
            return e;
        }
        return new PortException(PortException.Reason.BUSY, "The server closed the connection, saying: " + said, e);
    }

    @Override
    public void setDtr(boolean asserted) throws IOException {
    }

    @Override
    public void setRts(boolean asserted) throws IOException {
    }

    @Override
    public void setBaudRate(int baud) throws IOException {
        this.baud = baud;
    }

    @Override
    public int baudRate() {
        return baud;
    }

    @Override
    public void close() throws IOException {
        closing();
        socket.close();
    }
}
