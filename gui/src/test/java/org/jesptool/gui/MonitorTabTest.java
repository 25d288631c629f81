package org.jesptool.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.swing.text.BadLocationException;
import javax.swing.text.StyledDocument;
import org.assertj.swing.edt.GuiActionRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Monitor tab in the real window against a virtual ESP32 that boots the conformance bootloader from its
 * flash file and then plays an app log that panics; and the connection doctor's advice for a silent board.
 */
class MonitorTabTest {
    static final String PANIC_LOG = "I (29) boot: ESP-IDF v3.3.1 2nd stage bootloader\r\n"
            + "I (206) cpu_start: Pro cpu start user code\r\n"
            + "Guru Meditation Error: Core  0 panic'ed (LoadProhibited). Exception was unhandled.\r\n"
            + "Core  0 register dump:\r\n"
            + "PC      : 0x40106a9b  PS      : 0x00060033  A0      : 0x800d0686  A1      : 0x3ffb5690  \r\n"
            + "\r\n"
            + "Backtrace: 0x40106a9b:0x3ffb5690 0x400d0683:0x3ffb56b0\r\n"
            + "\r\n"
            + "Rebooting...\r\n";

    @TempDir
    Path tmp;
    private WindowHarness h;

    @BeforeEach
    void display() {
        WindowHarness.requireDisplay();
    }

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    /** A 4 MB flash file holding the ESP32 conformance bootloader at 0x1000. */
    private Path flashWithBootloader() throws Exception {
        byte[] f = new byte[4 << 20];
        Arrays.fill(f, (byte) 0xFF);
        byte[] b = Files.readAllBytes(WindowHarness.FLASH_FILES.resolve("bootloader_esp32.bin"));
        System.arraycopy(b, 0, f, 0x1000, b.length);
        Path p = tmp.resolve("esp32-boot-flash.bin");
        Files.write(p, f);
        return p;
    }

    private String shown() {
        return GuiActionRunner.execute(() -> h.frame.monitor.output.getText());
    }

    /** What kind of text the window shows at the start of {@code text} (its first occurrence after {@code from}). */
    private MonitorLink.Kind kindOf(String text, int from) {
        return GuiActionRunner.execute(() -> {
            StyledDocument d = h.frame.monitor.output.getStyledDocument();
            String all;
            try {
                all = d.getText(0, d.getLength());
            } catch (BadLocationException e) {
                throw new IllegalStateException(e);
            }
            int at = all.indexOf(text, from);
            assertThat(at).as("shown: " + text).isNotNegative();
            return (MonitorLink.Kind) d.getCharacterElement(at).getAttributes().getAttribute("kind");
        });
    }

