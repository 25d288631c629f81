package org.jesptool.virtual;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A NOR flash array: erase sets 0xFF per 4 KiB sector (or 32/64 KiB block, or the whole chip),
 * programming can only clear bits. Addresses wrap at the array size, as the chip ignores high address
 * bits. Optionally backed by a file that persists between runs. Every operation returns how long the
 * real part would be busy, for the real-time model.
 */
final class NorFlash implements Closeable {
    static final int SECTOR = 4096;
    static final int BLOCK = 65536;
    static final int PAGE = 256;

    /** Typical timings of a common 4 MB part (W25Q32JV datasheet "typ" column). */
    static final long SECTOR_ERASE_NANOS = 45_000_000L;
    static final long BLOCK32_ERASE_NANOS = 120_000_000L;
    static final long BLOCK64_ERASE_NANOS = 150_000_000L;
    static final long CHIP_ERASE_NANOS_PER_MB = 2_500_000_000L;
    static final long PAGE_PROGRAM_NANOS = 400_000L;

    private final int size;
    private final ByteBuffer data;
    private final FileChannel channel;

    private NorFlash(int size, ByteBuffer data, FileChannel channel) {
        this.size = size;
        this.data = data;
        this.channel = channel;
    }

    /** A fresh, fully erased flash kept in memory. */
    static NorFlash inMemory(int size) {
        ByteBuffer b = ByteBuffer.allocate(size);
        Arrays.fill(b.array(), (byte) 0xFF);
        return new NorFlash(size, b, null);
    }

    /**
     * Opens a flash image file, creating it 0xFF-filled when missing. An existing file is never truncated
     * or rewritten: its size must match.
     *
     * @param size the configured size, or -1 to take it from an existing file (4 MB for a new one)
     */
    static NorFlash open(Path file, int size) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("flash file " + file + " is a directory; give the path of an image file");
        }
        if (!Files.exists(file)) {
            int n = size > 0 ? size : 4 << 20;
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp" + ProcessHandle.current().pid());
            Files.deleteIfExists(tmp);
            Files.createFile(tmp); // default permissions, unlike a temp file
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer ff = ByteBuffer.allocate(BLOCK);
                Arrays.fill(ff.array(), (byte) 0xFF);
                for (int off = 0; off < n; off += BLOCK) {
                    ff.clear();
                    ff.limit(Math.min(BLOCK, n - off));
                    while (ff.hasRemaining()) {
                        ch.write(ff);
                    }
                }
                ch.force(true);
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        long actual = Files.size(file);
        if (size > 0 && actual != size) {
            throw new IOException(String.format("flash file %s is %d bytes but the flash is configured as %s (%d bytes); "
                    + "use a matching --flash-size / flash= option, or another file", file, actual, human(size), size));
        }
        if (size <= 0 && (actual < SECTOR || Long.bitCount(actual) != 1 || actual > 256L << 20)) {
            throw new IOException(String.format("flash file %s is %d bytes, which is not a flash size (a power of two "
                    + "between 64KB and 256MB); it is not a raw flash image", file, actual));
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException("cannot open flash file " + file + " for reading and writing: " + e, e);
        }
        MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, actual);
        return new NorFlash((int) actual, map, ch);
    }

    static String human(long size) {
        return size >= 1 << 20 ? (size >> 20) + "MB" : (size >> 10) + "KB";
    }

    int size() {
        return size;
    }

    private int wrap(long addr) {
        return (int) (addr & (size - 1));
    }

    /** Reads {@code len} bytes at {@code addr} (wrapping at the end of the array). */
    void read(long addr, byte[] dst, int off, int len) {
        for (int i = 0; i < len; i++) {
            dst[off + i] = data.get(wrap(addr + i));
        }
    }

    byte[] read(long addr, int len) {
        byte[] b = new byte[len];
        read(addr, b, 0, len);
        return b;
    }

    /** Page-programs {@code len} bytes: each stored byte becomes {@code old & new}. */
    long program(long addr, byte[] src, int off, int len) {
        for (int i = 0; i < len; i++) {
            int a = wrap(addr + i);
            data.put(a, (byte) (data.get(a) & src[off + i]));
        }
        long pages = (len + PAGE - 1) / PAGE;
        return pages * PAGE_PROGRAM_NANOS;
    }

    /** Erases the 4 KiB sector containing {@code addr}. */
    long eraseSector(long addr) {
        fill(wrap(addr) & ~(SECTOR - 1), SECTOR);
        return SECTOR_ERASE_NANOS;
    }

    long eraseBlock32(long addr) {
        fill(wrap(addr) & ~(32768 - 1), 32768);
        return BLOCK32_ERASE_NANOS;
    }

    long eraseBlock64(long addr) {
        fill(wrap(addr) & ~(BLOCK - 1), Math.min(BLOCK, size));
        return BLOCK64_ERASE_NANOS;
    }

    long eraseChip() {
        fill(0, size);
        return CHIP_ERASE_NANOS_PER_MB * Math.max(1, size >> 20);
    }

    /**
     * Erases every sector touching {@code [addr, addr+len)}, with 64 KiB block erases where a whole
     * aligned block is covered (as ROM and stub erase routines do).
     */
    long eraseRange(long addr, long len) {
        if (len <= 0) {
            return 0;
        }
        long start = addr & ~(long) (SECTOR - 1);
        long end = (addr + len + SECTOR - 1) & ~(long) (SECTOR - 1);
        long nanos = 0;
        long a = start;
        while (a < end) {
            if (a % BLOCK == 0 && end - a >= BLOCK) {
                nanos += eraseBlock64(a);
                a += BLOCK;
            } else {
                nanos += eraseSector(a);
                a += SECTOR;
            }
        }
        return nanos;
    }

    private void fill(int start, int len) {
        for (int i = 0; i < len; i++) {
            data.put(start + i, (byte) 0xFF);
        }
    }

    /** Writes changes of a file-backed flash through to the file. */
    void flush() {
        if (data instanceof MappedByteBuffer m) {
            m.force();
        }
    }

    @Override
    public void close() throws IOException {
        flush();
        if (channel != null) {
            channel.close();
        }
    }
}
