package org.jesptool.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Device.reconnect after the chip was reset under the host: same port, stub and baud rate restored. */
class DeviceReconnectTest {
    private static final String MEM_END = "00 06 08 00";
    private static final String CHANGE_BAUDRATE = "00 0f 08 00";

    @Test
    void reconnectUploadsTheStubAgainAndRestoresTheBaudRate() throws Exception {
        List<String> frames = new ArrayList<>();
        StubImage stub = StubStartTest.stub(0x40380000L, 0x3FC96BB4L, 0x40380010L);
        Device d = Device.open(ConnectOptions.of("virtual://esp32c3").baud(460800).trace(frames::add));
        try {
            d.loadStub(stub);
            d.changeBaudRate(460800);
            int before = d.loader().readReg(d.chip().uartDateReg());
            d.transport().setRts(true); // EN low: the chip resets and the stub is gone
            d.transport().setRts(false);
            frames.clear();

            Device again = d.reconnect();
            d = again;
            assertThat(again.loader().isStub()).isTrue();
            assertThat(again.transport().baudRate()).isEqualTo(460800);
            assertThat(again.chip().name()).isEqualTo("esp32c3");
            assertThat(again.loader().readReg(again.chip().uartDateReg())).isEqualTo(before);
            List<String> writes = frames.stream().filter(f -> f.contains(" write ")).map(f -> f.substring(
                    f.indexOf(": ") + 2)).toList();
            assertThat(writes).filteredOn(w -> w.startsWith(MEM_END)).as("stub started again").hasSize(1);
            assertThat(writes).filteredOn(w -> w.startsWith(CHANGE_BAUDRATE)).as("baud raised again").hasSize(1);
        } finally {
            d.close();
        }
    }

    @Test
    void aStubThatCannotBeRestoredIsReportedNotSilentlyDropped() throws Exception {
        StubImage stub = StubStartTest.stub(0x40380000L, 0x3FC96BB4L, 0x40380010L);
        try (Device first = Device.connect(ConnectOptions.of("virtual://esp32c3").stub(stub))) {
            assertThat(first.loader().isStub()).isTrue();
            // a second host connection finds the stub running, with no stub image of its own
            Device second = Device.open(first.transport(), ConnectOptions.of("virtual://esp32c3")
                    .before(BeforeReset.NO_RESET));
            assertThat(second.stubWasRunning()).isTrue();
            intoDownloadMode(second);
            org.assertj.core.api.Assertions.assertThatThrownBy(second::reconnect)
                    .hasMessageContaining("no stub image to upload again");
        }
    }

    /** The classic DTR/RTS sequence by hand: reset with GPIO0 held low, so the ROM loader runs (no stub). */
    private static void intoDownloadMode(Device d) throws Exception {
        d.transport().setDtrRts(false, true);
        d.transport().setDtrRts(true, false);
        d.transport().setDtrRts(false, false);
    }
}
