package org.jesptool.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jesptool.virtual.VirtualPort;

/**
 * Test server: one virtual device behind a TCP port, as raw bytes or as an RFC 2217 server (telnet
 * COM-PORT-OPTION: baud, DTR, RTS, purge). Records the control commands it applied.
 */
public final class VirtualTcpServer implements AutoCloseable {
    private final ServerSocket server;
    private final VirtualPort port;
    private final boolean rfc2217;
    private final List<String> controls = new CopyOnWriteArrayList<>();
    private volatile Socket client;

    public VirtualTcpServer(String virtualUrl, boolean rfc2217) throws IOException {
        this.port = VirtualPort.open(virtualUrl);
        this.rfc2217 = rfc2217;
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "virtual-tcp-server");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Control commands applied, e.g. {@code DTR=1}, {@code RTS=0}, {@code BAUD=115200}, {@code PURGE=1}. */
    public List<String> controls() {
        return controls;
    }

    private void serve() {
        try (Socket s = server.accept()) {
            client = s;
            OutputStream out = s.getOutputStream();
            Thread chipToHost = new Thread(() -> pump(port.input(), out), "virtual-to-tcp");
            chipToHost.setDaemon(true);
            chipToHost.start();
            InputStream in = s.getInputStream();
            if (rfc2217) {
                telnet(in, out);
            } else {
                byte[] b = new byte[4096];
                int n;
                while ((n = in.read(b)) > 0) {
                    port.output().write(b, 0, n);
                    port.output().flush();
                }
            }
        } catch (IOException e) {
            // client gone
        }
    }

    private void pump(InputStream from, OutputStream to) {
        byte[] b = new byte[4096];
        try {
            int n;
            while ((n = from.read(b)) > 0) {
                if (rfc2217) {
                    ByteArrayOutputStream esc = new ByteArrayOutputStream();
                    for (int i = 0; i < n; i++) {
                        esc.write(b[i]);
                        if ((b[i] & 0xFF) == 0xFF) {
                            esc.write(0xFF);
                        }
                    }
                    synchronized (to) {
                        to.write(esc.toByteArray());
                    }
                } else {
                    to.write(b, 0, n);
                }
                to.flush();
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void telnet(InputStream in, OutputStream out) throws IOException {
        int c;
        while ((c = in.read()) >= 0) {
            if (c != 0xFF) {
                port.output().write(c);
                port.output().flush();
                continue;
            }
            int verb = in.read();
            if (verb == 0xFF) {
                port.output().write(0xFF);
                port.output().flush();
            } else if (verb == 251 || verb == 253) { // WILL / DO: agree
                int opt = in.read();
                synchronized (out) {
                    out.write(new byte[] {(byte) 0xFF, (byte) (verb == 251 ? 253 : 251), (byte) opt});
                    out.flush();
                }
            } else if (verb == 252 || verb == 254) {
                in.read();
            } else if (verb == 250) { // SB
                ByteArrayOutputStream sb = new ByteArrayOutputStream();
                int x;
                while ((x = in.read()) >= 0) {
                    if (x == 0xFF) {
                        int y = in.read();
                        if (y == 240) {
                            break;
                        }
                        sb.write(y);
                    } else {
                        sb.write(x);
                    }
                }
                subnegotiation(sb.toByteArray(), out);
            }
        }
    }

    private void subnegotiation(byte[] sb, OutputStream out) throws IOException {
        if (sb.length < 2 || (sb[0] & 0xFF) != 44) {
            return;
        }
        int cmd = sb[1] & 0xFF;
        switch (cmd) {
            case 1 -> {
                int baud = (sb[2] & 0xFF) << 24 | (sb[3] & 0xFF) << 16 | (sb[4] & 0xFF) << 8 | (sb[5] & 0xFF);
                port.setBaudRate(baud);
                controls.add("BAUD=" + baud);
            }
            case 5 -> {
                int v = sb[2] & 0xFF;
                switch (v) {
                    case 8 -> { port.setDtr(true); controls.add("DTR=1"); }
                    case 9 -> { port.setDtr(false); controls.add("DTR=0"); }
                    case 11 -> { port.setRts(true); controls.add("RTS=1"); }
                    case 12 -> { port.setRts(false); controls.add("RTS=0"); }
                    default -> { }
                }
            }
            case 12 -> controls.add("PURGE=" + (sb[2] & 0xFF));
            default -> { }
        }
        byte[] reply = sb.clone();
        reply[1] = (byte) (cmd + 100);
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        r.write(new byte[] {(byte) 0xFF, (byte) 250});
        r.write(reply);
        r.write(new byte[] {(byte) 0xFF, (byte) 240});
        synchronized (out) {
            out.write(r.toByteArray());
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket c = client;
        if (c != null) {
            c.close();
        }
        port.close();
    }
}
