package org.jesptool.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.opentest4j.TestAbortedException;

/** Finding the programs and data outside the JVM that some tests need; see {@link Requires}. */
public final class OutsideTools {
    private OutsideTools() {
    }

    /**
     * Whether the build runs under CI (environment variable {@code CI=true}), where every outside tool must
     * be present.
     *
     * @return true under CI
     */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Skips the running test with {@code missing} as the reason, or fails it under CI; does nothing when
     * {@code missing} is null.
     *
     * @param missing what is missing and how to get it, or null when everything is there
     * @throws TestAbortedException locally, when something is missing
     * @throws AssertionError under CI, when something is missing
     */
    public static void require(String missing) {
        if (missing == null) {
            return;
        }
        if (underCi()) {
            throw new AssertionError("CI=true but this test cannot run: " + missing);
        }
        throw new TestAbortedException(missing);
    }

    /**
     * Whether an executable named {@code program} is on the PATH.
     *
     * @param program e.g. {@code socat}
     * @return true when found
     */
    public static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The shared reference data ({@code reference/}, {@code conformance/}): {@code -Djesptool.shared=DIR},
     * else {@code ../shared} beside the repository (found from the module folder, in a worktree or a clone).
     *
     * @return the folder, or null when absent
     */
    public static Path shared() {
        String prop = System.getProperty("jesptool.shared");
        List<Path> candidates = prop != null ? List.of(Path.of(prop))
                : List.of(Path.of("..", "..", "shared"), Path.of("..", "..", "..", "shared"), Path.of("..", "shared"));
        for (Path p : candidates) {
            if (Files.isDirectory(p.resolve("conformance")) || Files.isDirectory(p.resolve("reference"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        return null;
    }
}
