package org.jesptool.protocol.link;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A serial line as streams plus modem control lines: what a device that speaks the loader protocol offers
 * the host. The host library turns a link into a transport; the virtual device implements one. This is the
 * one seam the two sides share, so neither depends on the other.
 *
 * <p>Control lines follow pyserial's convention: {@code true} means the line is asserted, which drives the
 * pin low. With the usual auto-reset wiring RTS pulls EN (reset) and DTR pulls the boot strap pin.
 */
public interface SerialLink extends Closeable {

    /**
     * Bytes sent by the device. Reads block until data arrives or the link is closed (then -1).
     *
     * @return the device's output
     */
    InputStream input();

    /**
     * Bytes sent to the device.
     *
     * @return the device's input
     */
    OutputStream output();

    /**
     * Sets DTR.
     *
     * @param asserted {@code true} asserts the line (pin low)
     * @throws IOException when the link is closed
     */
    void setDtr(boolean asserted) throws IOException;

    /**
     * Sets RTS.
     *
     * @param asserted {@code true} asserts the line (pin low)
     * @throws IOException when the link is closed
     */
    void setRts(boolean asserted) throws IOException;

    /**
     * Sets both lines at once, as a TIOCMSET ioctl would.
     *
     * @param dtr the new DTR state
     * @param rts the new RTS state
     * @throws IOException when the link is closed
     */
    default void setDtrRts(boolean dtr, boolean rts) throws IOException {
        setDtr(dtr);
        setRts(rts);
    }

    /**
     * Changes the host side's baud rate. Bytes sent at a rate the device does not use arrive garbled.
     *
     * @param baud bits per second
     * @throws IOException when the link is closed
     */
    void setBaudRate(int baud) throws IOException;

    /**
     * The host side's current baud rate.
     *
     * @return bits per second
     */
    int baudRate();
}
