package org.jesptool.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.assertj.swing.data.TableCell;
import org.assertj.swing.edt.GuiActionRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real window on a display, driven like a user, against virtual boards whose flash is a file. */
class FlasherWindowTest {
    static final Path BOOTLOADER = WindowHarness.FLASH_FILES.resolve("bootloader_esp32.bin");
    static final Path PARTITIONS = WindowHarness.FLASH_FILES.resolve("partitions_singleapp.bin");
    static final Path APP = WindowHarness.FLASH_FILES.resolve("app_esp32.bin");

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

    @Test
    void detectAddTheThreeFilesFlashAndTheVirtualFlashHoldsThem() throws Exception {
        h = new WindowHarness(tmp, Themes.LIGHT, false);
        h.screenshot("idle");
        h.choosePort("virtual://esp32 ");
        h.window.comboBox("baud").replaceText("921600");
        h.window.button("detect").click();
        assertThat(h.waitForResult(60)).startsWith("Found ESP32 on virtual://esp32. Now add the files to flash");
        assertThat(GuiActionRunner.execute(() -> h.frame.board.facts().toString()))
                .contains("Chip", "ESP32-D0WD", "MAC", "Crystal", "Flash", "4MB", "Security");

        h.drop(BOOTLOADER, PARTITIONS, APP);
        h.window.table("files").requireCellValue(TableCell.row(0).column(FileTableModel.ADDRESS), "0x1000");
        h.window.table("files").requireCellValue(TableCell.row(1).column(FileTableModel.ADDRESS), "0x8000");
        h.window.table("files").requireCellValue(TableCell.row(2).column(FileTableModel.ADDRESS), "0x10000");
        assertThat(h.window.table("files").valueAt(TableCell.row(2).column(FileTableModel.WHAT)))
                .startsWith("application for ESP32");

        h.window.button("flash").click();
        String result = h.waitForResult(120);
        h.screenshot("done");
        assertThat(result).startsWith("Done: wrote and verified 3 files");
        assertThat(h.window.table("files").valueAt(TableCell.row(2).column(FileTableModel.STATUS)))
                .isEqualTo("written, verified");

        byte[] flash = Files.readAllBytes(tmp.resolve("esp32-flash.bin"));
        assertThat(flash).hasSize(4 << 20);
        byte[] boot = Files.readAllBytes(BOOTLOADER);
        boot[3] = (byte) ((boot[3] & 0x0F) | 0x20); // Size "detect": the header now says 4MB (code 2)
        assertThat(Arrays.copyOfRange(flash, 0x1000, 0x1000 + boot.length)).isEqualTo(boot);
        assertThat(Arrays.copyOfRange(flash, 0x8000, 0x8000 + 96)).isEqualTo(Files.readAllBytes(PARTITIONS));
        byte[] app = Files.readAllBytes(APP);
        assertThat(Arrays.copyOfRange(flash, 0x10000, 0x10000 + app.length)).isEqualTo(app);
        assertThat(Arrays.copyOfRange(flash, 0, 0x1000)).containsOnly((byte) 0xFF);
        assertThat(Arrays.copyOfRange(flash, 0x10000 + app.length, flash.length)).containsOnly((byte) 0xFF);

        h.window.button("copyCommand").click();
        String copied = GuiActionRunner.execute(() -> (String) java.awt.Toolkit.getDefaultToolkit().getSystemClipboard()
                .getData(java.awt.datatransfer.DataFlavor.stringFlavor));
        assertThat(copied).isEqualTo("esptool --port 'virtual://esp32?realtime=1&image=" + tmp.resolve("esp32-flash.bin")
                + "' --baud 921600 write-flash --flash-size detect 0x1000 " + BOOTLOADER.toAbsolutePath().normalize()
                + " 0x8000 " + PARTITIONS.toAbsolutePath().normalize() + " 0x10000 " + APP.toAbsolutePath().normalize());
        String log = GuiActionRunner.execute(() -> h.frame.status.log.getText());
        assertThat(log).contains(copied);
        assertThat(log).contains("Chip type:          ESP32-D0WD", "Wrote 601808 bytes", "Hard resetting via RTS pin");
    }

