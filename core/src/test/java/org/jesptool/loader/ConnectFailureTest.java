package org.jesptool.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.jesptool.command.Timeouts;
import org.jesptool.target.Chips;
import org.jesptool.testing.ScriptedChip;
import org.jesptool.transport.Transports;
import org.junit.jupiter.api.Test;

/** Each way a connection fails has a message that says what happened and what to try. */
class ConnectFailureTest {
    static ConnectOptions quick() {
        return new ConnectOptions().connectAttempts(1).sleeper(ms -> { })
                .timeouts(new Timeouts(0.3, 120, 240, 0.02, 8, 30, 40, 0.2));
    }

    static ConnectException.Reason reason(Throwable e) {
        return ((ConnectException) e).reason();
    }

    @Test
    void chipThatBootsItsApplicationIsAWrongBootMode() {
        ScriptedChip chip = new ScriptedChip("rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n", false);
        assertThatThrownBy(() -> Device.open(chip, quick().chip(Chips.byName("esp32").orElseThrow())))
                .isInstanceOf(ConnectException.class)
                .satisfies(e -> assertThat(reason(e)).isEqualTo(ConnectException.Reason.WRONG_BOOT_MODE))
                .hasMessageContaining("wrong boot mode detected (0x13)")
                .hasMessageContaining("GPIO0 was high at reset");
    }

    @Test
    void chipWaitingForDownloadThatNeverAnswersHasItsTxPathDown() {
        ScriptedChip chip = new ScriptedChip("rst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\n"
                + "waiting for download\r\n", false);
        assertThatThrownBy(() -> Device.open(chip, quick()))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(ConnectException.Reason.NO_SYNC))
                .hasMessageContaining("TX) seems to be down");
    }

    @Test
    void deviceThatSendsNoiseIsReportedWithWhatItPrinted() {
        ScriptedChip chip = new ScriptedChip("", false);
        chip.answerEveryWriteWith("Hello from some other firmware\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Device.open(chip, quick()))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(ConnectException.Reason.GARBAGE))
                .hasMessageContaining("Hello from some other firmware");
    }

    @Test
    void wrongChipArgumentNamesBothChips() throws Exception {
        // default timeouts: the virtual device must get to answer even on a loaded machine
        ConnectOptions o = ConnectOptions.of("virtual://esp32c3").chip(Chips.byName("ESP32-S3").orElseThrow());
        assertThatThrownBy(() -> Device.open(o))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(ConnectException.Reason.WRONG_CHIP))
                .hasMessageContaining("This chip is ESP32-C3, not ESP32-S3. Wrong --chip argument?");
    }

    @Test
    void virtualDeviceInApplicationModeWithoutResetIsAWrongBootModeWithItsBootLog() throws Exception {
        ConnectOptions o = ConnectOptions.of("virtual://esp32c3?boot=app").before(BeforeReset.NO_RESET).connectAttempts(2);
        assertThatThrownBy(() -> Device.open(o))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(ConnectException.Reason.WRONG_BOOT_MODE))
                .hasMessageContaining("wrong boot mode detected (0x")
                .hasMessageContaining("GPIO9 (with GPIO8 high) was high at reset") // named from the ROM banner
                .satisfies(e -> assertThat(((ConnectException) e).chipOutput()).contains("boot:0x"));
    }

    @Test
    void missingSerialPortSaysItDoesNotExist() {
        assertThatThrownBy(() -> Transports.open("/dev/ttyDOESNOTEXIST9"))
                .isInstanceOf(org.jesptool.transport.PortException.class)
                .hasMessageContaining("/dev/ttyDOESNOTEXIST9 does not exist");
    }

    @Test
    void unknownUrlSchemeIsRejected() {
        assertThatThrownBy(() -> Transports.open("telnet://localhost:1"))
                .hasMessageContaining("Unknown port URL scheme");
    }

    @Test
    void closedTcpPortSaysTheServerIsNotRunning() {
        assertThatThrownBy(() -> Transports.open("socket://127.0.0.1:1"))
                .hasMessageContaining("is the server running?");
    }
}
