package org.jesptool.cli.secure;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.jesptool.secure.EspsecureException;

/** File access with user-facing errors; outputs appear complete or not at all (temp file, then rename). */
final class FileIo {
    private FileIo() {
    }

    static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new EspsecureException("File " + path + " does not exist.");
        } catch (IOException e) {
            throw new EspsecureException("Cannot read " + path + ": " + e.getMessage());
        }
    }

    /** Writes {@code data} to a temporary file next to {@code path} and renames it into place. */
    static void write(Path path, byte[] data) {
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp");
            Files.write(tmp, data);
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new EspsecureException("Cannot write " + path + ": " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: nothing half-written is left under the real name
                }
            }
        }
    }

    /** Refuses to overwrite an existing key file (a lost signing key cannot be recovered). */
    static void requireAbsent(Path path) {
        if (Files.exists(path)) {
            throw new EspsecureException("Key file " + path + " already exists; choose another name or delete it first.");
        }
    }

    /** Refuses to use one of the inputs as output, which would destroy it before it is read. */
    static void requireDistinct(Path output, Path... inputs) {
        for (Path in : inputs) {
            if (in != null && output != null && in.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
                throw new EspsecureException("The output file " + output + " is also an input; choose another output name.");
            }
        }
    }
}
