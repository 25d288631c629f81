package org.jesptool.gui;

import java.awt.GraphicsEnvironment;
import javax.swing.SwingUtilities;

/**
 * {@code esptool-gui}: the desktop flasher. Options: {@code --startup-time} prints how long the window took to
 * appear (from the start of the JVM) and exits; {@code --preload} builds the window without showing it and
 * exits (the launcher's class-data sharing training run).
 */
public final class EsptoolGui {
    private EsptoolGui() {
    }

    public static void main(String[] args) {
        boolean startupTime = args.length > 0 && args[0].equals("--startup-time");
        boolean preload = args.length > 0 && args[0].equals("--preload");
        if (args.length > 1 || args.length == 1 && !startupTime && !preload) {
            System.err.println("usage: esptool-gui [--startup-time | --preload]");
            System.exit(2);
        }
        if (GraphicsEnvironment.isHeadless()) {
            System.err.println("esptool-gui needs a display (no DISPLAY is set). Use bin/esptool on the command"
                    + " line instead.");
            System.exit(2);
        }
        long mainAt = System.currentTimeMillis();
        Settings settings = Settings.forUser();
        SwingUtilities.invokeLater(() -> {
            Themes.install(settings.get("theme", Themes.SYSTEM));
            long lafAt = System.currentTimeMillis();
            FlasherWindow w = new FlasherWindow(settings, PortWatcher.defaultVirtualDir());
            long builtAt = System.currentTimeMillis();
            if (preload) {
                w.pack();
                w.dispose();
                System.exit(0);
            }
            w.setVisible(true);
            if (startupTime) {
                // after the first paint: the event queue runs this once the window's paint events are done
                SwingUtilities.invokeLater(() -> SwingUtilities.invokeLater(() -> {
                    long start = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
                    System.out.println("Window shown after " + (System.currentTimeMillis() - start)
                            + " ms (from JVM start; main " + (mainAt - start) + " ms, look and feel "
                            + (lafAt - start) + " ms, window built " + (builtAt - start) + " ms)");
                    w.dispose();
                    System.exit(0);
                }));
            }
        });
    }
}
