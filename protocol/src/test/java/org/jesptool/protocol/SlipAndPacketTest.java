package org.jesptool.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlipAndPacketTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    private final List<byte[]> frames = new ArrayList<>();
    private final StringBuilder noise = new StringBuilder();
    private final List<Integer> badEscapes = new ArrayList<>();
    private final SlipDecoder decoder = new SlipDecoder(new SlipDecoder.Listener() {
        @Override
        public void onFrame(byte[] payload) {
            frames.add(payload);
        }

        @Override
        public void onNoise(int b) {
            noise.append((char) b);
        }

        @Override
        public void onInvalidEscape(int b) {
            badEscapes.add(b);
        }
    });

    @Test
    void encodeEscapesEscapeAndEndBytes() {
        byte[] frame = Slip.encode(new byte[] {0x01, (byte) 0xC0, 0x02, (byte) 0xDB, 0x03});
        assertThat(HEX.formatHex(frame)).isEqualTo("C0 01 DB DC 02 DB DD 03 C0");
    }

    @Test
    void decoderRoundTripsEveryByteValueAndReportsBootTextAsNoise() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        byte[] banner = "waiting for download\r\n".getBytes();
        decoder.feed(banner, 0, banner.length);
        byte[] frame = Slip.encode(all);
        decoder.feed(frame, 0, frame.length);
        assertThat(noise.toString()).isEqualTo("waiting for download\r\n");
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0)).isEqualTo(all);
    }

    @Test
    void backToBackDelimitersDoNotMakeEmptyFramesAndSplitFeedsJoin() {
        byte[] two = HEX.parseHex("C0 C0 01 02 C0 C0 03 DB");
        decoder.feed(two, 0, two.length);
        decoder.feed(0xDC);
        decoder.feed(0xC0);
        assertThat(frames).hasSize(2);
        assertThat(HEX.formatHex(frames.get(0))).isEqualTo("01 02");
        assertThat(HEX.formatHex(frames.get(1))).isEqualTo("03 C0");
    }

    @Test
    void invalidEscapeDropsTheFrameAndIsReported() {
        byte[] bad = HEX.parseHex("C0 01 DB 05 02 C0 C0 07 C0");
        decoder.feed(bad, 0, bad.length);
        assertThat(badEscapes).containsExactly(0x05);
        // the damaged frame is gone; "02" is outside a frame, then a clean frame follows
        assertThat(frames).extracting(HEX::formatHex).containsExactly("07");
    }

    @Test
    void syncRequestMatchesTheRecordedBytes() {
        // first SYNC of traces-esp32c3/sync.txt, without the SLIP delimiters
        byte[] packet = Packet.request(Opcode.SYNC, Opcode.syncPayload(), 0);
        assertThat(HEX.formatHex(Slip.encode(packet))).isEqualTo("C0 00 08 24 00 00 00 00 00 07 07 12 20"
                + " 55 55 55 55 55 55 55 55 55 55 55 55 55 55 55 55 55 55 55 55 55 55 55 55 55 55 55 55 55 55 55 55 C0");
    }

    @Test
    void dataPayloadAndChecksumFollowTheLoaderRules() {
        byte[] block = {0x01, 0x02, 0x04, (byte) 0x80};
        assertThat(Packet.checksum(block, 0, block.length)).isEqualTo(0xEF ^ 0x01 ^ 0x02 ^ 0x04 ^ 0x80);
        assertThat(HEX.formatHex(Packet.dataPayload(block, 3)))
                .isEqualTo("04 00 00 00 03 00 00 00 00 00 00 00 00 00 00 00 01 02 04 80");
    }

    @Test
    void responsesParseValueAndDataAndRejectShortOrWrongDirection() {
        Packet.Response r = Packet.Response.parse(HEX.parseHex("01 0A 04 00 83 1D F0 00 00 00 00 00"));
        assertThat(r.op()).isEqualTo(Opcode.READ_REG);
        assertThat(r.value()).isEqualTo(0x00F01D83);
        assertThat(r.data()).hasSize(4);
        assertThat(Packet.Response.parse(HEX.parseHex("01 0A 04 00 83"))).isNull();
        assertThat(Packet.Response.parse(HEX.parseHex("00 0A 04 00 83 1D F0 00"))).isNull();
    }
}
