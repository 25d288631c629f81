package org.jesptool.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TelnetDecoderTest {
    final ByteArrayOutputStream data = new ByteArrayOutputStream();
    final List<String> events = new ArrayList<>();
    final TelnetDecoder decoder = new TelnetDecoder(new TelnetDecoder.Handler() {
        @Override
        public void data(byte[] b, int off, int len) {
            data.write(b, off, len);
        }

        @Override
        public void negotiation(int verb, int option) {
            events.add("opt " + verb + " " + option);
        }

        @Override
        public void subnegotiation(byte[] body) {
            events.add("sb " + Arrays.toString(body));
        }
    });

    @Test
    void splitsDataNegotiationsAndCommandsAcrossAnyChunking() throws Exception {
        byte[] stream = concat(new byte[] {1, (byte) 0xFF, (byte) 0xFF, 2}, Rfc2217.negotiation(Rfc2217.WILL, 44),
                Rfc2217.command(Rfc2217.SET_BAUDRATE, Rfc2217.u32(0x0001C2FF)), new byte[] {3});
        for (int i = 0; i < stream.length; i++) {
            decoder.feed(stream, i, 1); // one byte at a time
        }
        assertThat(data.toByteArray()).containsExactly(1, 0xFF, 2, 3);
        assertThat(events).containsExactly("opt 251 44", "sb [44, 1, 0, 1, -62, -1]");
        assertThat(Rfc2217.u32(Rfc2217.u32(921600), 0)).isEqualTo(921600);
    }

    @Test
    void garbageNeverThrowsAndOverlongCommandsAreDropped() throws Exception {
        byte[] junk = new byte[100_000];
        new Random(1).nextBytes(junk);
        decoder.feed(junk, 0, junk.length);
        byte[] longSub = new byte[TelnetDecoder.MAX_SUBNEGOTIATION + 10];
        decoder.feed(new byte[] {(byte) 0xFF, (byte) 0xF0}, 0, 2); // end whatever the junk left open
        int before = events.size();
        decoder.feed(concat(new byte[] {(byte) 0xFF, (byte) 0xFA}, longSub, new byte[] {(byte) 0xFF, (byte) 0xF0}), 0,
                longSub.length + 4);
        assertThat(events).hasSize(before);
    }

    @Test
    void negotiationAnswersOnlyChanges() {
        TelnetOptions o = new TelnetOptions();
        assertThat(o.answer(Rfc2217.WILL, Rfc2217.COM_PORT_OPTION)).containsExactly(0xFF, Rfc2217.DO, 44);
        assertThat(o.answer(Rfc2217.WILL, Rfc2217.COM_PORT_OPTION)).isNull();
        assertThat(o.answer(Rfc2217.DO, Rfc2217.ECHO)).containsExactly(0xFF, Rfc2217.WONT, Rfc2217.ECHO);
        o.requested(Rfc2217.WILL, Rfc2217.BINARY);
        assertThat(o.answer(Rfc2217.DO, Rfc2217.BINARY)).isNull();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }
}