    @Test
    void stopDuringFlashingSaysTheFlashIsOnlyPartlyWritten() throws Exception {
        h = new WindowHarness(tmp, Themes.LIGHT, false);
        Path image = tmp.resolve("esp32-flash.bin");
        // the listed virtual boards take real time per byte, so the test can look at one mid-write
        h.choosePort("virtual://esp32 ");
        h.window.comboBox("baud").replaceText("921600");
        h.drop(BOOTLOADER, PARTITIONS, APP);
        h.window.button("flash").click();
        h.waitFor("the app to be half written", 120, () -> h.frame.status.overallBar.getValue() >= 40
                && h.frame.files.model.row(2).percent >= 10);
        h.screenshot("flashing");
        assertThat(GuiActionRunner.execute(() -> h.frame.status.overallBar.getString())).matches(
                "\\d+ %  -  .*/s, about .* left");
        h.window.button("stop").click();
        String text = h.waitForResult(60);
        assertThat(h.tone()).isEqualTo(StatusPanel.Tone.ERROR);
        assertThat(text).startsWith("Stopped. What was being written is only partly in flash");
        assertThat(h.window.table("files").valueAt(TableCell.row(2).column(FileTableModel.STATUS)))
                .isEqualTo("stopped, not complete");
        assertThat(h.window.table("files").valueAt(TableCell.row(0).column(FileTableModel.STATUS)))
                .isEqualTo("written, verified");
        byte[] app = Files.readAllBytes(APP);
        byte[] flash = Files.readAllBytes(image);
        assertThat(Arrays.copyOfRange(flash, 0x10000, 0x10000 + app.length)).isNotEqualTo(app);
    }

    @Test
    void aBoardUnpluggedMidFlashIsAFailureInWordsNotASuccess() throws Exception {
        h = new WindowHarness(tmp, Themes.LIGHT, false);
        Path image = tmp.resolve("unplugged.bin");
        h.window.comboBox("port").replaceText("virtual://esp32?unplug-after=150000&replug=0&image=" + image);
        h.drop(BOOTLOADER, PARTITIONS, APP);
        h.window.button("flash").click();
        String text = h.waitForResult(180);
        h.screenshot("error-unplugged");
        assertThat(h.tone()).isEqualTo(StatusPanel.Tone.ERROR);
        // where the link drops depends on how well the blocks compress: somewhere in the app
        assertThat(text).startsWith("Writing " + APP.toAbsolutePath().normalize() + " at 0x000")
                .contains(" failed: the virtual device was unplugged")
                .contains("The flash is only partly written, so the board may not start: check the cable, plug the"
                        + " board back in")
                .doesNotContain("Exception", "\tat ");
        assertThat(h.window.table("files").valueAt(TableCell.row(2).column(FileTableModel.STATUS)))
                .isEqualTo("FAILED, not complete");
    }

    @Test
    void theFactoryTabFlashesTwoBoardsAtOnceAndReportsEachOne() throws Exception {
        h = new WindowHarness(tmp, Themes.LIGHT, false);
        h.drop(BOOTLOADER, PARTITIONS, APP);
        h.window.tabbedPane("tabs").selectTab("Factory (several boards)");
        Path a = tmp.resolve("board-a.bin");
        Path b = tmp.resolve("board-b.bin");
        Path c3 = tmp.resolve("board-c3.bin");
        for (Path p : new Path[] {a, b}) {
            h.window.textBox("factoryPort").setText("virtual://esp32?image=" + p);
            h.window.button("factoryAdd").click();
        }
        h.window.textBox("factoryPort").setText("virtual://esp32c3?image=" + c3); // the wrong chip for these files
        h.window.button("factoryAdd").click();
        h.window.button("factoryStart").click();
        h.waitFor("all boards to finish", 180, () -> h.frame.factory.summary.getText().contains("boards flashed"));
        h.screenshot("factory");
        assertThat(h.window.label("factorySummary").text()).isEqualTo("2 of 3 boards flashed; 1 failed or stopped"
                + " (see their rows).");
        var rows = GuiActionRunner.execute(() -> h.frame.factory.model.rows.stream()
                .filter(r -> r.enabled).map(r -> r.chip + " | " + r.mac + " | " + r.result).toList());
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).startsWith("ESP32 | 24:0a:c4:00:00:01 | OK: 3 files written and verified in");
        assertThat(rows.get(1)).startsWith("ESP32 | 24:0a:c4:00:00:01 | OK: 3 files written and verified in");
        assertThat(rows.get(2)).startsWith("ESP32-C3 | ").contains("bootloader_esp32.bin is not an ESP32-C3 image (its header"
                + " says chip id 0, ESP32-C3 is 5). Nothing was written.  To redo: esptool --port")
                .contains(" write-flash 0x1000 " + BOOTLOADER.toAbsolutePath().normalize()).doesNotContain("--force");
        byte[] boot = Files.readAllBytes(BOOTLOADER);
        byte[] app = Files.readAllBytes(APP);
        for (Path p : new Path[] {a, b}) {
            byte[] flash = Files.readAllBytes(p);
            // the factory writes the files as they are (no header change)
            assertThat(Arrays.copyOfRange(flash, 0x1000, 0x1000 + boot.length)).isEqualTo(boot);
            assertThat(Arrays.copyOfRange(flash, 0x8000, 0x8000 + 96)).isEqualTo(Files.readAllBytes(PARTITIONS));
            assertThat(Arrays.copyOfRange(flash, 0x10000, 0x10000 + app.length)).isEqualTo(app);
        }
        assertThat(Arrays.copyOfRange(Files.readAllBytes(c3), 0, 0x20000)).containsOnly((byte) 0xFF);

