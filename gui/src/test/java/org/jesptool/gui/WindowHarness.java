package org.jesptool.gui;

import static org.junit.jupiter.api.Assertions.fail;

import java.awt.GraphicsEnvironment;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;
import javax.imageio.ImageIO;
import javax.swing.JComponent;
import javax.swing.TransferHandler;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.timing.Condition;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Timeout;
import org.junit.jupiter.api.Assumptions;

/**
 * Opens the real window for a test and drives it like a user (AssertJ Swing's robot moves the mouse and types).
 * Needs a display: under CI=true a missing one fails the test; locally the test is skipped with the reason.
 */
final class WindowHarness implements AutoCloseable {
    /** The shared flash fixtures (bootloaders, partition table, app) copied out of test-support once. */
    static final Path FLASH_FILES = flashFiles();
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final Robot robot;
    final FrameFixture window;
    final FlasherWindow frame;
    final Settings settings;

    private static Path flashFiles() {
        try {
            Path dir = Files.createTempDirectory("jesptool-gui-flash");
            for (String f : List.of("app_esp32.bin", "bootloader_esp32.bin", "bootloader_esp32c3.bin",
                    "bootloader_esp8266.bin", "partitions_singleapp.bin")) {
                org.jesptool.testsupport.Fixtures.copy("flash/" + f, dir).toFile().deleteOnExit();
            }
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Skips (or fails under CI) when there is no display. */
    static void requireDisplay() {
        if (!GraphicsEnvironment.isHeadless()) {
            return;
        }
        String why = "no display: the window tests need X (run them under Xvfb, e.g. 'xvfb-run mvn -pl gui test';"
                + " .ci/run starts one)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.abort(why);
    }

    /** The settings node of the last window, reused by a window that keeps its settings. */
    private static String settingsNode;

    /** A fresh window with its own settings node; {@code keepSettings} reuses what the last window saved. */
    WindowHarness(Path virtualDir, String theme, boolean keepSettings) {
        // a node of its own per fresh window: a closing window of an earlier test (or another test JVM on the
        // same account) saving late cannot leak its rows into this one
        if (!keepSettings || settingsNode == null) {
            settingsNode = "org/jesptool/gui-test/" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        }
        settings = new Settings(Preferences.userRoot().node(settingsNode));
        if (!keepSettings) {
            settings.clear();
        }
        robot = BasicRobot.robotWithNewAwtHierarchy();
        robot.settings().delayBetweenEvents(20);
        frame = GuiActionRunner.execute(() -> {
            Themes.install(theme);
            return new FlasherWindow(settings, virtualDir);
        });
        window = new FrameFixture(robot, frame);
        window.show(new java.awt.Dimension(1040, 800));
    }

    /** Waits (up to {@code seconds}) until {@code done} holds, checking on the event thread. */
    void waitFor(String what, int seconds, BooleanSupplier done) {
        Pause.pause(new Condition(what) {
            @Override
            public boolean test() {
                return GuiActionRunner.execute(done::getAsBoolean);
            }
        }, Timeout.timeout(seconds * 1000L));
    }

    String banner() {
        return GuiActionRunner.execute(() -> frame.status.result.getText());
    }

    StatusPanel.Tone tone() {
        return GuiActionRunner.execute(() -> frame.status.tone());
    }

    /** Waits for the current job to end and returns the banner. */
    String waitForResult(int seconds) {
        waitFor("the job to finish", seconds, () -> !frame.busy() && frame.status.tone() != StatusPanel.Tone.WORKING);
        return banner();
    }

    /** Drops files onto the file list as a file manager would (through the list's drop handler). */
    void drop(Path... files) {
        Transferable t = new Transferable() {
            @Override
            public DataFlavor[] getTransferDataFlavors() {
                return new DataFlavor[] {DataFlavor.javaFileListFlavor};
            }

            @Override
            public boolean isDataFlavorSupported(DataFlavor f) {
                return DataFlavor.javaFileListFlavor.equals(f);
            }

            @Override
            public Object getTransferData(DataFlavor f) {
                return java.util.Arrays.stream(files).map(Path::toFile).toList();
            }
        };
        boolean ok = GuiActionRunner.execute(() -> {
            JComponent table = frame.files.table;
            return table.getTransferHandler().importData(new TransferHandler.TransferSupport(table, t));
        });
        if (!ok) {
            fail("the file list refused the drop");
        }
        robot.waitForIdle();
    }

    /** Picks a board from the port list (waits until the list has it). */
    void choosePort(String labelStart) {
        waitFor("the port list to show " + labelStart, 10, () -> {
            for (int i = 0; i < frame.board.port.getItemCount(); i++) {
                if (frame.board.port.getItemAt(i).toString().startsWith(labelStart)) {
                    return true;
                }
            }
            return false;
        });
        window.comboBox("port").selectItem(java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(labelStart)
                + ".*"));
    }

    /** Writes the window as it looks now to target/screenshots/NAME.png. */
    Path screenshot(String name) throws IOException {
        robot.waitForIdle();
        BufferedImage img = GuiActionRunner.execute(() -> {
            var root = frame.getRootPane();
            BufferedImage b = new BufferedImage(root.getWidth(), root.getHeight(), BufferedImage.TYPE_INT_RGB);
            var g = b.createGraphics();
            root.paint(g);
            g.dispose();
            return b;
        });
        Files.createDirectories(SCREENSHOTS);
        Path out = SCREENSHOTS.resolve(name + ".png");
        ImageIO.write(img, "png", out.toFile());
        return out;
    }

    static List<File> files(Path... p) {
        return java.util.Arrays.stream(p).map(Path::toFile).toList();
    }

    @Override
    public void close() {
        window.cleanUp();
    }
}
