package org.jesptool.cli.flash;

import org.jesptool.flash.FlashSizes;
import org.jesptool.flash.Flasher;
import org.jesptool.cli.ForceOption;
import org.jesptool.cli.SpiConnectionOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** erase-flash and erase-region. */
final class EraseCommands {
    private EraseCommands() {
    }

    /** erase-flash: the whole chip (the stub's chip erase, or the ROM's region erase over the detected size). */
    @Command(name = "erase-flash", description = "Perform Chip Erase on SPI flash.")
    static final class EraseFlash extends FlashCommand {
        @Mixin
        ForceOption force = new ForceOption();

        @Mixin
        SpiConnectionOption spiConnection = new SpiConnectionOption();

        @Override
        String spiConnection() {
            return spiConnection.value();
        }

        @Override
        void run(FlashRun run) throws Exception {
            long t0 = System.nanoTime();
            long flashSize = 0;
            if (!run.loader().isStub() && run.session.detectedFlashSize() > 0) {
                flashSize = run.configureFlashSize("keep"); // the ROM erases region by region: it needs the size
            }
            run.flasher(run.renderer(true)).eraseFlash(force.given(), flashSize);
            run.info(String.format("Chip erase completed successfully in %.1f s.", (System.nanoTime() - t0) / 1e9));
        }
    }

    private static final int SECTOR = 4096;

    /** erase-region: 4 KiB-aligned range. */
    @Command(name = "erase-region", description = "Erase a region of the flash (4 KiB multiples).")
    static final class EraseRegion extends FlashCommand {
        @Parameters(index = "0", paramLabel = "<address>", description = "Start address (multiple of 4096).")
        String address;

        @Parameters(index = "1", paramLabel = "<size>", description = "Bytes to erase (multiple of 4096), k/M "
                + "suffix or 'all'.")
        String size;

        @Mixin
        ForceOption force = new ForceOption();

        @Mixin
        SpiConnectionOption spiConnection = new SpiConnectionOption();

        @Override
        protected boolean allowedInSecureDownloadMode() {
            return true;
        }

        @Override
        String spiConnection() {
            return spiConnection.value();
        }

        private long offset;
        private long length;

        @Override
        protected void validate() {
            offset = address(this.address);
            length = length(size);
            String problem = Flasher.eraseRegionProblem(offset, length == -1 ? SECTOR : length);
            if (problem != null) {
                throw badArgument(length == -1 ? problem : problem + " Use 'all' to erase to the end of the flash.");
            }
        }

        @Override
        void run(FlashRun run) throws Exception {
            long length = this.length;
            long total = run.configureFlashSize(run.loader().secureDownloadMode() ? "16MB" : "detect");
            if (length < 0) {
                length = total - offset;
            }
            long t0 = System.nanoTime();
            run.flasher(run.renderer(true)).eraseRegion((int) offset, (int) length, total, force.given());
            run.info(String.format("Erase completed successfully in %.1f s (%s at 0x%08x).",
                    (System.nanoTime() - t0) / 1e9, FlashSizes.format(length), offset));
        }
    }
}
