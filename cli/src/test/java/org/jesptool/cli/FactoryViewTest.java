package org.jesptool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jesptool.factory.BoardProgress;
import org.jesptool.factory.BoardResult;
import org.jesptool.factory.Phase;
import org.junit.jupiter.api.Test;

/** What a factory run shows: one redrawn line per board on a terminal, the table and redo commands at the end. */
class FactoryViewTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void oneLinePerBoardRedrawnInPlace() throws Exception {
        FactoryView v = new FactoryView(new PrintStream(out, true, StandardCharsets.UTF_8),
                List.of("/dev/ttyUSB0", "/dev/ttyUSB1"), true, false);
        v.message(0, "/dev/ttyUSB0", "Connected to ESP32-C3, MAC 58:cf:79:00:00:02");
        v.progress(new BoardProgress(0, "/dev/ttyUSB0", Phase.WRITING, 500, 1000, 100_000, "app.bin"));
        v.progress(new BoardProgress(1, "/dev/ttyUSB1", Phase.CONNECTING, 0, 0, 0, "connecting"));
        v.start();
        Thread.sleep(450); // two or three redraws
        v.stop();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("\033[2F"); // back up two lines to redraw both boards
        assertThat(v.line(0)).isEqualTo("/dev/ttyUSB0  ESP32-C3  writing    50% [==========>         ] 800 kbit/s");
        assertThat(v.line(1)).isEqualTo("/dev/ttyUSB1            connecting");
        assertThat(text).doesNotContain("Connected to"); // on a terminal the lines say it
    }

    @Test
    void tableAndRedoCommandsAtTheEnd() {
        FactoryView v = new FactoryView(new PrintStream(out, true, StandardCharsets.UTF_8), List.of("a", "b"), false,
                false);
        v.summary(List.of(
                new BoardResult(0, "a", "ESP32", "24:0a:c4:00:00:01", List.of(), BoardResult.Status.SUCCEEDED, null,
                        Duration.ofMillis(3100), null),
                new BoardResult(1, "b", null, null, List.of(), BoardResult.Status.FAILED,
                        "No serial data received.\nTo finish the job, run: esptool x", Duration.ofMillis(800),
                        "esptool --port b write-flash 0x0 f.bin")),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8).split("\\R")).containsSubsequence(
                "Port  Chip        MAC                Result     Time",
                "a     ESP32       24:0a:c4:00:00:01  OK         3.1 s",
                "b     -           -                  FAILED     0.8 s",
                "1 of 2 boards succeeded.");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("b: No serial data received.\n"
                + "To redo this board, run: esptool --port b write-flash 0x0 f.bin").doesNotContain("To finish the job");
    }
}
