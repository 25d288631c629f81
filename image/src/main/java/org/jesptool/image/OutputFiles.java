package org.jesptool.image;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes output files so that no half-written file is ever left behind: each file goes to a temporary name in
 * the same folder and is renamed into place once complete.
 */
public final class OutputFiles {
    private OutputFiles() {
    }

    /** Writes one file atomically. */
    public static void write(Path target, byte[] data) throws IOException {
        Map<Path, byte[]> one = new LinkedHashMap<>();
        one.put(target, data);
        writeAll(one);
    }

    /**
     * Writes several files; all are written to temporary names first and renamed only when every write
     * succeeded, so a failure leaves none of them behind.
     */
    public static void writeAll(Map<Path, byte[]> files) throws IOException {
        List<Path[]> done = new ArrayList<>();
        try {
            for (Map.Entry<Path, byte[]> e : files.entrySet()) {
                Path target = e.getKey().toAbsolutePath();
                Path dir = target.getParent();
                if (dir != null && !Files.isDirectory(dir)) {
                    throw new ImageException("Output folder " + dir + " does not exist");
                }
                if (Files.isDirectory(target)) {
                    throw new ImageException("Output " + target + " is a folder, not a file name");
                }
                // a new file with default permissions (createTempFile would make it owner-only)
                Path tmp = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(
                        ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".tmp");
                done.add(new Path[] {tmp, target});
                Files.write(tmp, e.getValue(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            for (Path[] p : done) {
                try {
                    Files.move(p[0], p[1], StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException ex) {
                    Files.move(p[0], p[1], StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } finally {
            for (Path[] p : done) {
                Files.deleteIfExists(p[0]);
            }
        }
    }
}
