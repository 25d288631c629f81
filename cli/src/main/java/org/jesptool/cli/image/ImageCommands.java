package org.jesptool.cli.image;

import java.util.List;

/**
 * The image commands (elf2image, image-info, merge-bin, make-image) for the esptool CLI.
 *
 * <p>Wiring for the esptool main: register each class of {@link #commandClasses()} as a subcommand under its
 * picocli name (v5 spelling) and add the v4 alias with {@code _} instead of {@code -} ({@code image_info},
 * {@code merge_bin}, {@code make_image}). The commands take the chip from the global {@code --chip/-c} option:
 * they read the parent command's {@code --chip} option value when the parent has one (so registering them under
 * a root command with a {@code --chip} option is enough); otherwise call
 * {@link ImageCommandContext#setChip(String)} with its value ("auto" when absent) before executing.
 * The commands already accept the v4 option spellings ({@code --flash_size}, {@code --fill-flash-size}, ...)
 * as aliases. They return exit code 0 on success and 2 on a fatal error (message on stderr, no output file).
 * {@link ImageCli} is a small stand-alone runner doing exactly this, used by the tests.
 */
public final class ImageCommands {
    private ImageCommands() {
    }

    /** picocli command classes, registered by the esptool main under their v5 names (v4 aliases added there). */
    public static List<Class<?>> commandClasses() {
        return List.of(Elf2ImageCommand.class, ImageInfoCommand.class, MergeBinCommand.class, MakeImageCommand.class);
    }
}
