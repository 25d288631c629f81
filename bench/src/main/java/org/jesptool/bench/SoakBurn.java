package org.jesptool.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jesptool.efuse.BlockDef;
import org.jesptool.efuse.BurnPlan;
import org.jesptool.efuse.BurnStopped;
import org.jesptool.efuse.EfuseChip;
import org.jesptool.efuse.EfuseChips;
import org.jesptool.efuse.EfuseController;
import org.jesptool.efuse.EfuseOperations;
import org.jesptool.efuse.Efuses;
import org.jesptool.efuse.KeyOperations;
import org.jesptool.efuse.LoaderEfuseController;
import org.jesptool.efuse.VirtualEfuseController;
import org.jesptool.loader.ConnectOptions;
import org.jesptool.loader.Device;
import org.jesptool.loader.Loader;
import org.jesptool.transport.Transport;
import org.jesptool.transport.Transports;

/**
 * The soak's eFuse jobs through the damaged link, judged on the board's eFuse file, read directly (the virtual
 * board keeps its fuses in espefuse's {@code --path-efuse-file} format, read protection ignored). What each block
 * should hold is what the same job leaves on a second board over an undamaged link. Success must leave every
 * block so; a failure must leave each block as the error's eFuse state says (a burn runs in steps, so a key
 * burn can stop with the key burned and its protection not), and as it was when the error names no state.
 * One-time programmable bits must never end up wrong.
 */
final class SoakBurn {

    /** What is burned. */
    enum Job {
        /** {@code burn-block-data BLOCK3}: 32 bytes into one block. */
        BLOCK_DATA,
        /**
         * {@code burn-key}: a flash encryption key into BLOCK1 (ESP32) or BLOCK_KEY0 as XTS_AES_128_KEY, with
         * its key purpose and read and write protection in BLOCK0: more than one block in one burn.
         */
        KEY
    }

    private SoakBurn() {
    }

    /** The board's eFuse file, created with the chip's defaults by a fault-free power-up; returns a copy of it. */
    static Path prepare(String chip, Path image, Path efuse) throws IOException {
        Transports.open(port(chip, image, efuse), 115200).close();
        Path before = efuse.resolveSibling(efuse.getFileName() + ".before");
        Files.copy(efuse, before, StandardCopyOption.REPLACE_EXISTING);
        return before;
    }

    /** The eFuse file the job leaves on a board that starts as {@code before}, over an undamaged link. */
    static Path expected(String chip, Path image, Path before, Job job, byte[] data) throws IOException {
        Path target = before.resolveSibling(before.getFileName() + ".target");
        Files.copy(before, target, StandardCopyOption.REPLACE_EXISTING);
        String port = port(chip, image, target);
        try (Transport t = Transports.open(port, 115200)) {
            burn(Device.open(t, ConnectOptions.of(port)).loader(), chip, job, data);
        }
        return target;
    }

    private static String port(String chip, Path image, Path efuse) {
        return "virtual://" + chip + "?flash=1MB&image=" + image + "&efuse=" + efuse;
    }

    /** Runs the job as {@code espefuse --do-not-confirm} does. */
    static void burn(Loader loader, String chip, Job job, byte[] data) throws IOException {
        burn(new LoaderEfuseController(loader, EfuseChips.byName(chip)), chip, job, data);
    }

