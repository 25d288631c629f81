package org.jesptool.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.HexFormat;
import org.jesptool.command.LoaderException;
import org.jesptool.testing.ReplayTransport;
import org.jesptool.testsupport.Trace;
import org.junit.jupiter.api.Test;

/**
 * The real ESP32-C3 sessions (traces-esp32c3): connect, upload a stand-in stub with the recorded layout,
 * run the recorded stub command, and decode the recorded answer.
 */
class HardwareTraceReplayTest {
    static final StubImage STUB = StubImage.parse("{\"text\": \"" + Base64.getEncoder().encodeToString(new byte[0xF1C])
            + "\", \"text_start\": 1077411840, \"data\": \"" + Base64.getEncoder().encodeToString(new byte[0xA0])
            + "\", \"data_start\": 1070164916, \"entry\": 1077413584}");

    static ReplayTransport transport;

    static Device stubSession(String file) throws Exception {
        transport = new ReplayTransport(Trace.resource(TraceReplayTest.HW + file));
        Device d = Device.open(transport, TraceReplayTest.options());
        assertThat(d.chip().displayName()).isEqualTo("ESP32-C3");
        d.loadStub(STUB);
        assertThat(d.loader().isStub()).isTrue();
        return d;
    }

    /** Only the GET_SECURITY_INFO probe (which the recorded client did not send) may go unanswered. */
    static void onlySecurityInfoUnmatched() {
        assertThat(transport.unmatched()).hasSize(1).first().asString().startsWith("00 14");
    }

    @Test
    void stubMd5IsSixteenRawBytes() throws Exception {
        try (Device d = stubSession("verify-flash.txt")) {
            assertThat(HexFormat.of().formatHex(d.loader().flashMd5(0, 0x400))).isEqualTo("0f343b0931126a20f133d67c2b018a3b");
        }
        onlySecurityInfoUnmatched();
    }

    @Test
    void streamedReadAcknowledgesAndChecksTheDigest() throws Exception {
        try (Device d = stubSession("read-flash-region.txt")) {
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            d.espLoader().readFlash(0, 0x400, 0x400, 2, (chunk, total) -> data.write(chunk));
            assertThat(data.size()).isEqualTo(0x400);
            assertThat(HexFormat.of().formatHex(data.toByteArray(), 0, 4)).isEqualTo("e903022f"); // image header
        }
        onlySecurityInfoUnmatched();
    }

    @Test
    void eraseCommands() throws Exception {
        try (Device d = stubSession("erase-flash.txt")) {
            d.loader().eraseFlash();
        }
        onlySecurityInfoUnmatched();
        // (erase-flash-region.txt is not replayed: its client sent ERASE_REGION with four words, esptool two.)
    }

    @Test
    void flashEndWithoutBeginIsTheStubsNotInFlashModeError() throws Exception {
        try (Device d = stubSession("end-flash.txt")) {
            assertThatThrownBy(() -> d.loader().flashEnd(true))
                    .isInstanceOf(LoaderException.class)
                    .hasMessage("Failed to FLASH_END (result was C600: Not in flash mode)");
        }
        onlySecurityInfoUnmatched();
        try (Device d = stubSession("end-defl-flash.txt")) {
            assertThatThrownBy(() -> d.loader().flashDeflEnd(true))
                    .isInstanceOf(LoaderException.class)
                    .hasMessage("Failed to FLASH_DEFL_END (result was C600: Not in flash mode)")
                    .satisfies(e -> assertThat(((LoaderException) e).code()).isEqualTo(0xC6));
        }
        onlySecurityInfoUnmatched();
    }

    @Test
    void registerReadAndWriteThroughTheStub() throws Exception {
        try (Device d = stubSession("update-reg.txt")) {
            assertThat(d.loader().readReg(0)).isZero();
            d.loader().writeReg(0, 0x1234, 0xFFFFFFFF, 0);
        }
        onlySecurityInfoUnmatched();
    }

    @Test
    void runUserCodeHasNoReply() throws Exception {
        try (Device d = stubSession("run-user-code.txt")) {
            d.espLoader().stubRunUserCode();
        }
        onlySecurityInfoUnmatched();
    }
}
