package org.jesptool.virtual;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The server side of RFC 2217 (Telnet COM port control): splits the client's byte stream into serial
 * data and COM-PORT-OPTION commands, answers option negotiation, acknowledges every setting as the
 * RFC asks (command + 100, same value) and applies baud rate, DTR, RTS and purges to the device.
 * Serial data in both directions has 0xFF doubled.
 */
final class Rfc2217 {
    static final int IAC = 255;
    static final int DONT = 254;
    static final int DO = 253;
    static final int WONT = 252;
    static final int WILL = 251;
    static final int SB = 250;
    static final int SE = 240;
    static final int BINARY = 0;
    static final int ECHO = 1;
    static final int SGA = 3;
    static final int COM_PORT_OPTION = 44;

    static final int SET_BAUDRATE = 1;
    static final int SET_CONTROL = 5;
    static final int PURGE_DATA = 12;
    static final int SERVER_OFFSET = 100;
    static final int MAX_SUB = 64;

    private final Device device;
    private final OutputStream toClient;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private final ByteArrayOutputStream sub = new ByteArrayOutputStream();
    private final boolean[] weWill = new boolean[256];
    private final boolean[] theyWill = new boolean[256];
    private int state;
    private int optionVerb;
    private boolean dtr;
    private boolean rts;

    private static final int S_DATA = 0;
    private static final int S_IAC = 1;
    private static final int S_OPTION = 2;
    private static final int S_SB = 3;
    private static final int S_SB_IAC = 4;

    Rfc2217(Device device, OutputStream toClient) {
        this.device = device;
        this.toClient = toClient;
        this.dtr = device.dtr();
        this.rts = device.rts();
    }

    /** Feeds bytes from the client; serial data goes to the device. */
    void fromClient(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xFF;
            switch (state) {
                case S_DATA:
                    if (c == IAC) {
                        state = S_IAC;
                    } else {
                        data.write(c);
                    }
                    break;
                case S_IAC:
                    if (c == IAC) {
                        data.write(IAC);
                        state = S_DATA;
                    } else if (c == SB) {
                        flushData();
                        sub.reset();
                        state = S_SB;
                    } else if (c == WILL || c == WONT || c == DO || c == DONT) {
                        optionVerb = c;
                        state = S_OPTION;
                    } else {
                        state = S_DATA; // NOP, break, etc.
                    }
                    break;
                case S_OPTION:
                    flushData();
                    negotiate(optionVerb, c);
                    state = S_DATA;
                    break;
                case S_SB:
                    if (c == IAC) {
                        state = S_SB_IAC;
                    } else {
                        subByte(c);
                    }
                    break;
                case S_SB_IAC:
                    if (c == SE) {
                        subnegotiation(sub.toByteArray());
                        state = S_DATA;
                    } else {
                        subByte(c);
                        state = S_SB;
                    }
                    break;
                default:
                    state = S_DATA;
            }
        }
        flushData();
    }

    /**
     * Keeps at most {@link #MAX_SUB} bytes of a subnegotiation (the longest we answer is 6): a client that
     * never ends one must not grow the server's memory with every byte it floods.
     */
    private void subByte(int c) {
        if (sub.size() < MAX_SUB) {
            sub.write(c);
        }
    }

    private void flushData() {
        if (data.size() > 0) {
            byte[] d = data.toByteArray();
            data.reset();
            device.receive(d, 0, d.length);
        }
    }

    private void negotiate(int verb, int option) throws IOException {
        boolean supported = option == BINARY || option == SGA || option == COM_PORT_OPTION;
        if (verb == WILL) {
            if (!theyWill[option]) {
                theyWill[option] = supported;
                send(IAC, supported ? DO : DONT, option);
            }
        } else if (verb == DO) {
            if (!weWill[option]) {
                weWill[option] = supported;
                send(IAC, supported ? WILL : WONT, option);
            }
        } else if (verb == WONT) {
            theyWill[option] = false;
        } else {
            weWill[option] = false;
        }
    }

    private void subnegotiation(byte[] s) throws IOException {
        if (s.length < 2 || (s[0] & 0xFF) != COM_PORT_OPTION) {
            return;
        }
        int cmd = s[1] & 0xFF;
        byte[] value = java.util.Arrays.copyOfRange(s, 2, s.length);
        switch (cmd) {
            case SET_BAUDRATE:
                if (value.length == 4) {
                    int baud = (value[0] & 0xFF) << 24 | (value[1] & 0xFF) << 16 | (value[2] & 0xFF) << 8 | (value[3] & 0xFF);
                    if (baud > 0) {
                        device.setHostBaud(baud);
                        device.trace("rfc2217: host baud " + baud);
                    } else {
                        baud = device.hostBaud();
                        value = new byte[] {(byte) (baud >> 24), (byte) (baud >> 16), (byte) (baud >> 8), (byte) baud};
                    }
                }
                break;
            case SET_CONTROL:
                if (value.length == 1) {
                    int v = value[0] & 0xFF;
                    switch (v) {
                        case 7: value[0] = (byte) (dtr ? 8 : 9); break;
                        case 8: dtr = true; device.setLines(dtr, rts); break;
                        case 9: dtr = false; device.setLines(dtr, rts); break;
                        case 10: value[0] = (byte) (rts ? 11 : 12); break;
                        case 11: rts = true; device.setLines(dtr, rts); break;
                        case 12: rts = false; device.setLines(dtr, rts); break;
                        case 0: value[0] = 1; break;
                        default: break;
                    }
                }
                break;
            case PURGE_DATA:
                if (value.length == 1 && ((value[0] & 1) != 0)) {
                    device.link.discardPending();
                }
                break;
            default:
                break; // data size, parity, stop size, masks, flow control: accepted as asked
        }
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        reply.write(IAC);
        reply.write(SB);
        reply.write(COM_PORT_OPTION);
        reply.write(cmd + SERVER_OFFSET);
        for (byte b : value) {
            reply.write(b & 0xFF);
            if ((b & 0xFF) == IAC) {
                reply.write(IAC);
            }
        }
        reply.write(IAC);
        reply.write(SE);
        synchronized (toClient) {
            toClient.write(reply.toByteArray());
            toClient.flush();
        }
    }

    /** Releases the control lines, as closing a serial port does. */
    void hangUp() {
        dtr = false;
        rts = false;
        device.setLines(false, false);
    }

    private void send(int... bytes) throws IOException {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        synchronized (toClient) {
            toClient.write(b);
            toClient.flush();
        }
    }

    /** Escapes serial data for the Telnet stream (0xFF doubled). */
    static byte[] escape(byte[] b, int off, int len) {
        int extra = 0;
        for (int i = off; i < off + len; i++) {
            if ((b[i] & 0xFF) == IAC) {
                extra++;
            }
        }
        byte[] out = new byte[len + extra];
        int j = 0;
        for (int i = off; i < off + len; i++) {
            out[j++] = b[i];
            if ((b[i] & 0xFF) == IAC) {
                out[j++] = b[i];
            }
        }
        return out;
    }
}
