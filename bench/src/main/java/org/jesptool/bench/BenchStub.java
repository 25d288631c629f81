package org.jesptool.bench;

import java.util.List;
import java.util.Map;
import org.jesptool.loader.StubImage;

/**
 * A stand-in flasher stub for the benchmark: a few bytes placed in the chip's RAM and "started". The virtual
 * device treats any program started with MEM_END as the flasher stub, so this exercises the stub protocol
 * (16 KiB blocks, streamed reads) without any stub code in the repository. Useless on a real chip.
 */
public final class BenchStub {
    private static final Map<String, int[]> RAM = Map.of(
            "esp32", new int[] {0x40090000, 0x3FFD0000},
            "esp32s2", new int[] {0x40030000, 0x3FFD0000},
            "esp32s3", new int[] {0x40390000, 0x3FCB0000},
            "esp32c3", new int[] {0x40390000, 0x3FCB0000},
            "esp8266", new int[] {0x40104000, 0x3FFF0000});

    private BenchStub() {
    }

    public static StubImage forChip(String chip) {
        int[] ram = RAM.get(chip);
        if (ram == null) {
            throw new IllegalArgumentException("no bench stub addresses for " + chip + "; use one of " + RAM.keySet());
        }
        byte[] text = new byte[256];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) (i * 37);
        }
        return new StubImage(List.of(new StubImage.Segment(ram[0], text), new StubImage.Segment(ram[1],
                new byte[] {1, 2, 3, 4})), ram[0]);
    }

    /** The same stub in the common JSON form (for --stub-file). */
    public static String json(String chip) {
        StubImage s = forChip(chip);
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        return String.format("{\"entry\": %d, \"text\": \"%s\", \"text_start\": %d, \"data\": \"%s\", "
                + "\"data_start\": %d}%n", s.entry(), b64.encodeToString(s.segments().get(0).data()),
                s.segments().get(0).address(), b64.encodeToString(s.segments().get(1).data()),
                s.segments().get(1).address());
    }
}
