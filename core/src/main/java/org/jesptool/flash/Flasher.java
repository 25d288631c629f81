package org.jesptool.flash;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jesptool.flash.WritePlanner.PlannedFile;
import org.jesptool.loader.Loader;
import org.jesptool.target.FlashSecurity;

/**
 * Flash operations on a connected loader: write (with verification, fast re-flash and fault recovery), read,
 * verify and erase. Works with the ROM loader and with a flasher stub; chooses block size and compression per
 * loader.
 *
 * <pre>{@code
 * Flasher flasher = new Flasher(loader).listener(renderer).recovery(() -> reconnect());
 * flasher.write(List.of(FlashFile.read(0x1000, Path.of("bootloader.bin"))), new WriteOptions());
 * }</pre>
 */
public final class Flasher {
    private final LoaderSession session;
    private ProgressListener listener = ProgressListener.NONE;

    /** A flasher without link recovery. */
    public Flasher(Loader loader) {
        this(loader, null);
    }

    /** @param recovery reconnects after a lost link (used at most once per flasher), or null */
    public Flasher(Loader loader, LinkRecovery recovery) {
        this.session = new LoaderSession(loader, recovery);
    }

    /** Where progress goes (default: nowhere). */
    public Flasher listener(ProgressListener listener) {
        this.listener = listener == null ? ProgressListener.NONE : listener;
        return this;
    }

    /** The loader now in use (a new one after a reconnect). */
    public Loader loader() {
        return session.loader;
    }

    ChipFacts chip() {
        return ChipFacts.of(session.loader);
    }

    /**
     * The checks that need no chip: each address 4-byte aligned, no empty file, no two files sharing a flash
     * sector. Run them before connecting to fail fast.
     */
    public static void checkFiles(List<FlashFile> files) throws FlashException {
        WritePlanner.checkFiles(files);
    }

    /** The flash size announced by the chip's JEDEC id, or 0 when unknown. */
    public long detectFlashSize() throws IOException {
        return FlashSizes.fromJedecId(session.loader.flashId());
    }

    /**
     * Writes the files and verifies each by MD5 (unless turned off). All checks run before anything is sent.
     *
     * @throws FlashException with the flash state and the command that finishes the job when it fails
     */
    public List<FileResult> write(List<FlashFile> files, WriteOptions options) throws FlashException {
        Loader loader = session.loader;
        ChipFacts chip = chip();
        files = withEncryptFiles(files, options);
        checkSecurity(files, options);
        options = options.copy().encryptionAlignment(loader.chip().flashEncryptionWriteAlignment());
        boolean rom = !loader.isStub();
        SegmentEncoder.Compression compression;
        boolean sdm = loader.secureDownloadMode();
        // Secure Download Mode has no FLASH_DEFL_* (facts 2.9): plain writes only.
        boolean romInflates = !rom || chip.romDeflate() && !sdm;
        if (Boolean.TRUE.equals(options.compress())) {
            if (!romInflates) {
                throw new FlashException("The " + chip.name() + " ROM loader" + (sdm ? " in Secure Download Mode"
                        : "") + " cannot take compressed data: drop --compress"
                        + (sdm ? "" : " or use the flasher stub (" + loader.romModeHint() + ")") + ". Nothing was written.");
            }
            compression = SegmentEncoder.Compression.ON;
        } else if (Boolean.FALSE.equals(options.compress()) || !romInflates) {
            compression = SegmentEncoder.Compression.OFF;
        } else {
            compression = SegmentEncoder.Compression.AUTO;
        }
        int revision = -1;
        if (!options.force() && chip.imageChipId() >= 0 && !loader.secureDownloadMode()) {
            try {
                revision = loader.chipRevision();
            } catch (IOException e) {
                listener.message("Could not read the chip revision (" + e.getMessage() + "): revision check skipped.");
            }
        }
        // The image checks need the chip's identity, which Secure Download Mode hides (facts 2.10).
        WriteOptions planned = sdm ? options.copy().force(true) : options;
        List<PlannedFile> plan = WritePlanner.plan(files, chip, revision, rom, chip.above16Mb(), planned, listener);
        boolean canVerify = !loader.secureDownloadMode() && (!rom || chip.romMd5());
        if (options.verify() && !canVerify) {
            listener.message("Warning: the " + (loader.secureDownloadMode() ? "chip in Secure Download Mode"
                    : chip.name() + " ROM loader") + " cannot compute MD5: the written data will NOT be verified.");
        }
        return new FlashWriter(session, chip, options, listener).write(plan, compression, canVerify);
    }

