package org.jesptool.flash;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * Bytes to place in flash at an address, with a name for messages (usually the file name).
 *
 * <p>A flash file made by {@link #read(int, Path)} keeps only the file's path and size: the write reads it in
 * slices ({@link #readBytes}), so a large image is never held in memory whole. One made from an array holds that
 * array. Two flash files are equal only when they are the same object.
 */
public final class FlashFile {
    private static final int CHUNK = 0x10000;

    private final int address;
    private final String name;
    /** The bytes, or null when they are read from {@link #path} as needed. */
    private final byte[] data;
    private final Path path;
    private final int length;

    /**
     * Bytes held in memory.
     *
     * @param address flash offset of the first byte
     * @param data the bytes (not copied; do not modify after handing over)
     * @param name what messages call this data
     */
    public FlashFile(int address, byte[] data, String name) {
        this.address = address;
        this.data = Objects.requireNonNull(data, "data");
        this.name = Objects.requireNonNull(name, "name");
        this.path = null;
        this.length = data.length;
    }

    private FlashFile(int address, Path path, int length) {
        this.address = address;
        this.data = null;
        this.name = path.toString();
        this.path = path;
        this.length = length;
    }

    /**
     * The file at {@code path}, read in slices while it is written (not loaded here), failing with a message that
     * names the file when it is missing, unreadable or too large.
     */
    public static FlashFile read(int address, Path path) throws FlashException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (Files.isDirectory(path) || size > Integer.MAX_VALUE - 8) {
                throw new IOException(Files.isDirectory(path) ? "it is a directory"
                        : "the file is too large (" + size + " bytes)");
            }
            return new FlashFile(address, path, (int) size);
        } catch (NoSuchFileException e) {
            throw new FlashException("File " + path + " does not exist. Nothing was written.");
        } catch (IOException e) {
            throw new FlashException("Cannot read " + path + ": " + e.getMessage() + ". Nothing was written.");
        }
    }

    /**
     * The file's bytes, read in 64 KiB steps: one read into a large array would make the JDK allocate (and
     * keep, per thread) a native buffer as large as the file.
     *
     * @param path the file
     * @return its bytes
     * @throws IOException when it cannot be read
     */
    public static byte[] readAll(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException("the file is too large (" + size + " bytes)");
            }
            byte[] data = new byte[(int) size];
            int pos = 0;
            while (pos < data.length) {
                int n = ch.read(ByteBuffer.wrap(data, pos, Math.min(CHUNK, data.length - pos)));
                if (n < 0) {
                    return Arrays.copyOf(data, pos); // shrank while being read
                }
                pos += n;
            }
            return data;
        }
    }

    /** Flash offset of the first byte. */
    public int address() {
        return address;
    }

    /** What messages call this data (the file name for a file). */
    public String name() {
        return name;
    }

    /** Number of bytes. */
    public int length() {
        return length;
    }

    /** One past the last byte. */
    public long end() {
        return (address & 0xFFFFFFFFL) + length;
    }

    /**
     * All the bytes in one array. For a file this reads the whole file on every call: the flashing code reads
     * slices instead ({@link #readBytes}); this is for callers that need the whole content anyway.
     *
     * @return the bytes (the held array itself for in-memory data: do not modify)
     * @throws java.io.UncheckedIOException when the file can no longer be read as it was
     */
    public byte[] data() {
        if (data != null) {
            return data;
        }
        byte[] all = new byte[length];
        readBytes(0, all, 0, length);
        return all;
    }

    /**
     * Copies bytes {@code [offset, offset + count)} into {@code dst} from {@code dstOffset}.
     *
     * @throws java.io.UncheckedIOException when the file cannot be read or has become shorter since
     *         {@link #read(int, Path)} (it changed while being written)
     */
    public void readBytes(int offset, byte[] dst, int dstOffset, int count) {
        Objects.checkFromIndexSize(offset, count, length);
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        if (data != null) {
            System.arraycopy(data, offset, dst, dstOffset, count);
            return;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            int done = 0;
            while (done < count) {
                int n = ch.read(ByteBuffer.wrap(dst, dstOffset + done, Math.min(CHUNK, count - done)),
                        (long) offset + done);
                if (n < 0) {
                    throw new EOFException("it became shorter while being written (now " + ch.size() + " bytes, was "
                            + length + ")");
                }
                done += n;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /** MD5 of the bytes (a file is read in 64 KiB steps). */
    public byte[] md5() {
        MessageDigest md = Md5.digest();
        if (data != null) {
            return md.digest(data);
        }
        byte[] buf = new byte[Math.min(CHUNK, length)];
        for (int pos = 0; pos < length; pos += buf.length) {
            int n = Math.min(buf.length, length - pos);
            readBytes(pos, buf, 0, n);
            md.update(buf, 0, n);
        }
        return md.digest();
    }

    @Override
    public String toString() {
        return String.format("FlashFile[address=0x%x, length=%d, name=%s]", address, length, name);
    }
}
