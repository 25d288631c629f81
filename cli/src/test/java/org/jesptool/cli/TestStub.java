package org.jesptool.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** A stand-in flasher stub file for tests: the virtual device runs any program started with MEM_END as its stub. */
final class TestStub {
    private TestStub() {
    }

    /** Writes {@code stub.json} into {@code dir}: 64 bytes of "code" at {@code text}, 4 bytes at {@code data}. */
    static Path write(Path dir, long text, long data) throws IOException {
        return Files.writeString(dir.resolve("stub.json"), "{\"text\": \""
                + Base64.getEncoder().encodeToString(new byte[64]) + "\", \"text_start\": " + text
                + ", \"data\": \"AAAAAA==\", \"data_start\": " + data + ", \"entry\": " + text + "}");
    }
}
