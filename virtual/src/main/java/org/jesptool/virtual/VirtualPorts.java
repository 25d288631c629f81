package org.jesptool.virtual;

import java.io.IOException;

/** Creates virtual ports from port names. */
final class VirtualPorts {
    private VirtualPorts() {
    }

    static VirtualPort open(String portName) throws IOException {
        DeviceConfig config = DeviceConfig.fromPortName(portName);
        Device device = new Device(config, System.err);
        return new InProcessPort(device, true);
    }
}
