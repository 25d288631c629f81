package org.jesptool.transport;

import static org.jesptool.protocol.Rfc2217.BINARY;
import static org.jesptool.protocol.Rfc2217.COM_PORT_OPTION;
import static org.jesptool.protocol.Rfc2217.DO;
import static org.jesptool.protocol.Rfc2217.DONT;
import static org.jesptool.protocol.Rfc2217.DTR_OFF;
import static org.jesptool.protocol.Rfc2217.DTR_ON;
import static org.jesptool.protocol.Rfc2217.PURGE_DATA;
import static org.jesptool.protocol.Rfc2217.RTS_OFF;
import static org.jesptool.protocol.Rfc2217.RTS_ON;
import static org.jesptool.protocol.Rfc2217.SET_BAUDRATE;
import static org.jesptool.protocol.Rfc2217.SET_CONTROL;
import static org.jesptool.protocol.Rfc2217.SET_DATASIZE;
import static org.jesptool.protocol.Rfc2217.SET_PARITY;
import static org.jesptool.protocol.Rfc2217.SET_STOPSIZE;
import static org.jesptool.protocol.Rfc2217.SGA;
import static org.jesptool.protocol.Rfc2217.WILL;
import static org.jesptool.protocol.Rfc2217.WONT;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.jesptool.protocol.TelnetDecoder;

/**
 * {@code rfc2217://host:port}: the client side of RFC 2217 (Telnet COM-PORT-OPTION). Data bytes 0xFF are
 * doubled in both directions; baud rate, DTR, RTS and purges are sent as COM-PORT-OPTION sub-negotiations
 * (vocabulary: {@link org.jesptool.protocol.Rfc2217}).
 */
final class Rfc2217Transport extends SocketTransport {
    private static final Set<Capability> CAPABILITIES = Set.of(Capability.CONTROL_LINES, Capability.BAUD_RATE);

    private final Set<Integer> sentWill = new HashSet<>();
    private final Set<Integer> sentDo = new HashSet<>();
    /** The server's stream: data to the reader, negotiations answered, COM-PORT-OPTION answers ignored. */
    private final TelnetDecoder decoder = new TelnetDecoder(new TelnetDecoder.Handler() {
        @Override
        public void data(byte[] d, int off, int len) {
            deliver(d, off, len);
        }

        @Override
        public void negotiation(int verb, int option) {
            answer(verb, option);
        }

        @Override
        public void subnegotiation(byte[] body) {
        }
    });
    private int baud = 115200;

    Rfc2217Transport(String name) throws IOException {
        super(name, false);
        startPump(socket.getInputStream());
        synchronized (this) {
            negotiate(WILL, BINARY);
            negotiate(DO, BINARY);
            negotiate(WILL, SGA);
            negotiate(DO, SGA);
            negotiate(WILL, COM_PORT_OPTION);
        }
        setBaudRate(baud);
        subnegotiate(SET_DATASIZE, 8);
        subnegotiate(SET_PARITY, 1);
        subnegotiate(SET_STOPSIZE, 1);
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    private void negotiate(int verb, int option) throws IOException {
        if (verb == WILL && !sentWill.add(option) || verb == DO && !sentDo.add(option)) {
            return;
        }
        sendRaw(org.jesptool.protocol.Rfc2217.negotiation(verb, option));
    }

    private synchronized void sendRaw(byte[] b) throws IOException {
        try {
            out.write(b);
            out.flush();
        } catch (IOException e) {
            throw refused(e);
        }
    }

    private void subnegotiateBytes(int command, byte... value) throws IOException {
        sendRaw(org.jesptool.protocol.Rfc2217.command(command, value));
    }

    private void subnegotiate(int command, int oneByte) throws IOException {
        subnegotiateBytes(command, (byte) oneByte);
    }

    @Override
    void received(byte[] b, int n) {
        try {
            decoder.feed(b, 0, n);
        } catch (IOException e) {
            // the handler below does not fail; a dead link shows up on the next read
        }
    }

    private void answer(int verb, int option) {
        boolean known = option == BINARY || option == SGA || option == COM_PORT_OPTION;
        try {
            if (verb == DO) {
                if (known) {
                    negotiate(WILL, option);
                } else {
                    sendRaw(org.jesptool.protocol.Rfc2217.negotiation(WONT, option));
                }
            } else if (verb == WILL) {
                if (known) {
                    negotiate(DO, option);
                } else {
                    sendRaw(org.jesptool.protocol.Rfc2217.negotiation(DONT, option));
                }
            }
        } catch (IOException ignored) {
            // the reader will see the closed socket
        }
    }

    @Override
    public void write(byte[] d, int off, int len) throws IOException {
        sendRaw(org.jesptool.protocol.Rfc2217.escape(d, off, len));
    }

    @Override
    public void setDtr(boolean asserted) throws IOException {
        subnegotiate(SET_CONTROL, asserted ? DTR_ON : DTR_OFF);
    }

    @Override
    public void setRts(boolean asserted) throws IOException {
        subnegotiate(SET_CONTROL, asserted ? RTS_ON : RTS_OFF);
    }

    @Override
    public void setBaudRate(int baud) throws IOException {
        this.baud = baud;
        subnegotiateBytes(SET_BAUDRATE, org.jesptool.protocol.Rfc2217.u32(baud));
    }

    @Override
    public int baudRate() {
        return baud;
    }

    @Override
    public void discardInput() {
        try {
            subnegotiate(PURGE_DATA, 1);
        } catch (IOException ignored) {
            // a dead link shows up on the next read
        }
        super.discardInput();
    }
}
