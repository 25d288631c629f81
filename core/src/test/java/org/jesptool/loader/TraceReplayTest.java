package org.jesptool.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.jesptool.command.Timeouts;
import org.jesptool.testing.ReplayTransport;
import org.jesptool.testsupport.Trace;
import org.junit.jupiter.api.Test;

/**
 * Replays recorded sessions (real ESP32-C3 hardware; ESP32/ESP32-C3 ROM code in an emulator): the host
 * stack must send requests found in the recording and decode the same chip, MAC, flash id and MD5.
 */
class TraceReplayTest {
    static final String EMU = "rom-emulated/";
    static final String HW = "esp32c3-board/";

    static ConnectOptions options() {
        return new ConnectOptions().before(BeforeReset.NO_RESET).connectAttempts(1)
                .timeouts(new Timeouts(0.5, 120, 240, 0.1, 8, 30, 40, 0.2));
    }

    static Device open(ReplayTransport t) throws Exception {
        return Device.open(t, options());
    }

    @Test
    void esp32c3FlashIdSession() throws Exception {
        ReplayTransport t = new ReplayTransport(Trace.resource(EMU + "esp32c3-flash-id.txt"));
        try (Device d = open(t)) {
            assertThat(d.chip().displayName()).isEqualTo("ESP32-C3");
            assertThat(d.secureDownloadMode()).isFalse();
            assertThat(d.securityState().chipId()).isEqualTo(5);
            assertThat(d.securityState().apiVersion()).isEqualTo(3);
            assertThat(d.revision()).isEqualTo(3);
            assertThat(Device.formatMac(d.mac())).isEqualTo("58:cf:79:00:00:02");
            d.attachFlash(0); // SPI_ATTACH, XMC check, connection check, flash reset: all as recorded
            int id = d.flashId();
            assertThat(id).isEqualTo(0x1640C8);
            assertThat(SpiFlash.sizeFromJedecId(id)).isEqualTo(4 << 20);
        }
        assertThat(t.unmatched()).isEmpty();
    }

    @Test
    void esp32FlashIdSessionUsesMagicAfterUnsupportedSecurityInfo() throws Exception {
        ReplayTransport t = new ReplayTransport(Trace.resource(EMU + "esp32-flash-id.txt"));
        try (Device d = open(t)) {
            assertThat(d.chip().name()).isEqualTo("esp32");
            assertThat(d.securityState()).isNull();
            assertThat(d.revision()).isEqualTo(300);
            assertThat(d.loader().crystalMhz()).isEqualTo(40);
            assertThat(Device.formatMac(d.mac())).isEqualTo("24:0a:c4:00:00:01");
            d.attachFlash(d.chip().defaultSpiAttach(d.loader()::readReg));
            assertThat(d.flashId()).isEqualTo(0x1640C8);
        }
        assertThat(t.unmatched()).isEmpty();
    }

    @Test
    void md5OfRegionMatchesRecordingOnBothChips() throws Exception {
        for (String f : List.of("esp32c3-verify.txt", "esp32-verify.txt")) {
            ReplayTransport t = new ReplayTransport(Trace.resource(EMU + f));
            try (Device d = open(t)) {
                d.loader().spiSetParams(4 << 20);
                byte[] md5 = d.loader().flashMd5(0x10000, 0x2000);
                assertThat(HexFormat.of().formatHex(md5)).isEqualTo("deadf7382f516bfeff9437e23898fc67");
            }
            assertThat(t.unmatched()).as(f).isEmpty();
        }
    }

    @Test
    void readFlashSlowReturnsThe64BytePiecesWithoutStatus() throws Exception {
        ReplayTransport t = new ReplayTransport(Trace.resource(EMU + "esp32c3-read-slow.txt"));
        try (Device d = open(t)) {
            d.loader().spiSetParams(4 << 20);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            List<Integer> totals = new ArrayList<>();
            d.loader().readFlash(0x10000, 256, (chunk, total) -> {
                all.write(chunk);
                totals.add(total);
            });
            assertThat(totals).containsExactly(64, 128, 192, 256);
            String text = new String(all.toByteArray(), 0, 36, StandardCharsets.US_ASCII);
            assertThat(text).isEqualTo("esp-rig compressible block 00000000 ");
            assertThat(all.toByteArray()[64]).isEqualTo((byte) 'r');
        }
        assertThat(t.unmatched()).isEmpty();
    }

