package org.jesptool.virtual;

import java.io.IOException;

/** Creates virtual ports from port names. */
final class VirtualPorts {
    private VirtualPorts() {
    }

    static VirtualPort open(String portName) throws IOException {
        throw new IOException("virtual device not implemented yet: " + portName);
    }
}
