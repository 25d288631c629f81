package org.jesptool.protocol;

import java.io.ByteArrayOutputStream;

/**
 * RFC 2217 (Telnet COM-PORT-OPTION) vocabulary shared by the client transport, the board server and the
 * virtual device: Telnet codes, COM-PORT-OPTION commands and SET-CONTROL values, data escaping and the frames
 * both sides send. A server answers each command with the command + {@link #SERVER_OFFSET}.
 */
public final class Rfc2217 {
    public static final int IAC = 255;
    public static final int DONT = 254;
    public static final int DO = 253;
    public static final int WONT = 252;
    public static final int WILL = 251;
    public static final int SB = 250;
    public static final int SE = 240;

    /** Telnet options. */
    public static final int BINARY = 0;
    public static final int ECHO = 1;
    public static final int SGA = 3;
    public static final int COM_PORT_OPTION = 44;

    /** COM-PORT-OPTION commands (client to server). */
    public static final int SIGNATURE = 0;
    public static final int SET_BAUDRATE = 1;
    public static final int SET_DATASIZE = 2;
    public static final int SET_PARITY = 3;
    public static final int SET_STOPSIZE = 4;
    public static final int SET_CONTROL = 5;
    public static final int NOTIFY_LINESTATE = 6;
    public static final int NOTIFY_MODEMSTATE = 7;
    public static final int FLOWCONTROL_SUSPEND = 8;
    public static final int FLOWCONTROL_RESUME = 9;
    public static final int SET_LINESTATE_MASK = 10;
    public static final int SET_MODEMSTATE_MASK = 11;
    public static final int PURGE_DATA = 12;
    /** Added to a command in the server's answer. */
    public static final int SERVER_OFFSET = 100;

    /** SET-CONTROL values. */
    public static final int FLOW_REQUEST = 0;
    public static final int FLOW_NONE = 1;
    public static final int DTR_REQUEST = 7;
    public static final int DTR_ON = 8;
    public static final int DTR_OFF = 9;
    public static final int RTS_REQUEST = 10;
    public static final int RTS_ON = 11;
    public static final int RTS_OFF = 12;

    /** PURGE-DATA values. */
    public static final int PURGE_RECEIVE = 1;
    public static final int PURGE_TRANSMIT = 2;
    public static final int PURGE_BOTH = 3;

    private Rfc2217() {
    }

    /** Serial data for the Telnet stream: every 0xFF doubled. */
    public static byte[] escape(byte[] b, int off, int len) {
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

    /** {@code IAC verb option}. */
    public static byte[] negotiation(int verb, int option) {
        return new byte[] {(byte) IAC, (byte) verb, (byte) option};
    }

    /** {@code IAC SB COM-PORT-OPTION command value... IAC SE}, 0xFF in the value doubled. */
    public static byte[] command(int command, byte... value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(value.length + 8);
        b.write(IAC);
        b.write(SB);
        b.write(COM_PORT_OPTION);
        b.write(command);
        b.writeBytes(escape(value, 0, value.length));
        b.write(IAC);
        b.write(SE);
        return b.toByteArray();
    }

    /** A baud rate as RFC 2217 sends it (big-endian u32). */
    public static byte[] u32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** The big-endian u32 of {@code b[off..off+4)}. */
    public static int u32(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }
}
