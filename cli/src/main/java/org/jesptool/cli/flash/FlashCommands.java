package org.jesptool.cli.flash;

import java.util.List;

/** The flash commands (write-flash, read-flash, verify-flash, erase-flash, erase-region) for the esptool CLI. */
public final class FlashCommands {
    private FlashCommands() {
    }

    /** picocli command classes, registered by the esptool main under their v5 names (v4 aliases added there). */
    public static List<Class<?>> commandClasses() {
        return List.of(WriteFlashCommand.class, ReadFlashCommand.class, VerifyFlashCommand.class,
                EraseCommands.EraseFlash.class, EraseCommands.EraseRegion.class);
    }
}