    /** The plain files and the --encrypt-files ones, in address order (as the reference writes them). */
    private static List<FlashFile> withEncryptFiles(List<FlashFile> files, WriteOptions options) {
        if (options.encryptFiles().isEmpty()) {
            return files;
        }
        List<FlashFile> all = new ArrayList<>(files);
        all.addAll(options.encryptFiles());
        all.sort(java.util.Comparator.comparingLong(f -> f.address() & 0xFFFFFFFFL));
        return all;
    }

    /** The security checks of a write (facts 2.10), before anything is sent. */
    private void checkSecurity(List<FlashFile> files, WriteOptions options) throws FlashException {
        Loader loader = session.loader;
        FlashSecurity fs = null;
        if (!options.force()) {
            fs = SecurityGuard.read(loader);
            if (fs != null) {
                SecurityGuard.checkWriteAddresses(fs, files);
            }
        }
        if (options.encrypting()) {
            List<FlashFile> encrypted = files.stream().filter(options::encrypted).toList();
            EncryptedWrite.check(loader, encrypted, options.ignoreFlashEncryptionEfuse(), listener);
        } else if (!options.force()) {
            SecurityGuard.checkPlaintextWrite(loader, fs);
        }
        if (options.eraseAll()) {
            SecurityGuard.checkErase(loader, options.force());
        }
    }

    /**
     * The chip's flash encryption and secure boot settings (from eFuse, or GET_SECURITY_INFO where this chip's
     * eFuse layout is not described), or null where they cannot be read: ESP8266, Secure Download Mode.
     */
    public FlashSecurity securitySettings() throws FlashException {
        return SecurityGuard.read(session.loader);
    }

    /** Reads flash into memory (see {@link FlashReader}). */
    public byte[] read(int offset, int length) throws FlashException {
        return new FlashReader(session, chip(), listener).read(offset, length);
    }

    /**
     * Reads flash into {@code out}: written under a temporary name and renamed only when complete and checked.
     */
    public FileResult read(int offset, int length, java.nio.file.Path out) throws FlashException {
        return new FlashReader(session, chip(), listener).readTo(offset, length, out);
    }

    /**
     * Compares flash with the files (after the same padding and header patching as a write).
     *
     * @param diff on mismatch, read the region and report every differing byte
     * @return one result per file; {@link VerifyResult#matches()} tells
     */
    public List<VerifyResult> verify(List<FlashFile> files, WriteOptions options, boolean diff)
            throws FlashException {
        ChipFacts chip = chip();
        if (!session.loader.isStub() && !chip.romMd5()) {
            throw new FlashException("verify-flash needs the flasher stub on " + chip.name() + ": its ROM loader "
                    + "cannot compute MD5. " + session.loader.romModeHint());
        }
        WriteOptions check = options.copy().force(true);
        List<PlannedFile> plan = WritePlanner.plan(files, chip, -1, false, true, check, listener);
        List<VerifyResult> results = new ArrayList<>();
        for (PlannedFile pf : plan) {
            results.add(FlashVerifier.verify(this, pf, diff, listener));
        }
        return results;
    }

    /** Erases the whole flash (flasher stub only); refused while flash encryption or secure boot is on. */
    public void eraseFlash() throws FlashException {
        eraseFlash(false, 0);
    }

