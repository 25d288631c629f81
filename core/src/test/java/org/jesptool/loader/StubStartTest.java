package org.jesptool.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stub upload on the virtual device: plain start through MEM_END, and the ESP32-S3 secure-boot ROM hook. */
class StubStartTest {
    static StubImage stub(long text, long data, long entry) {
        return StubImage.parse("{\"text\": \"" + Base64.getEncoder().encodeToString(new byte[0x2000]) + "\", \"text_start\": "
                + text + ", \"data\": \"" + Base64.getEncoder().encodeToString(new byte[100]) + "\", \"data_start\": " + data
                + ", \"entry\": " + entry + "}");
    }

    @Test
    void stubIsLoadedInRamBlocksAndStartedByMemEnd() throws Exception {
        List<String> frames = new ArrayList<>();
        try (Device d = Device.connect(ConnectOptions.of("virtual://esp32c3").trace(frames::add)
                .stub(stub(0x40380000L, 0x3FC96BB4L, 0x40380010L)))) {
            assertThat(d.loader().isStub()).isTrue();
            assertThat(d.loader().flashWriteSize()).isEqualTo(0x4000);
            assertThat(d.espLoader().channel().statusBytes()).isEqualTo(2);
        }
        // 0x2000 bytes of text in 0x1800-byte blocks: two MEM_DATA; MEM_END with the entry point
        assertThat(frames).anyMatch(f -> f.contains("write 24 bytes: 00 05 10 00 00 00 00 00 00 20 00 00 02 00 00 00 00 18 00 00 00 00 38 40"));
        assertThat(frames).anyMatch(f -> f.contains("write 16 bytes: 00 06 08 00 00 00 00 00 00 00 00 00 10 00 38 40"));
        assertThat(frames).anyMatch(f -> f.contains("read 4 bytes: 4f 48 41 49"));
    }

    @Test
    void esp32S3WithSecureBootStartsTheStubThroughTheRomHook() throws Exception {
        List<String> frames = new ArrayList<>();
        try (Device d = Device.connect(ConnectOptions.of("virtual://esp32s3?secure-boot=1").trace(frames::add)
                .stub(stub(0x40380000L, 0x3FC90000L, 0x40380010L)))) {
            assertThat(d.securityState().secureBootEnabled()).isTrue();
            assertThat(d.loader().isStub()).isTrue();
        }
        List<String> writes = frames.stream().filter(f -> f.contains(" write ")).map(f -> f.substring(f.indexOf(": ") + 2)).toList();
        int memEnd = indexOf(writes, "00 06 08 00 00 00 00 00 01 00 00 00 00 00 00 00");   // MEM_END, no entry
        int hook = indexOf(writes, "00 09 10 00 00 00 00 00 88 f6 ce 3f 10 00 38 40");     // pointer := entry
        int start = indexOf(writes, "00 0e 08 00 00 00 00 00 00 00 00 00 00 00 00 00");   // READ_FLASH_SLOW(0, 0)
        assertThat(memEnd).isNotNegative().isLessThan(hook);
        assertThat(hook).isLessThan(start);
        assertThat(writes.get(start + 1)).startsWith("00 09 10 00 00 00 00 00 88 f6 ce 3f"); // restored after OHAI
    }

    private static int indexOf(List<String> l, String prefix) {
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
