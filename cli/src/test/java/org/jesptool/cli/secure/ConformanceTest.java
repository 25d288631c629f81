package org.jesptool.cli.secure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jesptool.testsupport.OutsideTools;
import org.jesptool.testsupport.Requires;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of the reference's espsecure conformance set (cases.txt: {@code name|arguments} with $IN/ and
 * $OUT/) run through the CLI; each output file must equal the reference's byte for byte, and no other file
 * may appear.
 */
class ConformanceTest {
    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesTheReference() throws IOException {
        return cases(Cli.CONFORMANCE);
    }

    /** The shared corpus beside the repository (it may hold cases added after the copy); required under CI. */
    @TestFactory
    @Requires(shared = true)
    Stream<DynamicTest> everySharedCaseMatchesTheReference() throws IOException {
        return cases(OutsideTools.shared().resolve("conformance").resolve("secure"));
    }

    private Stream<DynamicTest> cases(Path root) throws IOException {
        List<String> lines = Files.readAllLines(root.resolve("cases.txt"));
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf('|');
            String name = line.substring(0, bar);
            String args = line.substring(bar + 1);
            tests.add(DynamicTest.dynamicTest(name, () -> runCase(root, name, args)));
        }
        assertThat(tests).isNotEmpty();
        return tests.stream();
    }

    private void runCase(Path root, String name, String args) throws IOException {
        Path out = Files.createDirectories(temp.resolve(root.getFileName() + "-" + root.hashCode()).resolve(name));
        String expanded = args.replace("$IN/", root.resolve("inputs") + "/").replace("$OUT/", out + "/");
        Cli.Result r = Cli.run(expanded.trim().split("\\s+"));
        Path expected = root.resolve("expected").resolve(name);
        if (Files.exists(expected.resolve("FAIL"))) {
            assertThat(r.status()).as(r.all()).isNotZero();
            return;
        }
        assertThat(r.status()).as(r.all()).isZero();
        List<String> want;
        try (Stream<Path> s = Files.list(expected)) {
            want = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(want);
        }
        for (String f : want) {
            assertThat(Files.readAllBytes(out.resolve(f))).as(name + "/" + f).isEqualTo(Files.readAllBytes(expected.resolve(f)));
        }
    }
}
