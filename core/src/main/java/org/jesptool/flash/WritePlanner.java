package org.jesptool.flash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Turns the files of a write into the exact bytes to send, checking everything that can be checked before a
 * single byte goes to the chip: alignment, size, bounds, sector overlap, and that each image suits the chip.
 */
final class WritePlanner {
    static final int SECTOR = 0x1000;
    static final long SIXTEEN_MB = 16L << 20;

    private WritePlanner() {
    }

    /**
     * A file ready to send: {@code data} starts at {@code address} (both possibly widened from the source);
     * {@code encrypted} files go with the "encrypted" flag and are not verified by MD5.
     */
    record PlannedFile(FlashFile source, int address, Bytes data, boolean encrypted) {
        PlannedFile(FlashFile source, int address, byte[] data) {
            this(source, address, Bytes.of(data), false);
        }

        /** Number of bytes to write. */
        int length() {
            return data.length();
        }

        long end() {
            return (address & 0xFFFFFFFFL) + data.length();
        }
    }

    /** Files up to this size are padded and patched as arrays; larger ones are read in slices as they go out. */
    private static final int SMALL = 0x10000;

    /**
     * @param chipRevision major*100+minor of the connected chip, or -1 when unknown (skips the revision check)
     * @param romMode whether the ROM loader (erasing whole sectors at FLASH_BEGIN) will write
     * @param above16Mb whether the loader can address flash past 16 MB
     */
    static List<PlannedFile> plan(List<FlashFile> files, ChipFacts chip, int chipRevision, boolean romMode,
            boolean above16Mb, WriteOptions options, ProgressListener out) throws FlashException {
        if (files.isEmpty()) {
            throw new FlashException("No files to write: give ADDRESS FILE pairs.");
        }
        checkFiles(files);
        List<PlannedFile> planned = new ArrayList<>();
        for (FlashFile f : files) {
            boolean encrypted = options.encrypted(f);
            // encrypted data goes in whole encryption blocks (facts 6.6: 16 bytes, 32 on ESP32)
            int length = (int) roundUp(f.length(), encrypted ? options.encryptionAlignment() : 4);
            if (options.padToSize() > 0) {
                length = (int) roundUp(length, options.padToSize());
            }
            Bytes data = Bytes.padded(Bytes.of(f), 0, length);
            if (f.address() == chip.bootloaderOffset() && options.bootloaderPatch() != null) {
                UnaryOperator<byte[]> patch = options.bootloaderPatch();
                // A large file that is no image (no 0xE9 first) is not loaded whole just to be left as it is: the
                // patch sees its first bytes (and warns); only a patch that changes them gets the whole file.
                byte[] head = length > SMALL ? data.slice(0, 64) : null;
                if (head == null || (head[0] & 0xFF) == ImageCheck.IMAGE_MAGIC
                        || !Arrays.equals(patch.apply(head), head)) {
                    data = Bytes.of(patch.apply(data.toArray()));
                }
            } else if (length <= SMALL) {
                data = Bytes.of(data.toArray()); // one read of a small file, not one per use
            }
            checkBounds(f, data.length(), options.flashSize(), above16Mb);
            if (!options.force()) {
                ImageCheck.check(f, chip, chipRevision);
            }
            int address = f.address();
            if (romMode && address % SECTOR != 0) {
                int head = address % SECTOR;
                out.message(String.format("Flash address 0x%08x of %s is not aligned to a 0x%x byte sector: "
                        + "the 0x%x bytes before it are erased and rewritten as 0xFF.", address, f.name(), SECTOR,
                        head));
                data = Bytes.padded(data, head, head + data.length());
                address -= head;
            }
            planned.add(new PlannedFile(f, address, data, encrypted));
        }
        return planned;
    }

    static void checkFiles(List<FlashFile> files) throws FlashException {
        for (FlashFile f : files) {
            checkAddress(f);
        }
        checkOverlap(files);
    }

    private static void checkAddress(FlashFile f) throws FlashException {
        if (f.address() < 0) {
            throw new FlashException(String.format("Address 0x%x of %s is outside the flash. Nothing was written.",
                    f.address() & 0xFFFFFFFFL, f.name()));
        }
        if (f.address() % 4 != 0) {
            throw new FlashException(String.format("Address 0x%x of %s is not a multiple of 4: flash is written "
                    + "in 32-bit words. Use an aligned address (e.g. 0x%x). Nothing was written.", f.address(),
                    f.name(), f.address() & ~3));
        }
        if (f.length() == 0) {
            throw new FlashException("File " + f.name() + " is empty. Nothing was written.");
        }
    }

    private static void checkBounds(FlashFile f, int length, long flashSize, boolean above16Mb)
            throws FlashException {
        long end = (f.address() & 0xFFFFFFFFL) + length;
        if (flashSize > 0 && end > flashSize) {
            throw new FlashException(String.format("File %s (%d bytes) at 0x%08x ends at 0x%08x, past the end of "
                    + "the %s flash. Nothing was written.", f.name(), length, f.address(), end,
                    FlashSizes.format(flashSize)));
        }
        if (!above16Mb && end > SIXTEEN_MB) {
            throw new FlashException(String.format("File %s at 0x%08x ends at 0x%08x, beyond 16 MB, which this "
                    + "chip's loader cannot address. Nothing was written.", f.name(), f.address(), end));
        }
    }

    /** Files may not share a 4 KiB sector: writing one would erase the other. */
    static void checkOverlap(List<FlashFile> files) throws FlashException {
        List<FlashFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparingLong(f -> f.address() & 0xFFFFFFFFL));
        for (int i = 1; i < sorted.size(); i++) {
            FlashFile prev = sorted.get(i - 1);
            FlashFile next = sorted.get(i);
            long prevEnd = roundUp(prev.end(), SECTOR);
            long nextStart = (next.address() & 0xFFFFFFFFL) / SECTOR * SECTOR;
            if (prevEnd > nextStart) {
                throw new FlashException(String.format("Detected overlap at address 0x%x for file %s: %s "
                        + "(0x%08x-0x%08x) and %s (0x%08x-0x%08x) share flash sectors, and writing one would "
                        + "erase the other. Nothing was written.", next.address(), next.name(), prev.name(),
                        prev.address(), prev.end() - 1, next.name(), next.address(), next.end() - 1));
            }
        }
    }

    static byte[] pad(byte[] data, int multiple) {
        int rem = data.length % multiple;
        if (rem == 0) {
            return data;
        }
        byte[] padded = Arrays.copyOf(data, data.length + multiple - rem);
        Arrays.fill(padded, data.length, padded.length, (byte) 0xFF);
        return padded;
    }

    static long roundUp(long value, long multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
