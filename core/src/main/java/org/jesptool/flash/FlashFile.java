package org.jesptool.flash;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * Bytes to place in flash at an address, with a name for messages (usually the file name).
 *
 * @param address flash offset of the first byte
 * @param data the bytes (not copied; do not modify after handing over)
 * @param name what messages call this data
 */
public record FlashFile(int address, byte[] data, String name) {

    public FlashFile {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(name, "name");
    }

    /** Reads {@code path}, failing with a message that names the file when it is missing or unreadable. */
    public static FlashFile read(int address, Path path) throws FlashException {
        try {
            return new FlashFile(address, readAll(path), path.toString());
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

    private static final int CHUNK = 0x10000;

    /** One past the last byte. */
    public long end() {
        return (address & 0xFFFFFFFFL) + data.length;
    }
}
