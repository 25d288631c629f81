package org.jesptool.virtual;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Creates virtual ports from port names. */
final class VirtualPorts {
    /**
     * Port names whose board was unplugged by {@code unplug-after} in this process, with its {@code replug}
     * setting: opened again, the board is back without the fault, or stays away.
     */
    private static final Map<String, Boolean> UNPLUGGED = new ConcurrentHashMap<>();

    private VirtualPorts() {
    }

    static VirtualPort open(String portName) throws IOException {
        DeviceConfig config = DeviceConfig.fromPortName(portName);
        Boolean replugged = UNPLUGGED.get(portName);
        if (replugged != null) {
            if (!replugged) {
                throw new IOException("the virtual device " + portName + " was unplugged and is not plugged back "
                        + "in (replug=0)");
            }
            config.unplugAfter = -1; // plugged back in: a fresh power-up, the fault does not repeat
        }
        Device device = new Device(config, System.err);
        boolean replug = config.replug;
        return new InProcessPort(device, true, config.unplugAfter, () -> UNPLUGGED.put(portName, replug));
    }
}
