package org.jesptool.cli.flash;

import java.util.function.UnaryOperator;
import org.jesptool.flash.ProgressListener;
import picocli.CommandLine.Option;

/** The FLASH option group: mode, frequency and size (with the reference's environment defaults). */
final class FlashParams {

    @Option(names = {"--flash-mode", "-fm", "--flash_mode"}, paramLabel = "<mode>",
            defaultValue = "${env:ESPTOOL_FM:-keep}", description = "keep, qio, qout, dio, dout (default: keep).")
    String mode;

    @Option(names = {"--flash-freq", "-ff", "--flash_freq"}, paramLabel = "<freq>",
            defaultValue = "${env:ESPTOOL_FF:-keep}", description = "keep, 80m, 60m, 48m, 40m, 30m, 26m, 24m, 20m, "
            + "16m, 15m, 12m (default: keep).")
    String freq;

    @Option(names = {"--flash-size", "-fs", "--flash_size"}, paramLabel = "<size>",
            defaultValue = "${env:ESPTOOL_FS:-keep}", description = "detect, keep, 256KB ... 128MB (default: keep).")
    String size;

    @Option(names = {"--spi-connection", "-sc"}, paramLabel = "<pins>", hidden = true,
            description = "SPI, HSPI or CLK,Q,D,HD,CS (handled when attaching flash).")
    String spiConnection;

    /** The header patch for the image at the bootloader offset, or null when all three are {@code keep}. */
    UnaryOperator<byte[]> patcher(FlashRun run, long detectedSize, ProgressListener messages) {
        return null;
    }
}
