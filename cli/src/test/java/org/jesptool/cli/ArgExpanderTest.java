package org.jesptool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgExpanderTest {
    @Test
    void v4OptionSpellingsAreRewrittenWithAWarning() {
        List<String> warnings = new ArrayList<>();
        List<String> out = ArgExpander.rewriteOptions(List.of("--chip", "esp32", "write_flash", "--flash_size=4MB",
                "--flash_mode", "dio", "--fill-flash-size", "4MB", "--no-diff-verify",
                "--ignore-flash-encryption-efuse-setting", "0x1000", "my_file.bin", "--", "--odd_name"), warnings);
        assertThat(out).containsExactly("--chip", "esp32", "write_flash", "--flash-size=4MB", "--flash-mode", "dio",
                "--pad-to-size", "4MB", "--trust-flash-content", "--ignore-flash-enc-efuse", "0x1000", "my_file.bin",
                "--", "--odd_name");
        assertThat(warnings).hasSize(5).allMatch(w -> w.startsWith("Deprecated: option"));
    }

    @Test
    void shellSplitHonoursQuotesEscapesAndComments() {
        assertThat(ArgExpander.shellSplit("a 'b c' \"d \\\"e\\\"\" f\\ g # rest\nh"))
                .containsExactly("a", "b c", "d \"e\"", "f g", "h");
    }

    @Test
    void flashOptionDefaultsComeFromTheEnvironmentWhateverTheSpelling() {
        EsptoolMain.EnvDefaults env = new EsptoolMain.EnvDefaults(java.util.Map.of("ESPTOOL_FS", "8MB", "ESPTOOL_FF", "40m",
                "ESPTOOL_FM", "dio"));
        assertThat(env.defaultValue(picocli.CommandLine.Model.OptionSpec.builder("--flash_size", "-fs", "--flash-size").build()))
                .isEqualTo("8MB");
        assertThat(env.defaultValue(picocli.CommandLine.Model.OptionSpec.builder("-ff", "--flash-freq").build())).isEqualTo("40m");
        assertThat(env.defaultValue(picocli.CommandLine.Model.OptionSpec.builder("-fm", "--flash-mode").build())).isEqualTo("dio");
        assertThat(env.defaultValue(picocli.CommandLine.Model.OptionSpec.builder("--spi-connection").build())).isNull();
    }
}
