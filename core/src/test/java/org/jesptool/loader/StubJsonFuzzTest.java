package org.jesptool.loader;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stub JSON files from outside (--stub-file, -Djesptool.gui.stubDir): {@link StubImage#read} either returns an
 * image or throws an IOException naming the file and what is wrong; nothing else. Regression inputs under
 * {@code StubJsonFuzzTestInputs/}.
 */
class StubJsonFuzzTest {
    private static Path file;

    @FuzzTest(maxDuration = "30m")
    void stubJson(byte[] data) throws IOException {
        if (file == null) {
            file = Files.createTempFile("fuzz-stub", ".json");
            file.toFile().deleteOnExit();
        }
        Files.write(file, data);
        try {
            StubImage image = StubImage.read(file);
            long bytes = image.segments().stream().mapToLong(s -> s.data().length).sum();
            assertThat(bytes).isLessThanOrEqualTo(data.length); // base64 never grows
        } catch (IOException e) {
            assertThat(e.getMessage()).contains(file.toString());
        }
    }
}
