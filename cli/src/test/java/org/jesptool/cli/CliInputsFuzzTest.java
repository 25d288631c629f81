package org.jesptool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Config files and {@code @file} arguments from outside: either read, or refused with a {@link FatalError} or
 * IOException naming the file; no other exception, no hang, no expansion out of proportion.
 * Regression inputs under {@code CliInputsFuzzTestInputs/}.
 */
class CliInputsFuzzTest {
    private static Path dir;

    private static Path dir() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("fuzz-cli");
            dir.toFile().deleteOnExit();
        }
        return dir;
    }

    @FuzzTest(maxDuration = "30m")
    void configFile(byte[] data) throws IOException {
        Path cfg = dir().resolve("fuzz.cfg");
        Files.write(cfg, data);
        try {
            Config c = Config.find(Map.of("ESPTOOL_CFGFILE", "fuzz.cfg"), dir(), null);
            c.timeouts();
            c.unknownKeys();
            for (String key : Config.KNOWN) {
                c.get(key);
            }
            c.getInt("connect_attempts", 7);
        } catch (IOException | FatalError e) {
            assertThat(e.getMessage()).contains("fuzz.cfg");
        }
    }

    @FuzzTest(maxDuration = "30m")
    void argumentFiles(FuzzedDataProvider in) throws IOException {
        // two files that may name each other (@a, @b) or themselves
        Files.writeString(dir().resolve("a"), in.consumeString(2000));
        Files.write(dir().resolve("b"), in.consumeRemainingAsBytes());
        try {
            List<String> args = ArgExpander.expandFiles(List.of("write-flash", "@a"), dir());
            assertThat(args.size()).isLessThanOrEqualTo(ArgExpander.MAX_ARGUMENTS);
        } catch (FatalError e) {
            assertThat(e.getMessage()).containsAnyOf("@a", "@b", "argument file", "Argument file", "@file");
        }
    }

    /** Found by the argumentFiles target: ten self-references per level used to mean 10^10 file readings. */
    @Test
    void filesNamingThemselvesManyTimesAreRefusedAtOnce() throws IOException {
        Files.writeString(dir().resolve("a"), "@a @a @a @a @a @a @a @a @a @a -v");
        long start = System.nanoTime();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ArgExpander.expandFiles(List.of("@a"), dir()))
                .isInstanceOf(FatalError.class).hasMessageContaining("@a");
        assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
    }

    @Test
    void configTimeoutThatIsNoNumberOfSecondsNamesTheFile() throws IOException {
        Files.writeString(dir().resolve("fuzz.cfg"), "[esptool]\ntimeout = NaN\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Config.find(Map.of("ESPTOOL_CFGFILE", "fuzz.cfg"),
                dir(), null).timeouts()).isInstanceOf(FatalError.class).hasMessageContaining("fuzz.cfg")
                .hasMessageContaining("non-negative");
    }
}
