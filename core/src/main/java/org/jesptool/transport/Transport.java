package org.jesptool.transport;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;

/**
 * A byte channel to a chip's serial loader with modem control lines: a local serial port, a TCP socket,
 * an RFC 2217 server or the in-process virtual device. Open one with {@link Transports#open(String)};
 * add link types with a {@link TransportProvider}.
 *
 * <p>Control lines follow pyserial's convention: {@code true} asserts the line (drives the pin low).
 * Lines a transport cannot drive are ignored, never an error.
 */
public interface Transport extends Closeable {

    /** What a link can do; reset and detection rules depend on it, never on the link's type. */
    enum Capability {
        /** DTR and RTS reach the board, so the host can reset the chip into its loader. */
        CONTROL_LINES,
        /**
         * The lines are switched on this machine with tight timing (a local serial port, the in-process
         * virtual device), not relayed over a network: the Unix "tight" reset sequences rely on it.
         */
        LOCAL_CONTROL_LINES,
        /** The link has a line speed that {@link #setBaudRate(int)} changes. */
        BAUD_RATE
    }

    /**
     * The port name as given by the user.
     *
     * @return the name
     */
    String name();

    /**
     * What this link can do.
     *
     * @return the capabilities (may be empty, e.g. a raw TCP socket)
     */
    Set<Capability> capabilities();

    /**
     * Whether this link has {@code c}.
     *
     * @param c a capability
     * @return true when {@link #capabilities()} contains it
     */
    default boolean can(Capability c) {
        return capabilities().contains(c);
    }

    /**
     * Reads up to {@code len} bytes, waiting at most {@code timeoutMillis} for the first one.
     *
     * @return the number of bytes read, 0 on timeout
     * @throws java.io.EOFException when the link is closed
     */
    int read(byte[] buf, int off, int len, long timeoutMillis) throws IOException;

    /** Writes all bytes. */
    void write(byte[] data, int off, int len) throws IOException;

    default void write(byte[] data) throws IOException {
        write(data, 0, data.length);
    }

    /** Sets DTR ({@code true} = asserted = pin low). */
    void setDtr(boolean asserted) throws IOException;

    /** Sets RTS ({@code true} = asserted = pin low). */
    void setRts(boolean asserted) throws IOException;

    /** Sets both lines at once where the link can (TIOCMSET), else one after the other. */
    default void setDtrRts(boolean dtr, boolean rts) throws IOException {
        setDtr(dtr);
        setRts(rts);
    }

    /** Changes the line speed (ignored by links without one, such as raw sockets). */
    void setBaudRate(int baud) throws IOException;

    int baudRate();

    /** Drops every byte received but not yet read. */
    void discardInput() throws IOException;

    /** Whether the link refused a DTR/RTS change (e.g. a pseudo-terminal): the chip was then not reset. */
    default boolean controlLinesRefused() {
        return false;
    }

    /** USB vendor and product of the port when known (local serial ports), else null. */
    default PortInfo info() {
        return null;
    }
}
