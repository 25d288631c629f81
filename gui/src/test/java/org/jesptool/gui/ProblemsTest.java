package org.jesptool.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.jesptool.loader.ConnectException;
import org.jesptool.transport.PortException;
import org.jesptool.transport.PortInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Failures in words, and the ports as the list names them. */
class ProblemsTest {
    @AfterEach
    void noAdvisor() {
        Problems.advisor(null);
    }

    @Test
    void aPortTakenByAnotherProgramSaysWhichAndWhatToDo() {
        assertThat(Problems.connectFailure("/dev/ttyUSB0", new PortException(PortException.Reason.BUSY, "busy")))
                .isEqualTo("/dev/ttyUSB0 is in use by another program (a serial monitor, the Arduino IDE, another"
                        + " flasher). Close that program and try again.");
        assertThat(Problems.connectFailure("/dev/ttyUSB0", new PortException(PortException.Reason.NOT_FOUND, "gone")))
                .startsWith("/dev/ttyUSB0 is not there: the board may be unplugged.");
        assertThat(Problems.connectFailure("/dev/ttyUSB0", new PortException(PortException.Reason.PERMISSION, "no")))
                .contains("dialout");
    }

    @Test
    void aConnectErrorKeepsItsAdviceAndAnAdvisorCanAddMore() {
        ConnectException e = new ConnectException(ConnectException.Reason.NO_SYNC, "Failed to connect: check the TX"
                + " wire.", "waiting for download");
        assertThat(Problems.connectFailure("COM3", e)).isEqualTo("Could not talk to the board on COM3.\nFailed to"
                + " connect: check the TX wire.\nThe board printed: waiting for download");
        Problems.advisor((port, failure) -> "Doctor: " + port + " answers at 74880 baud: it is running its app.");
        assertThat(Problems.connectFailure("COM3", e)).endsWith("\nDoctor: COM3 answers at 74880 baud: it is running"
                + " its app.");
    }

    @Test
    void unexpectedFailuresAreWordsNotTraces() {
        assertThat(Problems.words(new IllegalStateException("bad state"))).isEqualTo("Unexpected problem: bad state."
                + " Try again; if it keeps happening, please report it with the log.");
        assertThat(Problems.words(new NullPointerException())).startsWith("Unexpected problem (NullPointerException).");
        assertThat(Problems.words(new IOException("x.bin is not an ESP32 image. Use --force to flash anyway."
                + " Nothing was written."))).isEqualTo("x.bin is not an ESP32 image. Nothing was written.");
    }

    @Test
    void portsShowTheirUsbBridgeAndVidPid() {
        assertThat(PortEntry.of(new PortInfo("/dev/ttyUSB0", "CP2102 USB to UART Bridge Controller", 0x10C4, 0xEA60,
                "0001")).label()).isEqualTo("/dev/ttyUSB0  -  Silicon Labs CP210x (10C4:EA60) #0001");
        assertThat(PortEntry.of(new PortInfo("/dev/ttyACM0", "USB JTAG/serial debug unit", 0x303A, 0x1001, ""))
                .label()).isEqualTo("/dev/ttyACM0  -  Espressif USB-Serial/JTAG (303A:1001)");
        assertThat(PortEntry.virtual("esp32c3", java.nio.file.Path.of("/tmp/v")).port())
                .isEqualTo("virtual://esp32c3?realtime=1&image=/tmp/v/esp32c3-flash.bin");
        assertThat(PortEntry.shortName("virtual://esp32c3?realtime=1&image=/tmp/v/x.bin")).isEqualTo("virtual://esp32c3");
    }

    @Test
    void theDoctorExaminesABoardThatDoesNotAnswerAndSaysWhatToTryNext() {
        java.util.List<String> log = new java.util.ArrayList<>();
        ConnectException e = new ConnectException(ConnectException.Reason.NO_SYNC, "Failed to connect: no serial"
                + " data received at all.", "");
        Problems.advisor(new DoctorAdvisor(log::add));
        String text = Problems.connectFailure("virtual://esp32?boot=app&no-reply=1", e);
        assertThat(text).startsWith("Could not talk to the board on virtual://esp32?boot=app&no-reply=1.\nFailed to"
                + " connect: no serial data received at all.\nThe connection doctor checked the port:\n- ")
                .contains("The chip printed nothing after any reset and did not answer", " Next: ",
                        "TX and RX are crossed");
        assertThat(String.join("\n", log)).contains("Trying classic reset (DTR/RTS, 100 ms) ...",
                "No command works yet");
    }
}
