package org.jesptool.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jesptool.efuse.BlockDef;
import org.jesptool.efuse.BurnPlan;
import org.jesptool.efuse.EfuseChip;
import org.jesptool.efuse.EfuseChips;
import org.jesptool.efuse.EfuseOperations;
import org.jesptool.efuse.Efuses;
import org.jesptool.efuse.LoaderEfuseController;
import org.jesptool.efuse.VirtualEfuseController;
import org.jesptool.loader.Loader;
import org.jesptool.transport.Transports;

/**
 * The soak's eFuse job: espefuse's burn-block-data of BLOCK3 (32 random bytes) through the damaged link, judged
 * on the board's eFuse file, read directly (the virtual board keeps its fuses in espefuse's
 * {@code --path-efuse-file} format). Success must leave BLOCK3 holding the data and every other block as it
 * was; a failure must leave BLOCK3 either untouched or holding the data, never anything in between, and no
 * other block changed. One-time programmable bits must never end up wrong.
 */
final class SoakBurn {
    static final int BLOCK = 3;

    private SoakBurn() {
    }

    /** The board's eFuse file, created with the chip's defaults by a fault-free power-up; returns a copy of it. */
    static Path prepare(String chip, Path image, Path efuse) throws IOException {
        Transports.open("virtual://" + chip + "?flash=1MB&image=" + image + "&efuse=" + efuse, 115200).close();
        Path before = efuse.resolveSibling(efuse.getFileName() + ".before");
        Files.copy(efuse, before);
        return before;
    }

    /** Burns {@code data} into BLOCK3 as {@code espefuse burn-block-data --do-not-confirm BLOCK3 FILE} does. */
    static void burn(Loader loader, String chip, byte[] data) throws IOException {
        EfuseChip ec = EfuseChips.byName(chip);
        try {
            Efuses ef = Efuses.read(ec, new LoaderEfuseController(loader, ec), null);
            BurnPlan plan = new BurnPlan(ef, line -> { });
            EfuseOperations ops = new EfuseOperations(plan, line -> { });
            ops.burnBlockData(List.of("BLOCK3"), List.of(data), 0);
            if (!plan.burnAll(". ", a -> true)) {
                throw new IOException("the burn was not confirmed");
            }
        } catch (org.jesptool.efuse.EfuseException e) {
            // the library's own error (a refusal, or a read-back that does not match): a clean error if it says why
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Null when the board's eFuses are as they may be after the run, else what is wrong. */
    static String check(String chip, Path before, Path efuse, byte[] data, boolean succeeded) throws IOException {
        EfuseChip ec = EfuseChips.byName(chip);
        Efuses was = Efuses.read(ec, VirtualEfuseController.open(ec, before), null);
        Efuses is = Efuses.read(ec, VirtualEfuseController.open(ec, efuse), null);
        for (BlockDef b : ec.blocks()) {
            byte[] old = was.blockBytes(b.id());
            byte[] now = is.blockBytes(b.id());
            if (b.id() != BLOCK) {
                if (!Arrays.equals(old, now)) {
                    return "eFuse block " + b.name() + " changed, outside what the burn may touch";
                }
                continue;
            }
            boolean burned = Arrays.equals(now, data);
            if (succeeded && !burned) {
                return "success reported, but " + b.name() + " holds " + hex(now) + " instead of " + hex(data);
            }
            if (!succeeded && !burned && !Arrays.equals(old, now)) {
                return "the burn failed and left " + b.name() + " half burned: " + hex(now);
            }
            if (is.failed(b.id()) && burned) {
                return b.name() + " holds the data but its coding check failed";
            }
        }
        return null;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x & 0xFF));
        }
        return s.toString();
    }
}
