package org.jesptool.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class DeflateStreamTest {

    @Test
    void aWindowedStreamReadInPiecesIsTheWholeStream() throws Exception {
        byte[] raw = new byte[1 << 20];
        new Random(7).nextBytes(raw);
        for (int i = 0; i < raw.length; i += 3) {
            raw[i] = (byte) 0xFF; // compressible, but not much
        }
        byte[] whole = SegmentEncoder.deflate(raw);
        DeflateStream s = new DeflateStream(raw, 0, raw.length, 32768);
        Thread worker = new Thread(s);
        worker.start();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int pos = 0;
        while (!s.endsAt(pos)) {
            int n = s.await(pos + 5000) - pos;
            got.write(s.bytes(pos, pos + n));
            pos += n;
            s.release(pos);
        }
        worker.join();
        assertThat(got.toByteArray()).isEqualTo(whole);
        Inflater inf = new Inflater();
        inf.setInput(got.toByteArray());
        byte[] back = new byte[raw.length];
        assertThat(inf.inflate(back)).isEqualTo(raw.length);
        assertThat(back).isEqualTo(raw);
    }

    @Test
    void theCompressorWaitsForTheSenderAndLetsSentBytesGo() throws Exception {
        byte[] raw = new byte[1 << 20];
        new Random(8).nextBytes(raw); // incompressible: the stream is about as long as the input
        DeflateStream s = new DeflateStream(raw, 0, raw.length, 65536);
        Thread worker = new Thread(s);
        worker.start();
        int first = s.await(65536);
        worker.join(300);
        assertThat(worker.isAlive()).as("compressor waits while nothing is released").isTrue();
        assertThat(s.await(first)).isEqualTo(first);
        s.release(first);
        assertThat(s.await(first + 65536)).isEqualTo(first + 65536);
        assertThatThrownBy(() -> s.bytes(0, 10)).isInstanceOf(IllegalStateException.class);
        s.cancel();
        worker.join();
    }
}
