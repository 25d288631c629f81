package org.jesptool.transport;

import java.io.IOException;
import java.util.List;

/**
 * Opens transports for port URLs with given schemes, the way JGit's {@code TransportProtocol} does for
 * remotes. The built-in ones ({@code socket://}, {@code rfc2217://}) are registered by {@link Transports};
 * others are found with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/org.jesptool.transport.TransportProvider}) or added with
 * {@link Transports#register(TransportProvider)}. A device that only offers streams and control lines can
 * implement {@link org.jesptool.protocol.link.SerialLinkProvider} instead, without depending on this library.
 */
public interface TransportProvider {

    /**
     * The URL schemes served, lower case and without {@code ://}, e.g. {@code socket}.
     *
     * @return at least one scheme
     */
    List<String> schemes();

    /**
     * How a port name for this provider looks, for error messages, e.g. {@code socket://HOST:PORT}.
     *
     * @return a short pattern
     */
    String usage();

    /**
     * Opens the port named by {@code name}; the caller sets the baud rate afterwards.
     *
     * @param name the full port URL as the user gave it
     * @return the open transport
     * @throws PortException when the name is malformed or the port cannot be reached
     * @throws IOException on other I/O errors
     */
    Transport open(String name) throws IOException;
}
