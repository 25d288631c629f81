package org.jesptool.virtual;

import java.io.IOException;
import java.util.List;
import org.jesptool.protocol.link.SerialLink;
import org.jesptool.protocol.link.SerialLinkProvider;

/**
 * Serves {@code virtual://CHIP?options}: registered with {@link java.util.ServiceLoader}, so a host library
 * with this jar on its class path opens the virtual device like any other port.
 */
public final class VirtualLinkProvider implements SerialLinkProvider {

    /** Made by {@link java.util.ServiceLoader}. */
    public VirtualLinkProvider() {
    }

    @Override
    public List<String> schemes() {
        return List.of("virtual");
    }

    @Override
    public String usage() {
        return "virtual://CHIP";
    }

    @Override
    public SerialLink open(String portName) throws IOException {
        return VirtualPort.open(portName);
    }
}
