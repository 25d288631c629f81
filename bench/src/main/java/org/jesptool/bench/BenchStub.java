package org.jesptool.bench;

import java.util.List;
import java.util.Map;
import org.jesptool.loader.StubImage;

/**
 * A stand-in flasher stub for the benchmark: a few bytes placed in the chip's RAM and "started". The virtual
 * device treats any program started with MEM_END as the flasher stub, so this exercises the stub protocol
 * (16 KiB blocks, streamed reads) without any stub code in the repository. Useless on a real chip. With
 * JEsptool's stub marker in its data ({@link #own}) the device models our own stub instead of esptool's.
 */
public final class BenchStub {
    private static final Map<String, int[]> RAM = Map.ofEntries(
            Map.entry("esp32", new int[] {0x40090000, 0x3FFD0000}),
            Map.entry("esp32s2", new int[] {0x40030000, 0x3FFD0000}),
            Map.entry("esp32s3", new int[] {0x40390000, 0x3FCB0000}),
            Map.entry("esp32c3", new int[] {0x40390000, 0x3FCB0000}),
            Map.entry("esp32c2", new int[] {0x40390000, 0x3FCB0000}),
            Map.entry("esp32c5", new int[] {0x40800000, 0x40840000}),
            Map.entry("esp32c6", new int[] {0x40800000, 0x40840000}),
            Map.entry("esp32c61", new int[] {0x40800000, 0x40804000}),
            Map.entry("esp32h2", new int[] {0x40800000, 0x40830000}),
            Map.entry("esp32p4", new int[] {0x4FF50000, 0x4FF60000}),
            Map.entry("esp8266", new int[] {0x40104000, 0x3FFF0000}));

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

    /** The same, carrying our stub's marker: the virtual device models JEsptool's own stub. */
    static StubImage own(String chip) {
        StubImage s = forChip(chip);
        byte[] data = java.util.Arrays.copyOf(new byte[] {1, 2, 3, 4}, 20);
        System.arraycopy(org.jesptool.protocol.StubMarker.bytes(1), 0, data, 4, 13);
        return new StubImage(List.of(s.segments().get(0), new StubImage.Segment(s.segments().get(1).address(), data)),
                s.entry());
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
