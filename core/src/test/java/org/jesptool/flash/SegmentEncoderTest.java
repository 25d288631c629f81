package org.jesptool.flash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class SegmentEncoderTest {
    @Test
    void boundsFollowAbsoluteSegmentBoundaries() {
        assertThat(SegmentEncoder.bounds(0x8000, 0x20000)).containsExactly(new Span(0x8000, 0x10000),
                new Span(0x10000, 0x20000), new Span(0x20000, 0x28000));
    }

    @Test
    void compressedSegmentsInflateToTheRawBytes() throws Exception {
        byte[] data = new byte[0x18000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 251 < 100 ? 0xFF : i * 7);
        }
        try (SegmentEncoder enc = new SegmentEncoder(SegmentEncoder.Compression.AUTO)) {
            var futures = enc.encode(0x1000, data, SegmentEncoder.bounds(0x1000, data.length));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (var f : futures) {
                Segment s = f.get();
                assertThat(s.compressed()).isTrue();
                Inflater inf = new Inflater();
                inf.setInput(s.payload());
                byte[] out = new byte[s.raw().length];
                assertThat(inf.inflate(out)).isEqualTo(out.length);
                assertThat(inf.finished()).isTrue();
                all.write(out);
            }
            assertThat(all.toByteArray()).isEqualTo(data);
        }
    }

    @Test
    void autoSendsIncompressibleDataPlain() throws Exception {
        byte[] data = new byte[0x10000];
        new Random(1).nextBytes(data);
        try (SegmentEncoder enc = new SegmentEncoder(SegmentEncoder.Compression.AUTO)) {
            Segment s = enc.encode(0, data, SegmentEncoder.bounds(0, data.length)).get(0).get();
            assertThat(s.compressed()).isFalse();
            assertThat(s.payload()).isSameAs(s.raw());
        }
    }

    @Test
    void plainLastBlockIsPaddedCompressedIsNot() {
        byte[] raw = new byte[0x500];
        Segment plain = new Segment(0, raw, raw, false);
        assertThat(plain.blockCount(0x400)).isEqualTo(2);
        assertThat(plain.block(1, 0x400)).hasSize(0x400);
        assertThat(plain.block(1, 0x400)[0x100]).isEqualTo((byte) 0xFF);
        assertThat(plain.block(1, 0x400)[0xFF]).isEqualTo((byte) 0);
        Segment z = new Segment(0, raw, new byte[0x450], true);
        assertThat(z.block(1, 0x400)).hasSize(0x50);
    }
}
