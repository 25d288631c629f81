package org.jesptool.virtual;

import java.io.IOException;
import org.jesptool.protocol.link.SerialLink;

/**
 * A serial port with an emulated ESP chip on the other end. This is the one seam between the virtual
 * device and anything that talks to it: the host library (through {@link VirtualLinkProvider}, which serves
 * {@code virtual://}), the TCP and RFC 2217 servers, and tests.
 */
public interface VirtualPort extends SerialLink {

    /**
     * Opens a virtual device described by a port name such as {@code virtual://esp32c3?flash=4MB}.
     *
     * @param portName the port URL
     * @return the open port, with the chip powered up
     * @throws IllegalArgumentException when the chip or an option is unknown or malformed
     * @throws IOException when a flash image file cannot be opened or is invalid
     */
    static VirtualPort open(String portName) throws IOException {
        return VirtualPorts.open(portName);
    }
}
