package org.jesptool.cli.efuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of ../shared/conformance/efuse/cases.txt: the same invocations as the reference, then the eFuse
 * file must equal the reference's byte for byte and the summary JSON must have the same fields and values.
 * Runs the same main class as bin/espefuse, in process. Skipped when ../shared is absent, except under CI.
 */
class EfuseConformanceTest {
    static final Path ROOT = Path.of("..", "..", "shared", "conformance", "efuse");

    static Stream<Arguments> cases() throws IOException {
        if (!Files.isRegularFile(ROOT.resolve("cases.txt"))) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("../shared/conformance/efuse is missing under CI");
            }
            return Stream.of(Arguments.of("(skipped)", "", ""));
        }
        List<Arguments> out = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("cases.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] p = line.split("\\|", 3);
            out.add(Arguments.of(p[0], p[1], p[2]));
        }
        return out.stream();
    }

    /** Runs one espefuse invocation in process; returns {exit code, stdout, stderr}. */
    static Object[] espefuse(Path cwd, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = EspefuseMain.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
                Map.of(), cwd);
        return new Object[] {code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void conformance(String name, String chip, String commands, @TempDir Path out) throws IOException {
        Assumptions.assumeFalse(name.equals("(skipped)"), "../shared/conformance/efuse is not present");
        Path in = ROOT.resolve("inputs").toAbsolutePath();
        Path expected = ROOT.resolve("expected").resolve(name);
        boolean fail = Files.exists(expected.resolve("FAIL"));
        String[] invocations = commands.split(";;");
        String efuse = out.resolve("efuse.bin").toString();
        for (int k = 0; k < invocations.length; k++) {
            String inv = invocations[k].trim().replace("$IN/", in + "/").replace("$OUT/", out + "/");
            List<String> args = new ArrayList<>(List.of("--chip", chip, "--virt", "--path-efuse-file", efuse,
                    "--do-not-confirm"));
            args.addAll(List.of(inv.split("\\s+")));
            byte[] before = Files.exists(out.resolve("efuse.bin")) ? Files.readAllBytes(out.resolve("efuse.bin")) : null;
            Object[] r = espefuse(out, args.toArray(String[]::new));
            boolean last = k == invocations.length - 1;
            if (fail && last) {
                assertThat((int) r[0]).as("exit code of the refused invocation\n%s\n%s", r[1], r[2]).isNotZero();
                assertThat((String) r[2]).doesNotContain("\tat org.");
                assertThat(Files.readAllBytes(out.resolve("efuse.bin"))).as("a refusal writes nothing")
                        .isEqualTo(before);
            } else {
                assertThat((int) r[0]).as("exit code of '%s'\n%s\n%s", inv, r[1], r[2]).isZero();
            }
        }
        if (!fail) {
            Object[] r = espefuse(out, "--chip", chip, "--virt", "--path-efuse-file", efuse, "summary", "--format",
                    "json", "--file", out.resolve("summary.json").toString());
            assertThat((int) r[0]).as("summary\n%s\n%s", r[1], r[2]).isZero();
        }
        try (Stream<Path> files = Files.list(expected)) {
            for (Path exp : files.toList()) {
                String fn = exp.getFileName().toString();
                if (fn.equals("FAIL")) {
                    continue;
                }
                Path got = out.resolve(fn);
                assertThat(got).as("%s written", fn).exists();
                if (fn.endsWith(".json")) {
                    compareJson(fn, Files.readString(exp), Files.readString(got));
                } else {
                    assertThat(Files.readAllBytes(got)).as("%s byte for byte", fn).isEqualTo(Files.readAllBytes(exp));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    static void compareJson(String fn, String expectedText, String gotText) {
        Map<String, Object> exp = (Map<String, Object>) Json.parse(expectedText);
        Map<String, Object> got = (Map<String, Object>) Json.parse(gotText);
        assertThat(got.keySet()).as("%s field names", fn).containsExactlyInAnyOrderElementsOf(exp.keySet());
        List<String> diffs = new ArrayList<>();
        for (String field : exp.keySet()) {
            Map<String, Object> e = (Map<String, Object>) exp.get(field);
            Map<String, Object> g = (Map<String, Object>) got.get(field);
            for (String key : e.keySet()) {
                Object ev = e.get(key);
                Object gv = g.get(key);
                boolean same = ev == null ? gv == null && g.containsKey(key)
                        : gv != null && ev.getClass() == gv.getClass() && ev.equals(gv);
                if (!same) {
                    diffs.add(field + "." + key + ": expected " + ev + " got " + gv);
                }
            }
        }
        assertThat(diffs).as("%s differences", fn).isEmpty();
    }
}
