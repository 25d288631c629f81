package org.jesptool.cli.flash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jesptool.flash.FileResult;
import org.jesptool.flash.Progress;
import org.junit.jupiter.api.Test;

class ProgressRendererTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private long now;

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Progress at(long done, long nanos) {
        return new Progress("Writing", "app.bin", 0x10000, 100000, done, done / 2, nanos);
    }

    private void feed(ProgressRenderer r) {
        r.started(at(0, 0));
        for (int i = 1; i <= 100; i++) {
            now += 50_000_000L;
            r.progressed(at(i * 1000L, i * 50_000_000L));
        }
        r.finished(new FileResult("Wrote", "app.bin", 0x10000, 100000, 50000, 5_000_000_000L, true));
    }

    @Test
    void terminalRedrawsOneLineAndEndsWithTheSummary() {
        feed(new ProgressRenderer(out, ProgressRenderer.Mode.TERMINAL, () -> now));
        String t = text();
        assertThat(t).doesNotContain("\n\r");
        assertThat(t.split("\n")).hasSize(2); // the redrawn line (cleared) + summary, then "Hash of data verified."
        assertThat(t).contains("\rWriting at 0x00010000 [").contains(" 50.0% 50000/100000 bytes ")
                .contains("Wrote 100000 bytes (50000 compressed) at 0x00010000 in 5.0 s (160.0 kbit/s effective).")
                .endsWith("Hash of data verified.\n");
    }

    @Test
    void plainLinesEveryTenPercent() {
        feed(new ProgressRenderer(out, ProgressRenderer.Mode.LINES, () -> now));
        String[] lines = text().split("\n");
        assertThat(lines[0]).isEqualTo("Writing app.bin at 0x00010000 (100000 bytes)...");
        assertThat(lines[1]).isEqualTo("Writing app.bin: 10% (10000/100000 bytes, 160.0 kbit/s, ETA 00:05)");
        assertThat(lines).hasSize(1 + 9 + 2);
        assertThat(text()).doesNotContain("\r");
    }

    @Test
    void silentPrintsNothing() {
        ProgressRenderer r = new ProgressRenderer(out, ProgressRenderer.Mode.SILENT, () -> now);
        feed(r);
        r.message("Flash parameters set to 0x0220.");
        assertThat(text()).isEmpty();
    }
}
