package org.jesptool.image;

import java.io.IOException;
import java.io.OutputStream;
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

    /** Produces a file's bytes into a stream (for output that is never held in memory whole). */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the bytes.
         *
         * @param out where they go
         * @throws IOException when writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes one file atomically, its bytes produced by {@code content} as they are written. */
    public static void write(Path target, Content content) throws IOException {
        Map<Path, Content> one = new LinkedHashMap<>();
        one.put(target, content);
        writeContents(one);
    }

    /**
     * Writes several files; all are written to temporary names first and renamed only when every write
     * succeeded, so a failure leaves none of them behind.
     */
    public static void writeAll(Map<Path, byte[]> files) throws IOException {
        Map<Path, Content> contents = new LinkedHashMap<>();
        files.forEach((path, data) -> contents.put(path, out -> writeInSteps(out, data, 0, data.length)));
        writeContents(contents);
    }

    /**
     * Writes {@code data[from, from + length)} in 64 KiB steps: one write of a large array to a file makes the
     * JDK copy it into a native buffer as large.
     *
     * @param out where the bytes go
     * @param data the bytes
     * @param from first byte to write
     * @param length how many
     * @throws IOException when writing fails
     */
    public static void writeInSteps(OutputStream out, byte[] data, int from, int length) throws IOException {
        for (int done = 0; done < length; done += STEP) {
            out.write(data, from + done, Math.min(STEP, length - done));
        }
    }

    private static final int STEP = 0x10000;

    private static void writeContents(Map<Path, Content> files) throws IOException {
        List<Path[]> done = new ArrayList<>();
        try {
            for (Map.Entry<Path, Content> e : files.entrySet()) {
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
                try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    e.getValue().writeTo(out);
                }
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
