package org.jesptool.virtual;

import static org.jesptool.protocol.Rfc2217.COM_PORT_OPTION;
import static org.jesptool.protocol.Rfc2217.PURGE_DATA;
import static org.jesptool.protocol.Rfc2217.SERVER_OFFSET;
import static org.jesptool.protocol.Rfc2217.SET_BAUDRATE;
import static org.jesptool.protocol.Rfc2217.SET_CONTROL;

import java.io.IOException;
import java.io.OutputStream;
import org.jesptool.protocol.TelnetDecoder;
import org.jesptool.protocol.TelnetOptions;

/**
 * The server side of RFC 2217 (Telnet COM port control): splits the client's byte stream into serial
 * data and COM-PORT-OPTION commands, answers option negotiation, acknowledges every setting as the
 * RFC asks (command + 100, same value) and applies baud rate, DTR, RTS and purges to the device.
 * Serial data in both directions has 0xFF doubled. The codes are {@link org.jesptool.protocol.Rfc2217}'s.
 */
final class Rfc2217 implements TelnetDecoder.Handler {
    private final Device device;
    private final OutputStream toClient;
    private final TelnetDecoder decoder = new TelnetDecoder(this);
    private final TelnetOptions options = new TelnetOptions();
    private boolean dtr;
    private boolean rts;

    Rfc2217(Device device, OutputStream toClient) {
        this.device = device;
        this.toClient = toClient;
        this.dtr = device.dtr();
        this.rts = device.rts();
    }

    /** Feeds bytes from the client; serial data goes to the device. */
    void fromClient(byte[] b, int off, int len) throws IOException {
        decoder.feed(b, off, len);
    }

    @Override
    public void data(byte[] b, int off, int len) {
        device.receive(b, off, len);
    }

    @Override
    public void negotiation(int verb, int option) throws IOException {
        byte[] reply = options.answer(verb, option);
        if (reply != null) {
            send(reply);
        }
    }

    @Override
    public void subnegotiation(byte[] s) throws IOException {
        if (s.length < 2 || (s[0] & 0xFF) != COM_PORT_OPTION) {
            return;
        }
        int cmd = s[1] & 0xFF;
        byte[] value = java.util.Arrays.copyOfRange(s, 2, s.length);
        switch (cmd) {
            case SET_BAUDRATE:
                if (value.length == 4) {
                    int baud = org.jesptool.protocol.Rfc2217.u32(value, 0);
                    if (baud > 0) {
                        device.setHostBaud(baud);
                        device.trace("rfc2217: host baud " + baud);
                    } else {
                        baud = device.hostBaud();
                        value = org.jesptool.protocol.Rfc2217.u32(baud);
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
        send(org.jesptool.protocol.Rfc2217.command(cmd + SERVER_OFFSET, value));
    }

    /** Releases the control lines, as closing a serial port does. */
    void hangUp() {
        dtr = false;
        rts = false;
        device.setLines(false, false);
    }

    private void send(byte[] b) throws IOException {
        synchronized (toClient) {
            toClient.write(b);
            toClient.flush();
        }
    }

    /** Escapes serial data for the Telnet stream (0xFF doubled). */
    static byte[] escape(byte[] b, int off, int len) {
        return org.jesptool.protocol.Rfc2217.escape(b, off, len);
    }
}
