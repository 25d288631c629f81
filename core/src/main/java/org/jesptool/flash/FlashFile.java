package org.jesptool.flash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
            return new FlashFile(address, Files.readAllBytes(path), path.toString());
        } catch (NoSuchFileException e) {
            throw new FlashException("File " + path + " does not exist. Nothing was written.");
        } catch (IOException e) {
            throw new FlashException("Cannot read " + path + ": " + e.getMessage() + ". Nothing was written.");
        }
    }

    /** One past the last byte. */
    public long end() {
        return (address & 0xFFFFFFFFL) + data.length;
    }
}
