package org.jesptool.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every case of the conformance suite (a copy of shared/conformance's cases.txt, expected outputs and
 * the inputs they need, in test resources) through the CLI and compares every expected file byte for byte.
 * A FAIL marker means the reference refused: we must exit non-zero and leave no output file.
 */
class ConformanceTest {
    private static final Path ROOT = Path.of("src", "test", "resources", "conformance");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyCaseIsByteIdentical() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("cases.txt"), StandardCharsets.UTF_8);
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String name = line.substring(0, line.indexOf('|'));
            String args = line.substring(line.indexOf('|') + 1);
            tests.add(DynamicTest.dynamicTest(name, () -> runCase(name, args)));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(9);
        return tests.stream();
    }

    private void runCase(String name, String args) throws IOException {
        Path out = Files.createDirectories(tmp.resolve(name));
        String expanded = args.replace("$IN/", ROOT.resolve("inputs").toAbsolutePath() + "/")
                .replace("$OUT/", out.toAbsolutePath() + "/");
        CliRun run = CliRun.of(Arrays.asList(expanded.trim().split("\\s+")));
        Path expectedDir = ROOT.resolve("expected").resolve(name);
        if (Files.exists(expectedDir.resolve("FAIL"))) {
            assertThat(run.exitCode()).as("%s must be refused: %s", name, run.out()).isNotZero();
            assertThat(run.err()).contains("A fatal error occurred");
            try (Stream<Path> left = Files.list(out)) {
                assertThat(left).as("no output left behind").isEmpty();
            }
            return;
        }
        assertThat(run.exitCode()).as("%s: %s", name, run.err()).isZero();
        try (Stream<Path> files = Files.list(expectedDir)) {
            for (Path expected : files.toList()) {
                Path actual = out.resolve(expected.getFileName().toString());
                assertThat(actual).as("%s output %s", name, expected.getFileName()).exists();
                assertThat(Files.readAllBytes(actual)).as("%s: %s byte for byte", name, expected.getFileName())
                        .isEqualTo(Files.readAllBytes(expected));
            }
        }
    }

    static byte[] resource(String path) throws IOException {
        try (InputStream in = Files.newInputStream(ROOT.resolve(path))) {
            return in.readAllBytes();
        }
    }
}
