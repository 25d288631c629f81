package org.jesptool.cli.image;

/**
 * The global options the image commands need from the esptool main command. The esptool main sets the chip
 * from its global {@code --chip/-c} option (or {@code ESPTOOL_CHIP}) before it runs one of these commands.
 */
public final class ImageCommandContext {
    private static volatile String chip = "auto";

    private ImageCommandContext() {
    }

    /** Sets the chip given with the global {@code --chip} option; null or "auto" means not given. */
    public static void setChip(String chipName) {
        chip = chipName == null ? "auto" : chipName;
    }

    /** The chip given with the global {@code --chip} option, or "auto". */
    public static String chip() {
        return chip;
    }

    /** Whether a concrete chip was given. */
    public static boolean chipGiven() {
        return !"auto".equalsIgnoreCase(chip);
    }
}
