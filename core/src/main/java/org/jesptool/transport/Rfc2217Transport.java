package org.jesptool.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code rfc2217://host:port}: the client side of RFC 2217 (Telnet COM-PORT-OPTION). Data bytes 0xFF are
 * doubled in both directions; baud rate, DTR, RTS and purges are sent as COM-PORT-OPTION sub-negotiations.
 */
final class Rfc2217Transport extends SocketTransport {
    static final int IAC = 255;
    static final int SB = 250;
    static final int SE = 240;
    static final int WILL = 251;
    static final int WONT = 252;
    static final int DO = 253;
    static final int DONT = 254;
    static final int BINARY = 0;
    static final int SGA = 3;
    static final int COM_PORT_OPTION = 44;
    static final int SET_BAUDRATE = 1;
    static final int SET_DATASIZE = 2;
    static final int SET_PARITY = 3;
    static final int SET_STOPSIZE = 4;
    static final int SET_CONTROL = 5;
    static final int PURGE_DATA = 12;
    static final int DTR_ON = 8;
    static final int DTR_OFF = 9;
    static final int RTS_ON = 11;
    static final int RTS_OFF = 12;

    private enum State { DATA, IAC, NEGOTIATE, SUB, SUB_IAC }

    private static final Set<Capability> CAPABILITIES = Set.of(Capability.CONTROL_LINES, Capability.BAUD_RATE);

    private State state = State.DATA;
    private int negotiateVerb;
    private final Set<Integer> sentWill = new HashSet<>();
    private final Set<Integer> sentDo = new HashSet<>();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
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
        sendRaw(new byte[] {(byte) IAC, (byte) verb, (byte) option});
    }

    private synchronized void sendRaw(byte[] b) throws IOException {
        out.write(b);
        out.flush();
    }

    private void subnegotiateBytes(int command, byte... value) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(IAC);
        b.write(SB);
        b.write(COM_PORT_OPTION);
        b.write(command);
        for (byte v : value) {
            b.write(v & 0xFF);
            if ((v & 0xFF) == IAC) {
                b.write(IAC);
            }
        }
        b.write(IAC);
        b.write(SE);
        sendRaw(b.toByteArray());
    }

    private void subnegotiate(int command, int oneByte) throws IOException {
        subnegotiateBytes(command, (byte) oneByte);
    }

    @Override
    void received(byte[] b, int n) {
        data.reset();
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xFF;
            switch (state) {
                case DATA -> {
                    if (c == IAC) {
                        state = State.IAC;
                    } else {
                        data.write(c);
                    }
                }
                case IAC -> {
                    if (c == IAC) {
                        data.write(IAC);
                        state = State.DATA;
                    } else if (c == WILL || c == WONT || c == DO || c == DONT) {
                        negotiateVerb = c;
                        state = State.NEGOTIATE;
                    } else if (c == SB) {
                        state = State.SUB;
                    } else {
                        state = State.DATA;
                    }
                }
                case NEGOTIATE -> {
                    answer(negotiateVerb, c);
                    state = State.DATA;
                }
                case SUB -> state = c == IAC ? State.SUB_IAC : State.SUB;
                case SUB_IAC -> state = c == SE ? State.DATA : State.SUB;
                default -> state = State.DATA;
            }
        }
        if (data.size() > 0) {
            byte[] d = data.toByteArray();
            deliver(d, 0, d.length);
        }
    }

    private void answer(int verb, int option) {
        boolean known = option == BINARY || option == SGA || option == COM_PORT_OPTION;
        try {
            if (verb == DO) {
                if (known) {
                    negotiate(WILL, option);
                } else {
                    sendRaw(new byte[] {(byte) IAC, (byte) WONT, (byte) option});
                }
            } else if (verb == WILL) {
                if (known) {
                    negotiate(DO, option);
                } else {
                    sendRaw(new byte[] {(byte) IAC, (byte) DONT, (byte) option});
                }
            }
        } catch (IOException ignored) {
            // the reader will see the closed socket
        }
    }

    @Override
    public void write(byte[] d, int off, int len) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(len + 16);
        for (int i = off; i < off + len; i++) {
            b.write(d[i] & 0xFF);
            if ((d[i] & 0xFF) == IAC) {
                b.write(IAC);
            }
        }
        sendRaw(b.toByteArray());
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
        subnegotiateBytes(SET_BAUDRATE, (byte) (baud >>> 24), (byte) (baud >>> 16), (byte) (baud >>> 8), (byte) baud);
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
