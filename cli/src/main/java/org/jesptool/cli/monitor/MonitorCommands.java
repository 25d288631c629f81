package org.jesptool.cli.monitor;

import java.util.List;

/** The commands of this package, registered by the esptool main. */
public final class MonitorCommands {
    private MonitorCommands() {
    }

    public static List<Class<?>> commandClasses() {
        return List.of(MonitorCommand.class, DoctorCommand.class);
    }
}
