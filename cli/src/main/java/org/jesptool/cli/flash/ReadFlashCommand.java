package org.jesptool.cli.flash;

import java.nio.file.Path;
import org.jesptool.flash.FlashException;
import org.jesptool.flash.FlashSizes;
import org.jesptool.cli.SpiConnectionOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** read-flash: reads flash into a file, written under a temporary name and renamed when complete and checked. */
@Command(name = "read-flash", description = "Read SPI flash content into a file.", sortOptions = false)
final class ReadFlashCommand extends FlashCommand {

    @Parameters(index = "0", paramLabel = "<address>", description = "Start address.")
    String address;

    @Parameters(index = "1", paramLabel = "<size>", description = "Bytes to read: number, k/M suffix, or 'all'.")
    String size;

    @Parameters(index = "2", paramLabel = "<output>", description = "Name of the file to write.")
    Path output;

    @Option(names = {"--flash-size", "-fs", "--flash_size"}, paramLabel = "<size>",
            defaultValue = "${env:ESPTOOL_FS:-detect}", description = "detect, keep or a size such as 4MB.")
    String flashSize;

    @Option(names = {"--no-progress", "-p"}, description = "Plain progress lines instead of a redrawn bar.")
    boolean noProgress;

    @Mixin
    SpiConnectionOption spiConnection = new SpiConnectionOption();

    @Override
    String spiConnection() {
        return spiConnection.value();
    }

    private long offset;
    private long length;

    @Override
    protected void validate() {
        flashSize = checkFlashSize(spec(), flashSize);
        offset = address(this.address);
        length = length(size);
        if (length == 0) {
            throw badArgument("Nothing to read: the size must be positive (got " + size + ").");
        }
    }

    @Override
    void run(FlashRun run) throws Exception {
        long total = run.configureFlashSize(flashSize);
        long length = this.length;
        if (length < 0) {
            if (total == 0) {
                throw new FlashException("Size 'all' needs the flash size, which is unknown here: give a size.");
            }
            length = total - offset;
        }
        if (length <= 0) {
            throw new FlashException("Nothing to read: the size must be positive.");
        }
        if (total > 0 && offset + length > total) {
            throw new FlashException(String.format("Reading 0x%x bytes at 0x%x goes past the end of the %s flash.",
                    length, offset, FlashSizes.format(total)));
        }
        ProgressRenderer renderer = run.renderer(noProgress);
        run.flasher(renderer).read((int) offset, (int) length, output);
    }
}
