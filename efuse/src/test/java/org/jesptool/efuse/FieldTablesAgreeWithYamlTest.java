package org.jesptool.efuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The field tables in our resources are exactly the reference YAML data, rendered by YamlFieldTables. */
class FieldTablesAgreeWithYamlTest {
    static Path defs() {
        Path p = Path.of("..", "..", "shared", "reference", "efuse-defs");
        if (!Files.isDirectory(p)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("../shared/reference/efuse-defs is missing under CI");
            }
            Assumptions.abort("../shared/reference/efuse-defs is not present beside the worktree");
        }
        return p;
    }

    @Test
    void everyTableAgrees() throws IOException {
        Path d = defs();
        if (Boolean.getBoolean("efuse.regenerate")) {
            YamlFieldTables.generate(d, Path.of("src/main/resources/org/jesptool/efuse/tables"), FieldTables.TABLES);
        }
        for (String t : FieldTables.TABLES) {
            String expected = YamlFieldTables.render(YamlFieldTables.parse(d.resolve(t + ".yaml")));
            try (InputStream in = FieldTables.class.getResourceAsStream("tables/" + t + ".tsv")) {
                assertThat(in).as("resource for %s", t).isNotNull();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as(t).isEqualTo(expected);
            }
        }
    }

    @Test
    void parserReadsQuotedScalarsAndDicts() {
        Map<String, String> m = YamlFieldTables.flowMap(
                "show: y, blk : 0, type : 'uint:2', dict: '{0: \"40000\", 1: \"80000\"}', desc: 'a, b', rloc: x");
        assertThat(m).containsEntry("blk", "0").containsEntry("type", "uint:2")
                .containsEntry("dict", "{0: \"40000\", 1: \"80000\"}").containsEntry("desc", "a, b");
    }
}
