package org.jesptool.cli.flash;

import java.io.IOException;
import java.io.PrintStream;
import org.jesptool.flash.FlashException;
import org.jesptool.flash.FlashSizes;
import org.jesptool.flash.Flasher;
import org.jesptool.flash.LinkRecovery;
import org.jesptool.flash.ProgressListener;
import org.jesptool.loader.Loader;

/** What a flash command gets from the connected session, and the flash-size setup they share. */
final class FlashRun {
    final Loader loader;
    final PrintStream out;
    final boolean silent;
    /** The tool and its global options as typed, e.g. {@code esptool --port /dev/ttyUSB0}, for hints. */
    final String commandPrefix;
    final LinkRecovery recovery;

    FlashRun(Loader loader, PrintStream out, boolean silent, String commandPrefix, LinkRecovery recovery) {
        this.loader = loader;
        this.out = out;
        this.silent = silent;
        this.commandPrefix = commandPrefix;
        this.recovery = recovery;
    }

    Flasher flasher(ProgressListener listener) {
        return new Flasher(loader, recovery).listener(listener);
    }

    void info(String line) {
        if (!silent) {
            out.println(line);
        }
    }

    /**
     * Resolves {@code --flash-size} (detect, keep or a size name) to bytes and tells the loader
     * (SPI_SET_PARAMS). Returns 0 when the size stays unknown (keep in Secure Download Mode).
     */
    long configureFlashSize(String sizeArg) throws IOException {
        String arg = sizeArg == null ? "keep" : sizeArg;
        long size;
        if (arg.equalsIgnoreCase("detect") || arg.equalsIgnoreCase("keep")) {
            if (loader.secureDownloadMode()) {
                return 0;
            }
            int id = loader.flashId();
            size = FlashSizes.fromJedecId(id);
            if (size == 0) {
                if (arg.equalsIgnoreCase("keep")) {
                    return 0;
                }
                info(String.format("Warning: Could not auto-detect Flash size (FlashID=0x%x, SizeID=0x%x), "
                        + "defaulting to 4MB.", id, (id >> 16) & 0xFF));
                size = 4 << 20;
            } else if (arg.equalsIgnoreCase("detect")) {
                info("Auto-detected Flash size: " + FlashSizes.format(size));
            }
        } else {
            try {
                size = FlashSizes.parseName(arg);
            } catch (IllegalArgumentException e) {
                throw new FlashException(e.getMessage());
            }
        }
        if (loader.isStub() || loader.chip().romSupportsCompressedFlash()) {
            info("Configuring flash size...");
            loader.spiSetParams((int) size);
        }
        return size;
    }

    /** The library's finishing hint with this session's tool and global options. */
    String withPrefix(String message) {
        return message.replace("run: esptool ", "run: " + commandPrefix + " ");
    }
}
