package org.jesptool.protocol.link;

import java.io.IOException;
import java.util.List;

/**
 * Opens {@link SerialLink}s for port URLs with given schemes (e.g. {@code virtual://}). Implementations are
 * found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/org.jesptool.protocol.link.SerialLinkProvider} (or {@code provides} it in
 * {@code module-info.java}) and put its jar on the class path. The host library offers every such link as a
 * transport.
 */
public interface SerialLinkProvider {

    /**
     * The URL schemes served, lower case and without {@code ://}, e.g. {@code virtual}.
     *
     * @return at least one scheme
     */
    List<String> schemes();

    /**
     * How a port name for this provider looks, for error messages, e.g. {@code virtual://CHIP}.
     *
     * @return a short pattern
     */
    String usage();

    /**
     * Opens the link named by {@code portName}.
     *
     * @param portName the full port URL as the user gave it
     * @return the open link
     * @throws IllegalArgumentException when the name or one of its options is malformed
     * @throws IOException when the link cannot be opened
     */
    SerialLink open(String portName) throws IOException;
}