    /** Runs the job through {@code ctl}. */
    static void burn(EfuseController ctl, String chip, Job job, byte[] data) throws IOException {
        EfuseChip ec = EfuseChips.byName(chip);
        try {
            Efuses ef = Efuses.read(ec, ctl, null);
            BurnPlan plan = new BurnPlan(ef, line -> { });
            switch (job) {
                case BLOCK_DATA -> new EfuseOperations(plan, line -> { }).burnBlockData(List.of("BLOCK3"),
                        List.of(data), 0);
                case KEY -> {
                    KeyOperations keys = new KeyOperations(plan, line -> { });
                    if (chip.equals("esp32")) {
                        keys.burnKeysEsp32(List.of("flash_encryption"), List.of(data), false, false);
                    } else {
                        keys.burnKeys(List.of(new KeyOperations.KeyGroup("BLOCK_KEY0", data, "XTS_AES_128_KEY")),
                                false, false, false, false);
                    }
                }
                default -> throw new IllegalStateException();
            }
            if (!plan.burnAll(". ", a -> true)) {
                throw new IOException("the burn was not confirmed");
            }
        } catch (org.jesptool.efuse.EfuseException e) {
            // the library's own error (a refusal, or a read-back that does not match): a clean error if it says why
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Null when the board's eFuses are as they may be after the run, else what is wrong. After a success every
     * block must hold what the fault-free burn left. After a failure every block must be as the error's eFuse
     * state says ({@link BurnStopped}: each step burned, not burned, or either); an error without that state
     * must have left every block as it was. No block may ever hold a bit the fault-free burn does not set.
     *
     * @param target the file the job leaves over an undamaged link ({@link #expected})
     * @param error the run's error, null after a success
     */
    static String check(String chip, Path before, Path efuse, Path target, Exception error) throws IOException {
        EfuseChip ec = EfuseChips.byName(chip);
        Efuses was = Efuses.read(ec, VirtualEfuseController.open(ec, before), null);
        Efuses is = Efuses.read(ec, VirtualEfuseController.open(ec, efuse), null);
        Efuses want = Efuses.read(ec, VirtualEfuseController.open(ec, target), null);
        BurnStopped stopped = stopped(error);
        for (BlockDef b : ec.blocks()) {
            byte[] old = was.blockBytes(b.id());
            byte[] now = is.blockBytes(b.id());
            byte[] should = want.blockBytes(b.id());
            for (int i = 0; i < now.length; i++) {
                if ((now[i] & ~should[i] & ~old[i]) != 0) {
                    return b.name() + " holds bits the burn never sets: " + hex(now) + " (a fault-free burn leaves "
                            + hex(should) + ")";
                }
            }
            boolean burned = Arrays.equals(now, should);
            if (error == null && !burned) {
                return "success reported, but " + b.name() + " holds " + hex(now) + " instead of " + hex(should);
            }
            if (error != null) {
                String untrue = checkReport(b, old, now, stopped);
                if (untrue != null) {
                    return untrue;
                }
            }
            if (is.failed(b.id()) && burned && !Arrays.equals(old, should)) {
                return b.name() + " holds what it should but its coding check failed";
            }
        }
        return null;
    }

    /** Null when the block is as the error's eFuse state says (no state: as it was), else what is untrue. */
    private static String checkReport(BlockDef b, byte[] old, byte[] now, BurnStopped stopped) {
        if (stopped == null) {
            return Arrays.equals(old, now) ? null : "the error names no eFuse state, yet " + b.name()
                    + " changed: " + hex(now);
        }
        // every value the block may hold after the steps as reported, in order
        List<byte[]> may = new ArrayList<>(List.of(old));
        for (BurnStopped.Step st : stopped.steps()) {
            if (st.block() != b.id() || st.state() == BurnStopped.State.NOT_BURNED) {
                continue;
            }
            List<byte[]> next = new ArrayList<>();
            for (byte[] v : may) {
                byte[] set = v.clone();
                for (int i = 0; i < set.length; i++) {
                    set[i] |= st.bits()[i];
                }
                next.add(set);
                if (st.state() == BurnStopped.State.MAYBE_BURNED) {
                    next.add(v);
                }
            }
            may = next;
        }
        for (byte[] v : may) {
            if (Arrays.equals(v, now)) {
                return null;
            }
        }
        return "the error's eFuse state (" + stopped.steps() + ") is untrue for " + b.name() + ", which holds "
                + hex(now);
    }

    private static BurnStopped stopped(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BurnStopped s) {
                return s;
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
