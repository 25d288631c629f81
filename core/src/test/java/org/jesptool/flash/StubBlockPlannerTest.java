package org.jesptool.flash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class StubBlockPlannerTest {

    private static List<StubBlockPlanner.Cut> plan(byte[] raw, long address, int maxBlock, int baud) {
        return plan(raw, address, maxBlock, baud, true);
    }

    private static List<StubBlockPlanner.Cut> plan(byte[] raw, long address, int maxBlock, int baud,
            boolean predict) {
        DeflateStream stream = new DeflateStream(raw, 0, raw.length);
        new Thread(stream).start();
        StubBlockPlanner planner = new StubBlockPlanner(stream, address, maxBlock, baud, predict);
        new Thread(planner).start();
        List<StubBlockPlanner.Cut> cuts = new ArrayList<>();
        for (StubBlockPlanner.Cut c; (c = planner.take()).len() > 0; ) {
            cuts.add(c);
        }
        return cuts;
    }

    @Test
    void streamMadeIncrementallyInflatesToTheRawBytes() throws Exception {
        byte[] raw = FlashWriterLogicTest.firmware(0x50123, 5);
        DeflateStream stream = new DeflateStream(raw, 0x123, raw.length);
        new Thread(stream).start();
        byte[] z = stream.all();
        Inflater inf = new Inflater();
        inf.setInput(z);
        byte[] out = new byte[raw.length - 0x123 + 1];
        assertThat(inf.inflate(out)).isEqualTo(raw.length - 0x123);
        assertThat(inf.finished()).isTrue();
        assertThat(java.util.Arrays.copyOf(out, raw.length - 0x123))
                .isEqualTo(java.util.Arrays.copyOfRange(raw, 0x123, raw.length));
    }

    @Test
    void planCoversTheStreamInOrderWithBlocksTheLoaderTakes() throws Exception {
        byte[] raw = FlashWriterLogicTest.firmware(0x100000, 6);
        byte[] z = SegmentEncoder.deflate(raw);
        List<StubBlockPlanner.Cut> cuts = plan(raw, 0x10000, 0x4000, 921600);
        int pos = 0;
        long raw0 = 0;
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (StubBlockPlanner.Cut c : cuts) {
            assertThat(c.pos()).isEqualTo(pos);
            assertThat(c.len()).isBetween(1, 0x4000);
            assertThat(c.rawStart()).isEqualTo(raw0);
            assertThat(c.rawEnd()).isGreaterThanOrEqualTo(c.rawStart());
            joined.write(z, c.pos(), c.len());
            pos += c.len();
            raw0 = c.rawEnd();
        }
        assertThat(pos).isEqualTo(z.length);
        assertThat(raw0).isEqualTo(raw.length);
        assertThat(joined.toByteArray()).isEqualTo(z);
    }

    @Test
    void fastLinksGetShorterBlocksAheadOfBufferFillsSlowLinksFullOnes() {
        byte[] raw = FlashWriterLogicTest.firmware(0x100000, 7);
        int full = (SegmentEncoder.deflate(raw).length + 0x3FFF) / 0x4000;
        // at 115200 a 16 KiB block takes 1.4 s on the wire: the stub keeps up with any cut
        assertThat(plan(raw, 0x10000, 0x4000, 115200)).hasSizeLessThanOrEqualTo(full + 1);
        // at 921600 (180 ms per block) some blocks are cut short so that erases do not stall the line
        assertThat(plan(raw, 0x10000, 0x4000, 921600)).hasSizeGreaterThan(full)
                .anySatisfy(c -> assertThat(c.len()).isLessThan(0x4000));
    }

    @Test
    void withoutABaudRateToModelBlocksAreFull() {
        byte[] raw = FlashWriterLogicTest.firmware(0x80000, 8);
        List<StubBlockPlanner.Cut> cuts = plan(raw, 0x10000, 0x4000, 0);
        assertThat(cuts.subList(0, cuts.size() - 1)).allSatisfy(c -> assertThat(c.len()).isEqualTo(0x4000));
    }

    @Test
    void ourStubGetsFullBlocksAndASmallLastOne() {
        byte[] raw = FlashWriterLogicTest.firmware(0x100000, 9);
        int z = SegmentEncoder.deflate(raw).length;
        List<StubBlockPlanner.Cut> cuts = plan(raw, 0x10000, 0x4000, 921600, false);
        int n = cuts.size();
        assertThat(cuts.subList(0, n - 3)).allSatisfy(c -> assertThat(c.len()).isEqualTo(0x4000));
        assertThat(cuts.get(n - 1).len()).isEqualTo(1024);
        assertThat(cuts.get(n - 2).len()).isBetween(1025, 5120);
        assertThat(cuts.get(n - 3).len()).isBetween(1, 0x4000);
        assertThat(cuts.stream().mapToInt(StubBlockPlanner.Cut::len).sum()).isEqualTo(z);
        assertThat(n).isLessThanOrEqualTo((z + 0x3FFF) / 0x4000 + 2);
    }

    @Test
    void taperedEnds() {
        assertThat(StubBlockPlanner.tapered(700, 0x4000)).isEqualTo(700);
        assertThat(StubBlockPlanner.tapered(3000, 0x4000)).isEqualTo(3000 - 1024);
        assertThat(StubBlockPlanner.tapered(6144, 0x4000)).isEqualTo(6144 - 1024);
        assertThat(StubBlockPlanner.tapered(6145, 0x4000)).isEqualTo(1025);
        assertThat(StubBlockPlanner.tapered(20000, 0x4000)).isEqualTo(20000 - 5120);
        assertThat(StubBlockPlanner.tapered(40000, 0x4000)).isEqualTo(0x4000);
    }

    @Test
    void declaredBlocksHoldIncompressibleData() {
        byte[] raw = new byte[0x40000];
        new Random(2).nextBytes(raw);
        int z = SegmentEncoder.deflate(raw).length;
        assertThat(z).isGreaterThan(raw.length);
        assertThat((long) StubStream.declaredBlocks(raw.length, 0x4000) * 0x4000).isGreaterThanOrEqualTo(z);
    }
}