        Path report = tmp.resolve("report.csv");
        h.window.button("factoryReport").click();
        var save = h.window.fileChooser();
        save.fileNameTextBox().setText(report.toString());
        approve(save);
        h.waitFor("the report", 30, () -> !h.frame.factory.summary.getText().contains("boards flashed"));
        assertThat(h.window.label("factorySummary").text()).startsWith("Report saved");
        String csv = Files.readString(report);
        assertThat(csv.lines()).hasSize(4);
        assertThat(csv).contains(a.toString(), b.toString(), c3.toString(), ",succeeded,", ",failed,");
    }

    @Test
    void backupEraseAndRestoreTheWholeFlash() throws Exception {
        h = new WindowHarness(tmp, Themes.LIGHT, false);
        Path image = tmp.resolve("small-board.bin");
        byte[] before = new byte[512 << 10];
        new java.util.Random(7).nextBytes(before);
        Files.write(image, before);
        h.window.comboBox("port").replaceText("virtual://esp32?flash=512KB&image=" + image);
        h.window.tabbedPane("tabs").selectTab("Backup & erase");

        Path backup = tmp.resolve("backup.bin");
        h.window.button("backup").click();
        var save = h.window.fileChooser();
        save.fileNameTextBox().setText(backup.toString());
        approve(save);
        assertThat(h.waitForResult(300)).startsWith("Saved the whole 512 KB flash to " + backup);
        assertThat(Files.readAllBytes(backup)).isEqualTo(before);

        h.window.button("erase").click();
        var confirm = h.window.optionPane(org.assertj.swing.timing.Timeout.timeout(10_000));
        assertThat(confirm.target().getMessage().toString()).startsWith("Erase everything in the flash of the board");
        press(confirm.okButton().target());
        // with the flasher stub the erase is quick: wait for its banner, not just for an idle window
        h.waitFor("the erase", 120, () -> !h.frame.busy() && !h.frame.status.result.getText().startsWith("Saved"));
        assertThat(h.waitForResult(120)).startsWith("Erased the whole 512 KB flash");
        assertThat(Files.readAllBytes(image)).containsOnly((byte) 0xFF);

        h.window.button("restore").click();
        var open = h.window.fileChooser();
        open.fileNameTextBox().setText(backup.toString());
        approve(open);
        h.waitFor("the restore", 300, () -> !h.frame.busy() && !h.frame.status.result.getText().startsWith("Erased"));
        assertThat(h.waitForResult(300)).startsWith("Done: wrote and verified 1 file (512 KB)")
                .endsWith("runs what the backup holds.");
        assertThat(Files.readAllBytes(image)).isEqualTo(before);
    }

    @Test
    void nodeMcuFirmwareWithInternalDefaultOnAnEsp8266() throws Exception {
        h = new WindowHarness(tmp, Themes.LIGHT, false);
        Path image = tmp.resolve("esp8266-board.bin");
        Path init = tmp.resolve("esp_init_data_default.bin");
        byte[] initData = new byte[128];
        Arrays.fill(initData, (byte) 0x33);
        Files.write(init, initData);
        Path firmware = WindowHarness.FLASH_FILES.resolve("bootloader_esp8266.bin");
        h.window.comboBox("port").replaceText("virtual://esp8266?image=" + image);
        h.drop(firmware);
        h.window.table("files").requireCellValue(TableCell.row(0).column(FileTableModel.ADDRESS), "0x0");
        h.window.button("addSpecial").click();
        h.window.menuItem("internalDefault").click();
        var chooser = h.window.fileChooser();
        chooser.fileNameTextBox().setText(init.toString());
        approve(chooser);
        h.window.table("files").requireRowCount(2);
        assertThat(h.window.table("files").valueAt(TableCell.row(1).column(FileTableModel.ADDRESS)))
                .isEqualTo("4th-last sector");
        h.window.button("flash").click();
        // the ESP8266 ROM loader has no MD5 command, but our flasher stub has: written and verified
        assertThat(h.waitForResult(120)).startsWith("Done: wrote and verified 3 files (6.8 KB) in");
        assertThat(h.tone()).isEqualTo(StatusPanel.Tone.SUCCESS);
        h.screenshot("esp8266");
        byte[] flash = Files.readAllBytes(image);
        byte[] fw = Files.readAllBytes(firmware);
        fw[3] = (byte) ((fw[3] & 0x0F) | 0x40); // Size "detect": the ESP8266 header now says 4MB
        assertThat(Arrays.copyOfRange(flash, 0, fw.length)).isEqualTo(fw);
        assertThat(Arrays.copyOfRange(flash, 0x3FC000, 0x3FC000 + 128)).isEqualTo(initData);
        assertThat(Arrays.copyOfRange(flash, 0x3FE000, 0x3FF000)).containsOnly((byte) 0xFF);
        // the detected 4MB flash placed the init data: the row now shows where
        h.window.table("files").requireCellValue(TableCell.row(1).column(FileTableModel.ADDRESS), "0x3fc000");
    }

    @Test
    void withAFlasherStubTheWholeFlashIsErasedInOneCommand() throws Exception {
        // a placeholder stub image: the virtual device runs its stub model for any uploaded program
        Path stubs = Files.createDirectories(tmp.resolve("stubs"));
        Files.writeString(stubs.resolve("esp32c3.json"), "{\"text\": \"" + java.util.Base64.getEncoder()
                .encodeToString(new byte[64]) + "\", \"text_start\": " + 0x40380000L + ", \"data\": \"AAAAAA==\","
                + " \"data_start\": " + 0x3FC96BB4L + ", \"entry\": " + 0x40380000L + "}");
        System.setProperty("jesptool.gui.stubDir", stubs.toString());
        try {
            h = new WindowHarness(tmp, Themes.LIGHT, false);
            Path image = tmp.resolve("c3.bin");
            byte[] before = new byte[1 << 20];
            Arrays.fill(before, (byte) 0x42);
            Files.write(image, before);
            h.window.comboBox("port").replaceText("virtual://esp32c3?flash=1MB&image=" + image);
            h.window.tabbedPane("tabs").selectTab("Backup & erase");
            h.window.button("erase").click();
            press(h.window.optionPane().okButton().target());
            assertThat(h.waitForResult(120)).startsWith("Erased the whole 1 MB flash");
            assertThat(Files.readAllBytes(image)).containsOnly((byte) 0xFF);
            assertThat(GuiActionRunner.execute(() -> h.frame.status.log.getText())).contains("Uploading flasher stub...",
                    "Flasher stub running.", "Erasing flash (this may take a while)...");
        } finally {
            System.clearProperty("jesptool.gui.stubDir");
        }
    }

    @Test
    void overlappingRowsAndAnAppAtTheBootloaderOffsetAreRefusedBeforeConnecting() throws Exception {
        h = new WindowHarness(tmp, Themes.LIGHT, false);
        h.choosePort("virtual://esp32 ");
        h.drop(BOOTLOADER, APP);
        h.window.table("files").enterValue(TableCell.row(1).column(FileTableModel.ADDRESS), "0x2000");
        h.window.button("flash").click();
        assertThat(h.tone()).isEqualTo(StatusPanel.Tone.ERROR);
        assertThat(h.banner()).contains("bootloader_esp32.bin (0x1000 to 0x2ecf) and app_esp32.bin (at 0x2000)"
                + " overlap", "Nothing was written.");
        h.screenshot("error-overlap");

        h.window.table("files").enterValue(TableCell.row(1).column(FileTableModel.ADDRESS), "0x1000");
        h.window.button("flash").click();
        assertThat(h.banner()).contains("app_esp32.bin is an application, but 0x1000 is where the ESP32 bootloader"
                + " goes: put the application at 0x10000.");

        h.window.table("files").enterValue(TableCell.row(1).column(FileTableModel.ADDRESS), "0x1OOOO");
        h.window.button("flash").click();
        assertThat(h.banner()).contains("The address '0x1OOOO' of app_esp32.bin is not a number");
        assertThat(tmp.resolve("esp32-flash.bin")).doesNotExist(); // nothing connected, nothing written
    }

    @Test
    void aConnectFailureShowsTheAdviceInWords() throws Exception {
        // a port where nothing answers: the wrong port, a board without power, or TX/RX swapped
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    s.getInputStream().transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            accept.setDaemon(true);
            accept.start();
            h = new WindowHarness(tmp, Themes.LIGHT, false);
            String port = "socket://127.0.0.1:" + silent.getLocalPort();
            h.window.comboBox("port").replaceText(port);
            h.window.button("detect").click();
            String text = h.waitForResult(180);
            h.screenshot("error-connect");
            assertThat(h.tone()).isEqualTo(StatusPanel.Tone.ERROR);
            assertThat(text).startsWith("Could not talk to the board on " + port + ".")
                    .contains("no serial data received at all. Wrong port, no power, or TX/RX swapped?",
                            "hold BOOT while resetting")
                    .doesNotContain("Exception", "\tat ");
            assertThat(GuiActionRunner.execute(() -> h.frame.board.hint.getText())).contains("No board found");
            // the help a beginner looks for next
            h.window.menuItemWithPath("Help", "Getting started").click();
            var help = h.window.optionPane();
            assertThat(help.target().getMessage().toString()).contains("hold the board's BOOT button while pressing"
                    + " RESET");
            press(help.okButton().target());
        }
    }

    @Test
    void darkModeAndSettingsRememberedBetweenRuns() throws Exception {
        h = new WindowHarness(tmp, Themes.LIGHT, false);
        h.window.menuItemWithPath("View", "Theme", "Dark").click();
        assertThat(GuiActionRunner.execute(() -> javax.swing.UIManager.getLookAndFeel().getName())).isEqualTo("FlatLaf Dark");
        assertThat(h.settings.get("theme", null)).isEqualTo(Themes.DARK);
        h.choosePort("virtual://esp32c3 ");
        h.window.comboBox("baud").replaceText("921600");
        h.drop(WindowHarness.FLASH_FILES.resolve("bootloader_esp32c3.bin"));
        h.window.button("detect").click();
        assertThat(h.waitForResult(60)).isEqualTo("Found ESP32-C3 on virtual://esp32c3. The addresses follow this chip:"
                + " check them, then press Flash.");
        // the C3's bootloader goes at 0x0: the suggested address follows the detected chip
        h.window.table("files").requireCellValue(TableCell.row(0).column(FileTableModel.ADDRESS), "0x0");
        h.screenshot("dark");
        h.close();

        h = new WindowHarness(tmp, Themes.LIGHT, true);
        assertThat(GuiActionRunner.execute(() -> h.frame.board.selectedPort())).startsWith("virtual://esp32c3?realtime=1&image=");
        assertThat(GuiActionRunner.execute(() -> h.frame.board.selectedBaud())).isEqualTo(921600);
        h.window.table("files").requireCellValue(TableCell.row(0).column(FileTableModel.ADDRESS), "0x0");
        h.window.table("files").requireRowCount(1);
    }

    /**
     * Approves a file chooser; under a busy Xvfb the robot's click can land before the dialog takes input, so it
     * approves again while the chooser is still showing.
     */
    /**
     * Presses the chooser's own approve button (its action reads the file name box, as a click does). Pressed
     * on the event thread rather than clicked by the robot: under a busy X server a robot click that lands
     * while a modal dialog is still taking focus is lost, and clicking again races the dialog closing.
     */
    private static void approve(org.assertj.swing.fixture.JFileChooserFixture chooser) {
        press(chooser.approveButton().target());
        org.assertj.swing.timing.Pause.pause(new org.assertj.swing.timing.Condition("the file chooser to close") {
            @Override
            public boolean test() {
                return !GuiActionRunner.execute(() -> chooser.target().isShowing());
            }
        }, org.assertj.swing.timing.Timeout.timeout(10_000));
    }

    /** A button of a dialog pressed on the event thread (see {@link #approve}). */
    private static void press(javax.swing.AbstractButton button) {
        GuiActionRunner.execute(() -> button.doClick());
    }
}