    /**
     * Erases the whole flash with the stub's chip erase (refused with the ROM loader: see
     * {@link #eraseFlash(boolean, long)}).
     *
     * @param force erase even with flash encryption or secure boot enabled (the device may not boot again)
     */
    public void eraseFlash(boolean force) throws FlashException {
        eraseFlash(force, 0);
    }

    /**
     * Erases the whole flash: the stub's chip erase, or, with the ROM loader (which has none), a region erase of
     * the whole {@code flashSize}.
     *
     * @param force erase even with flash encryption or secure boot enabled (the device may not boot again)
     * @param flashSize the detected flash size, used with the ROM loader; 0 when unknown (then refused)
     */
    public void eraseFlash(boolean force, long flashSize) throws FlashException {
        SecurityGuard.checkErase(session.loader, force);
        if (!session.loader.isStub()) {
            if (flashSize <= 0 || flashSize > Integer.MAX_VALUE) {
                throw new FlashException("The ROM loader has no chip erase and the flash size is unknown, so the "
                        + "whole flash cannot be erased: use erase-region 0 SIZE. " + session.loader.romModeHint());
            }
            listener.message("The ROM loader has no chip erase: erasing all " + FlashSizes.format(flashSize)
                    + " as one region.");
            eraseRegion(0, (int) flashSize, flashSize, force);
            return;
        }
        listener.message("Erasing flash (this may take a while)...");
        try {
            session.loader.eraseFlash();
        } catch (IOException e) {
            throw new FlashException("Erasing the flash failed: " + e.getMessage() + ". Flash contents are "
                    + "undefined: run erase-flash again.", e);
        }
    }

    /**
     * Why {@code [offset, offset+size)} cannot be erased as given (both must be multiples of 4096 and the size
     * positive), or null when it can. Lets front ends reject bad arguments before connecting.
     */
    public static String eraseRegionProblem(long offset, long size) {
        if (offset % WritePlanner.SECTOR != 0) {
            return String.format("Offset to erase from must be a multiple of 4096 (0x%x is not; try 0x%x).",
                    offset, offset & ~0xFFFL);
        }
        if (size <= 0 || size % WritePlanner.SECTOR != 0) {
            return String.format("Size of data to erase must be a positive multiple of 4096 (0x%x is not).", size);
        }
        return null;
    }

    /**
     * Erases {@code [offset, offset+size)}; both must be multiples of 4096. Refused while flash encryption or
     * secure boot is on.
     */
    public void eraseRegion(int offset, int size, long flashSize) throws FlashException {
        eraseRegion(offset, size, flashSize, false);
    }

    /**
     * Erases {@code [offset, offset+size)}; both must be multiples of 4096.
     *
     * @param force erase even with flash encryption or secure boot enabled (the device may not boot again)
     */
    public void eraseRegion(int offset, int size, long flashSize, boolean force) throws FlashException {
        String problem = eraseRegionProblem(offset & 0xFFFFFFFFL, size);
        if (problem != null) {
            throw new FlashException(problem + " Nothing was erased.");
        }
        long end = (offset & 0xFFFFFFFFL) + size;
        if (flashSize > 0 && end > flashSize) {
            throw new FlashException(String.format("Region 0x%08x-0x%08x ends past the %s flash. Nothing was "
                    + "erased.", offset, end - 1, FlashSizes.format(flashSize)));
        }
        SecurityGuard.checkErase(session.loader, force);
        Loader loader = session.loader;
        listener.message("Erasing region (may be slow depending on size)...");
        try {
            if (loader.isStub()) {
                loader.eraseRegion(offset, size);
            } else {
                int blockSize = loader.flashWriteSize();
                loader.flashBegin(chip().romEraseSize().applyAsInt(offset, size), (size + blockSize - 1)
                        / blockSize, blockSize, offset, false);
            }
        } catch (IOException e) {
            throw new FlashException(String.format("Erasing 0x%08x-0x%08x failed: %s. That region's contents are "
                    + "undefined: run erase-region 0x%x 0x%x again.", offset, end - 1, e.getMessage(), offset,
                    size), e);
        }
    }

    LoaderSession session() {
        return session;
    }
}
