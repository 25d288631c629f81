package org.jesptool.flash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The reader's choice of READ_FLASH window and the bytes it delivers, against an in-memory loader. */
class FlashReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "own stub={0}")
    @CsvSource({"true, 8", "false, 40"})
    void ourStubGetsEightPacketsInFlightOthersTheReferenceValue(boolean own, String window) throws Exception {
        MemoryLoader l = new MemoryLoader(4 << 20, true, FlashWriterLogicTest.ESP32);
        l.own = own;
        byte[] app = FlashWriterLogicTest.firmware(0x9001, 3);
        System.arraycopy(app, 0, l.flash, 0x20000, app.length);
        Path out = dir.resolve("out.bin");
        new Flasher(l).read(0x20000, app.length, out);
        assertThat(Files.readAllBytes(out)).isEqualTo(app);
        assertThat(l.log).filteredOn(s -> s.startsWith("READ_FLASH"))
                .containsExactly("READ_FLASH 20000 9001 window " + window);
        assertThat(Arrays.copyOfRange(l.flash, 0x20000, 0x20000 + app.length)).isEqualTo(app);
    }
}