    @Test
    void romBaudChangeSendsNewBaudAndZeroThenSwitchesTheHost() throws Exception {
        for (String f : List.of("esp32c3-baud-change.txt", "esp32-baud-change.txt")) {
            ReplayTransport t = new ReplayTransport(Trace.resource(EMU + f));
            try (Device d = open(t)) {
                d.changeBaudRate(460800);
                assertThat(t.bauds()).endsWith(460800);
                d.attachFlash(0);
                assertThat(d.flashId()).isEqualTo(0x1640C8);
            }
            assertThat(t.unmatched()).as(f).isEmpty();
        }
    }

    @Test
    void romEraseRegionIsFlashBeginWithTheSize() throws Exception {
        ReplayTransport t = new ReplayTransport(Trace.resource(EMU + "esp32-erase-region.txt"));
        try (Device d = open(t)) {
            d.loader().spiSetParams(4 << 20);
            d.loader().flashBegin(0x1000, 4, 0x400, 0x20000, false);
        }
        assertThat(t.unmatched()).isEmpty();
    }

    @Test
    void runningStubIsDetectedAndReadFlashStreamsWithMd5Check() throws Exception {
        ReplayTransport t = new ReplayTransport(Trace.resource(EMU + "esp32-stub-read.txt"))
                .stubBeginWithoutEncryptedWord(); // esptool v5 sent the stub a zero fifth word
        try (Device d = open(t)) {
            assertThat(d.stubWasRunning()).isTrue();
            assertThat(d.loader().isStub()).isTrue();
            assertThat(d.chip().name()).isEqualTo("esp32");
            d.loader().spiSetParams(4 << 20);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            d.loader().readFlash(0x30000, 0x2000, (chunk, total) -> all.write(chunk));
            assertThat(all.size()).isEqualTo(0x2000);
            d.reset(AfterReset.NO_RESET);
        }
        assertThat(t.unmatched()).isEmpty();
    }

    @Test
    void hardwareSessionDetectsC3ByLegacyMagicWhenSecurityInfoIsNotAnswered() throws Exception {
        ReplayTransport t = new ReplayTransport(Trace.resource(HW + "detect-chip.txt"));
        try (Device d = open(t)) {
            assertThat(d.chip().name()).isEqualTo("esp32c3");
        }
        assertThat(t.unmatched()).hasSize(1).first().asString().startsWith("00 14");
    }

    @Test
    void hardwareSessionUploadsStubAndWaitsForOhai() throws Exception {
        ReplayTransport t = new ReplayTransport(Trace.resource(HW + "load-stub.txt"));
        // A stand-in stub with the recorded segment sizes, addresses and entry point.
        String json = "{\"text\": \"" + Base64.getEncoder().encodeToString(new byte[0xF1C]) + "\", \"text_start\": 1077411840,"
                + " \"data\": \"" + Base64.getEncoder().encodeToString(new byte[0xA0]) + "\", \"data_start\": 1070164916,"
                + " \"entry\": 1077413584}";
        StubImage stub = StubImage.parse(json);
        assertThat(stub.segments().get(0).address()).isEqualTo(0x40380000);
        assertThat(stub.segments().get(1).address()).isEqualTo(0x3FC96BB4);
        assertThat(stub.entry()).isEqualTo(0x403806D0);
        try (Device d = open(t)) {
            assertThat(d.chip().name()).isEqualTo("esp32c3");
            d.loadStub(stub);
            assertThat(d.loader().isStub()).isTrue();
            assertThat(d.loader().flashWriteSize()).isEqualTo(0x4000);
        }
        assertThat(t.unmatched()).hasSize(1); // GET_SECURITY_INFO: the recorded client did not send it
    }
}
