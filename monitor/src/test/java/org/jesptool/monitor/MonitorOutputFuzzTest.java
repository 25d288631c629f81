package org.jesptool.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jesptool.monitor.symbols.Symbolizer;

/**
 * Fuzz target for what the monitor does with a device's bytes: the output pipeline (line splitting, ANSI
 * handling, garbage detection), the boot-log decoder (reset causes, load lines, invalid headers, panics) and
 * the crash decoder (backtraces, register dumps, ESP8266 stack words, the ELF SHA-256 line) with a small ELF
 * with DWARF ({@code tiny-riscv-app.elf}, built from {@code tiny-riscv-app.c} with gcc -m32 -g -O1 -Ttext=0x40080000
 * and e_machine set to RISC-V). The contract: none of them throws, hangs or grows out of proportion: a device
 * can print anything. The input is the device's bytes; each 0x01 byte is a pause (the line went quiet), and an
 * odd length means a colour terminal. Regression inputs under {@code MonitorOutputFuzzTestInputs/}.
 */
class MonitorOutputFuzzTest {
    private static Symbolizer elf;

    @FuzzTest(maxDuration = "30m")
    void deviceOutput(byte[] data) throws IOException {
        if (elf == null) {
            Path p = Files.createTempFile("tiny", ".elf");
            p.toFile().deleteOnExit();
            try (InputStream in = getClass().getResourceAsStream("tiny-riscv-app.elf")) {
                Files.write(p, in.readAllBytes());
            }
            elf = Symbolizer.load(p);
        }
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(shown, true, StandardCharsets.UTF_8);
        OutputPipeline pipe = new OutputPipeline(out, data.length % 2 == 1, new BootLogDecoder(),
                new CrashDecoder(elf));
        pipe.setLog(log);
        pipe.setTimestamps(data.length % 3 == 0);
        int from = 0;
        for (int i = 0; i <= data.length; i++) {
            if (i == data.length || data[i] == 1) {
                pipe.receive(data, from, i - from);
                pipe.idle();
                from = i + 1;
            }
        }
        // the log holds the text shown plus notes: each note is bounded, at most a few per line
        long lines = 1;
        for (byte b : data) {
            if (b == '\n' || b == 1) {
                lines++;
            }
        }
        assertThat((long) log.size()).isLessThanOrEqualTo(4L * data.length + lines * 2000 + 4096);
    }
}
