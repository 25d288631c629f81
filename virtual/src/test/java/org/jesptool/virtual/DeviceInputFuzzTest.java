package org.jesptool.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The virtual board's side of the wire under arbitrary host bytes: SLIP frames and commands to the ROM loader
 * and the stub of several chips, and RFC 2217 negotiation to the server. Contract: no exception escapes, no
 * hang, replies in proportion to the input. Regression inputs under {@code DeviceInputFuzzTestInputs/}.
 */
class DeviceInputFuzzTest {
    private static final String[] BOARDS = {"virtual://esp32c3", "virtual://esp32c3?stub=1", "virtual://esp32",
        "virtual://esp32?stub=1", "virtual://esp8266", "virtual://esp8266?stub=1", "virtual://esp32s3?sdm=1"};

    private static final int FLASH = 256 * 1024;

    @FuzzTest(maxDuration = "30m")
    void slipFramesAndCommands(FuzzedDataProvider in) throws Exception {
        String board = BOARDS[in.consumeInt(0, BOARDS.length - 1)];
        byte[] bytes = in.consumeRemainingAsBytes();
        try (Device d = new Device(DeviceConfig.fromPortName(board + (board.contains("?") ? "&" : "?")
                + "flash=256KB"), null)) {
            d.receive(bytes, 0, bytes.length);
            d.settle(false);
            byte[] buf = new byte[1 << 16];
            long replies = 0;
            for (int n; (n = d.link.read(buf, 0, buf.length, 0)) > 0; ) {
                replies += n;
            }
            // the boot banner plus, per frame (at least 2 bytes each: C0 .. C0), a reply of at most a read block,
            // or for the stub's READ_FLASH at most the whole flash, SLIP-escaped (it stops at the end of flash;
            // the fuzzer's first "finding" was a 16-byte READ_FLASH answered with 256 KiB: as the stub does)
            assertThat(replies).isLessThanOrEqualTo(4096 + (bytes.length / 2 + 1) * (4200L + 2 * FLASH));
        }
    }

    @FuzzTest(maxDuration = "30m")
    void rfc2217Server(byte[] fromClient) throws IOException {
        try (Device d = new Device(DeviceConfig.fromPortName("virtual://esp32c3?flash=256KB"), null)) {
            ByteArrayOutputStream toClient = new ByteArrayOutputStream();
            Rfc2217 telnet = new Rfc2217(d, toClient);
            telnet.fromClient(fromClient, 0, fromClient.length);
            // every answer is a reply to at least three client bytes and at most TelnetDecoder.MAX_SUBNEGOTIATION + 8 bytes long
            assertThat((long) toClient.size()).isLessThanOrEqualTo((fromClient.length / 3 + 1) * (org.jesptool.protocol.TelnetDecoder.MAX_SUBNEGOTIATION * 2 + 8L));
        }
    }
}
