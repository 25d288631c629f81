package org.jesptool.virtual;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A serial port with an emulated ESP chip on the other end. This is the one seam between the virtual
 * device and anything that talks to it: the host library's {@code virtual://} transport, the TCP and
 * RFC 2217 servers, and tests.
 *
 * <p>Control lines follow pyserial's convention: {@code true} means the line is asserted, which drives
 * the pin low. With the usual auto-reset wiring RTS pulls EN (reset) and DTR pulls the boot strap pin.
 */
public interface VirtualPort extends Closeable {

    /**
     * Opens a virtual device described by a port name such as {@code virtual://esp32c3?flash=4MB}.
     *
     * @throws IllegalArgumentException when the chip or an option is unknown or malformed
     * @throws IOException when a flash image file cannot be opened or is invalid
     */
    static VirtualPort open(String portName) throws IOException {
        return VirtualPorts.open(portName);
    }

    /** Bytes sent by the chip. Reads block until data arrives or the port is closed (then -1). */
    InputStream input();

    /** Bytes sent to the chip. */
    OutputStream output();

    /** Sets DTR; {@code true} asserts the line (pin low). */
    void setDtr(boolean asserted) throws IOException;

    /** Sets RTS; {@code true} asserts the line (pin low). */
    void setRts(boolean asserted) throws IOException;

    /** Sets both lines at once, as a TIOCMSET ioctl would. */
    default void setDtrRts(boolean dtr, boolean rts) throws IOException {
        setDtr(dtr);
        setRts(rts);
    }

    /** Changes the host side's baud rate. Bytes sent at a rate the chip does not use arrive garbled. */
    void setBaudRate(int baud) throws IOException;

    /** The host side's current baud rate. */
    int baudRate();
}
