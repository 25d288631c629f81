package org.jesptool.gui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;
import org.jesptool.transport.PortInfo;
import org.jesptool.transport.Transports;

/**
 * Lists the serial ports once a second on its own thread and tells the window (on the event thread) when
 * boards came or went. Virtual boards are always listed after the real ones.
 */
final class PortWatcher implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jesptool-gui-ports");
        t.setDaemon(true);
        return t;
    });
    private final Path virtualDir;
    private final Consumer<List<PortEntry>> onChange;
    private List<PortInfo> last;

    PortWatcher(Path virtualDir, Consumer<List<PortEntry>> onChange) {
        this.virtualDir = virtualDir;
        this.onChange = onChange;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::poll, 0, 1, TimeUnit.SECONDS);
    }

    private void poll() {
        List<PortInfo> now;
        try {
            now = Transports.listPorts();
        } catch (RuntimeException | LinkageError e) {
            now = List.of(); // no native serial library on this platform: virtual boards still work
        }
        if (now.equals(last)) {
            return;
        }
        last = now;
        // USB ports first (where boards are), then the virtual boards, then built-in serial ports (rarely a board)
        List<PortEntry> entries = new ArrayList<>();
        for (PortInfo p : now) {
            if (p.isUsb()) {
                entries.add(PortEntry.of(p));
            }
        }
        for (String chip : PortEntry.VIRTUAL_CHIPS) {
            entries.add(PortEntry.virtual(chip, virtualDir));
        }
        for (PortInfo p : now) {
            if (!p.isUsb()) {
                entries.add(PortEntry.of(p));
            }
        }
        SwingUtilities.invokeLater(() -> onChange.accept(entries));
    }

    /** Where the virtual boards keep their flash: -Djesptool.gui.virtualDir, else a folder in the temp dir. */
    static Path defaultVirtualDir() {
        String dir = System.getProperty("jesptool.gui.virtualDir");
        return dir != null ? Path.of(dir)
                : Path.of(System.getProperty("java.io.tmpdir"), "jesptool-virtual-boards-" + System.getProperty("user.name"));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
