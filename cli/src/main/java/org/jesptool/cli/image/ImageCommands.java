package org.jesptool.cli.image;

import java.util.List;

/** The image commands (elf2image, image-info, merge-bin, make-image) for the esptool CLI. */
public final class ImageCommands {
    private ImageCommands() {
    }

    /** picocli command classes, registered by the esptool main under their v5 names (v4 aliases added there). */
    public static List<Class<?>> commandClasses() {
        return List.of();
    }
}
