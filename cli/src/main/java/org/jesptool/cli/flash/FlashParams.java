package org.jesptool.cli.flash;

import java.util.function.UnaryOperator;
import org.jesptool.flash.FlashException;
import org.jesptool.flash.FlashSizes;
import org.jesptool.image.FlashHeaderPatcher;
import org.jesptool.image.ImageChip;
import org.jesptool.image.ImageException;
import org.jesptool.image.ImageFormats;
import org.jesptool.flash.ProgressListener;
import org.jesptool.target.FlashSecurity;
import org.jesptool.cli.SpiConnectionOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

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
            defaultValue = "${env:ESPTOOL_FS:-keep}", description = "detect, keep, 256KB ... 128MB; esptool 2.x megabit names such as 32m (= 4MB) are "
            + "accepted (default: keep).")
    String size;

    @Mixin
    SpiConnectionOption spiConnection = new SpiConnectionOption();

    /**
     * Checks {@code --flash-size} before connecting and replaces a megabit name by today's (with a note).
     *
     * @throws ParameterException for an unknown size
     */
    void checkSize(CommandSpec spec) {
        size = FlashCommand.checkFlashSize(spec, size);
    }

    /**
     * The header patch for the image at the bootloader offset (facts 6.6), or null when nothing is to change or
     * the chip may not be patched (Secure Download Mode). Checks the option values for this chip first.
     */
    UnaryOperator<byte[]> patcher(FlashRun run, long flashSize, ProgressListener messages) throws FlashException {
        if ("keep".equals(mode) && "keep".equals(freq) && "keep".equals(size)) {
            return null;
        }
        if (run.loader().secureDownloadMode()) {
            messages.message("Warning: Secure Download Mode: the flash header of the bootloader is not changed.");
            return null;
        }
        FlashSecurity security = run.flasher(ProgressListener.NONE).securitySettings();
        if (security != null && security.secureBoot()) {
            // the bootloader is signed or digested: a changed header would not boot (the reference's rule)
            messages.message("Warning: Security features enabled (secure boot), so the flash header of the "
                    + "bootloader is not changed.");
            return null;
        }
        ImageChip chip;
        try {
            chip = ImageFormats.forChip(run.loader().chip().name());
            if (!"keep".equals(mode)) {
                ImageChip.flashModeCode(mode);
            }
            if (!"keep".equals(freq)) {
                chip.flashFreqCode(freq);
            }
            if (!"keep".equals(size) && !"detect".equals(size)) {
                chip.flashSizeCode(size);
            }
        } catch (ImageException e) {
            throw new FlashException(e.getMessage() + " Nothing was written.");
        }
        String detected = flashSize > 0 ? FlashSizes.format(flashSize) : null;
        long offset = chip.bootloaderOffset();
        return data -> {
            FlashHeaderPatcher.Result r = FlashHeaderPatcher.patch(data, offset, chip, mode, freq, size, detected);
            r.warnings().forEach(w -> messages.message("Warning: " + w));
            r.messages().forEach(messages::message);
            return r.data();
        };
    }
}
