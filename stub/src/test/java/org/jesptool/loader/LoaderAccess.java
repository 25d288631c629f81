package org.jesptool.loader;

import org.jesptool.command.internal.CommandChannel;

/**
 * Test-only access to a device's raw command channel, so the stub tests can send frames the loader API never
 * sends (a wrong checksum, an unknown opcode). Lives in the loader package because the concrete loader is
 * package-private; tests run on the class path, where the split package is allowed.
 */
public final class LoaderAccess {
    private LoaderAccess() {
    }

    /** The command channel under {@code device}'s loader. */
    public static CommandChannel channel(Device device) {
        return device.espLoader().channel();
    }
}