    @Test
    void theBootLogAndAPanicAreShownWithTheMonitorsExplanationsSetApart() throws Exception {
        Path log = tmp.resolve("app.log");
        Files.writeString(log, PANIC_LOG);
        String port = "virtual://esp32?boot=app&image=" + flashWithBootloader() + "&app-log=" + log
                + "&app-reset=panic";
        h = new WindowHarness(tmp, Themes.LIGHT, false);
        h.window.comboBox("port").replaceText(port);
        h.window.tabbedPane("tabs").selectTab("Monitor");
        h.window.button("monitorConnect").click();
        h.waitFor("the boot, the panic and the reboot", 30, () -> h.frame.monitor.output.getText()
                .contains("--- rst cause 12 (SW_CPU_RESET)"));
        String out = shown();
        assertThat(out).containsSubsequence("rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\n",
                "--- rst cause 1 (POWERON_RESET): power-on, or the EN (reset) pin was pulled low",
                "--- boot mode 0x13 (SPI_FAST_FLASH_BOOT): flash boot",
                "entry 0x4009816c\n",
                "--- bootloader loaded; the ROM jumps to its entry point 0x4009816c",
                "Guru Meditation Error: Core  0 panic'ed (LoadProhibited)",
                "--- crash on core 0: the code read from an address that holds no memory",
                "Rebooting...\n",
                "rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\n",
                "--- rst cause 12 (SW_CPU_RESET): software restart of the CPU");
        assertThat(out).doesNotContain("\u001B", "\r", "Ctrl+]");
        // the board's lines and the monitor's explanations look different
        assertThat(kindOf("rst:0x1 (POWERON_RESET)", 0)).isEqualTo(MonitorLink.Kind.DEVICE);
        assertThat(kindOf("--- boot mode 0x13", 0)).isEqualTo(MonitorLink.Kind.NOTE);
        assertThat(kindOf("Guru Meditation Error", 0)).isEqualTo(MonitorLink.Kind.DEVICE);
        assertThat(kindOf("--- crash on core 0", 0)).isEqualTo(MonitorLink.Kind.NOTE);
        assertThat(kindOf("--- jesptool monitor on virtual://esp32?boot=app", 0)).isEqualTo(MonitorLink.Kind.SESSION);
        assertThat(GuiActionRunner.execute(() -> h.frame.monitor.state.getText()))
                .startsWith("Connected to virtual://esp32 at 115200 baud");
        GuiActionRunner.execute(() -> { // the screenshot shows the panic and its explanation
            var o = h.frame.monitor.output;
            try {
                java.awt.geom.Rectangle2D r = o.modelToView2D(o.getText().indexOf("I (29) boot"));
                o.scrollRectToVisible(new java.awt.Rectangle(0, (int) r.getY(), 10, o.getVisibleRect().height));
            } catch (BadLocationException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        h.screenshot("monitor");

        // Bootloader: the chip restarts into download mode (the ROM says so, and the monitor explains it)
        int before = shown().length();
        h.window.button("monitorBootloader").click();
        h.waitFor("the download-mode banner", 10, () -> h.frame.monitor.output.getText().indexOf("DOWNLOAD", before) > 0);
        assertThat(shown().substring(before)).contains("--- Chip reset into download mode (bootloader); press Reset"
                + " to start the app", "waiting for download");

        // timestamps on: the board's next lines start with the time of day
        int mark = shown().length();
        h.window.checkBox("monitorTimestamps").click();
        h.window.button("monitorReset").click();
        h.waitFor("the app's boot after Reset", 10, () -> h.frame.monitor.output.getText().indexOf("entry 0x4009816c",
                mark) > 0);
        assertThat(shown().substring(mark)).contains("--- Timestamps on", "--- Resetting the chip")
                .containsPattern("\\n\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d rst:0x1 \\(POWERON_RESET\\)");

        // save: the file holds exactly what is shown
        Path saved = tmp.resolve("saved.log");
        GuiActionRunner.execute(() -> {
            h.frame.monitor.saveTo(saved);
            return null;
        });
        assertThat(Files.readString(saved)).startsWith(shown().substring(0, 200)).contains("--- crash on core 0");
    }

    @Test
    void flashingTakesThePortAndGivesItBackAndAVanishedPortComesBack() throws Exception {
        Path image = flashWithBootloader();
        // the link is cut once the board received 8 bytes from the host, then the board comes back
        String port = "virtual://esp32?boot=app&image=" + image + "&unplug-after=8&replug=1";
        h = new WindowHarness(tmp, Themes.LIGHT, false);
        h.window.comboBox("port").replaceText(port);
        h.window.tabbedPane("tabs").selectTab("Monitor");
        h.window.button("monitorConnect").click();
        h.waitFor("the boot log", 20, () -> h.frame.monitor.output.getText().contains("entry 0x4009816c"));

        h.window.textBox("monitorInput").enterText("help me now\n");
        h.waitFor("the reconnect", 20, () -> h.frame.monitor.output.getText().contains("--- Reconnected to"));
        assertThat(shown()).containsSubsequence("--- Waiting for the device to reconnect", "--- Reconnected to "
                + "virtual://esp32?boot=app");
        assertThat(GuiActionRunner.execute(() -> h.frame.monitor.state.getText())).startsWith("Reconnected to"
                + " virtual://esp32");

        // Detect needs the port: the monitor lets go while the job runs and comes back after it
        h.window.tabbedPane("tabs").selectTab("Flash");
        h.window.comboBox("port").replaceText("virtual://esp32?image=" + image);
        h.window.button("detect").click();
        assertThat(h.waitForResult(60)).startsWith("Found ESP32 on virtual://esp32.");
        h.waitFor("the monitor to come back", 10, () -> h.frame.monitor.open()
                && h.frame.monitor.output.getText().split("--- jesptool monitor on", -1).length == 3);
        assertThat(GuiActionRunner.execute(() -> h.frame.monitor.state.getText())).startsWith("Connected to"
                + " virtual://esp32 at 115200 baud");

        h.window.tabbedPane("tabs").selectTab("Monitor");
        h.window.button("monitorConnect").click();
        h.waitFor("the monitor to close", 10, () -> !h.frame.monitor.open());
        assertThat(GuiActionRunner.execute(() -> h.frame.monitor.state.getText())).startsWith("Not connected.");
    }

    @Test
    void aBoardThatDoesNotAnswerGetsTheDoctorsAdvice() throws Exception {
        h = new WindowHarness(tmp, Themes.LIGHT, false);
        String port = "virtual://esp32?boot=app&no-reply=1";
        h.window.comboBox("port").replaceText(port);
        h.window.button("detect").click();
        String text = h.waitForResult(180);
        h.screenshot("error-doctor");
        assertThat(h.tone()).isEqualTo(StatusPanel.Tone.ERROR);
        assertThat(text).startsWith("Could not talk to the board on " + port + ".\n")
                .contains("\nThe connection doctor checked the port:\n- The chip printed nothing after any reset and"
                        + " did not answer", "Next: ", "TX and RX are crossed")
                .doesNotContain("Exception", "\tat ");
        assertThat(GuiActionRunner.execute(() -> h.frame.status.log.getText()))
                .contains("The connection doctor examines virtual://esp32", "Trying classic reset");
    }
}
