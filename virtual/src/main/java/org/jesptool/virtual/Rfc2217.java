package org.jesptool.virtual;

import static org.jesptool.protocol.Rfc2217.PURGE_DATA;
import static org.jesptool.protocol.Rfc2217.SET_BAUDRATE;
import static org.jesptool.protocol.Rfc2217.SET_CONTROL;

import java.io.IOException;
import java.io.OutputStream;
import org.jesptool.protocol.ComPortServer;

/**
 * The server side of RFC 2217 (Telnet COM port control) for the virtual device: acknowledges every setting
 * as the RFC asks (command + 100, same value) and applies baud rate, DTR, RTS and purges to the device.
 * Serial data in both directions has 0xFF doubled. The codes are {@link org.jesptool.protocol.Rfc2217}'s.
 */
final class Rfc2217 extends ComPortServer {
    private final Device device;
    private final OutputStream toClient;
    private boolean dtr;
    private boolean rts;

    Rfc2217(Device device, OutputStream toClient) {
        this.device = device;
        this.toClient = toClient;
        this.dtr = device.dtr();
        this.rts = device.rts();
    }

    @Override
    public void data(byte[] b, int off, int len) {
        device.receive(b, off, len);
    }

    @Override
    protected byte[] command(int cmd, byte[] value) {
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
        return value;
    }

    /** Releases the control lines, as closing a serial port does. */
    void hangUp() {
        dtr = false;
        rts = false;
        device.setLines(false, false);
    }

    @Override
    protected void send(byte[] b) throws IOException {
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
