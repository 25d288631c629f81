package org.jesptool.loader;

import static org.assertj.core.api.Assertions.assertThat;

import org.jesptool.testing.VirtualTcpServer;
import org.junit.jupiter.api.Test;

/** socket:// and rfc2217:// against a virtual device served over TCP. */
class NetworkTransportTest {
    static final String DEVICE = "virtual://esp32s3?mac=de:ad:be:ef:00:07&rev=v0.2&jedec=204018";

    @Test
    void rawSocketConnectsWithoutResetAndReadsTheConfiguredIdentity() throws Exception {
        try (VirtualTcpServer server = new VirtualTcpServer(DEVICE, false);
             Device d = Device.open(ConnectOptions.of("socket://127.0.0.1:" + server.port()))) {
            assertThat(d.transport().capabilities()).isEmpty();
            assertThat(d.chip().name()).isEqualTo("esp32s3");
            assertThat(Device.formatMac(d.mac())).isEqualTo("de:ad:be:ef:00:07");
            assertThat(d.revision()).isEqualTo(2);
            d.attachFlash(null);
            assertThat(d.loader().flashId()).isEqualTo(0x184020);
        }
    }

    @Test
    void rfc2217ResetsThroughControlLinesAndChangesBaud() throws Exception {
        try (VirtualTcpServer server = new VirtualTcpServer(DEVICE, true)) {
            try (Device d = Device.connect(ConnectOptions.of("rfc2217://127.0.0.1:" + server.port()).baud(460800))) {
                assertThat(d.chip().name()).isEqualTo("esp32s3");
                assertThat(Device.formatMac(d.mac())).isEqualTo("de:ad:be:ef:00:07");
                assertThat(d.transport().baudRate()).isEqualTo(460800);
                d.attachFlash(null);
                assertThat(d.loader().flashId()).isEqualTo(0x184020);
                assertThat(d.detectFlashSize()).isEqualTo(16 << 20);
                d.reset(AfterReset.HARD_RESET);
            }
            // The last commands travel asynchronously: wait (bounded) until the server has applied them.
            for (int i = 0; i < 200 && server.controls().lastIndexOf("RTS=0") < server.controls().lastIndexOf("RTS=1"); i++) {
                Thread.sleep(10);
            }
            // Classic reset (RFC 2217 ports never use the tight POSIX variant): EN low, strap, release.
            assertThat(server.controls()).containsSubsequence("BAUD=115200", "DTR=0", "RTS=1", "DTR=0", "DTR=1",
                    "RTS=0", "DTR=1", "DTR=0", "BAUD=460800", "RTS=1", "DTR=0", "RTS=0");
        }
    }
}
