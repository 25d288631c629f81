package org.jesptool.gui;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.swing.ButtonGroup;
import javax.swing.JFrame;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JRadioButtonMenuItem;

/** Light and dark FlatLaf themes, following the system unless the user picked one (remembered). */
final class Themes {
    static final String SYSTEM = "system";
    static final String LIGHT = "light";
    static final String DARK = "dark";

    private static final String GETTING_STARTED = "<html><body style='width:420px'>"
            + "<b>1. Board:</b> plug the board in with a USB data cable; it appears in the list by itself."
            + " Choose it and press <b>Detect</b> to see what chip and flash it has. No board at hand? Choose a"
            + " <i>virtual</i> board.<br><br>"
            + "<b>2. Files:</b> drag your firmware files onto the list. The address of each is filled in from what"
            + " the file is; keep it unless your project's instructions say otherwise.<br><br>"
            + "<b>3. Flash:</b> press <b>Flash</b> and wait for the green message. The board restarts with the new"
            + " firmware.<br><br>"
            + "<b>If connecting fails:</b> check that no other program (serial monitor, Arduino IDE) uses the port,"
            + " try a lower baud rate, or hold the board's BOOT button while pressing RESET, then press Detect"
            + " again.<br><br>Before trying something new, <b>Backup &amp; erase</b> can save what the board holds"
            + " now.</body></html>";

    private Themes() {
    }

    /** Installs the theme before the window is made. */
    static void install(String choice) {
        FlatLaf laf = dark(choice) ? new FlatDarkLaf() : new FlatLightLaf();
        FlatLaf.setup(laf);
    }

    /** Switches a running window's theme. */
    static void apply(String choice) {
        install(choice);
        FlatLaf.updateUI();
    }

    static boolean dark(String choice) {
        return DARK.equals(choice) || SYSTEM.equals(choice) && systemIsDark();
    }

    /** Whether the desktop is set to a dark appearance (macOS, Windows, GNOME-like Linux desktops). */
    static boolean systemIsDark() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return ask("defaults", "read", "-g", "AppleInterfaceStyle").contains("dark");
        }
        if (os.contains("win")) {
            return ask("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                    "/v", "AppsUseLightTheme").matches("(?s).*apps?uselighttheme\\s+reg_dword\\s+0x0\\b.*");
        }
        String gtk = System.getenv("GTK_THEME");
        if (gtk != null) {
            return gtk.toLowerCase(Locale.ROOT).contains("dark");
        }
        return System.getenv("DISPLAY") != null && System.getenv("XDG_CURRENT_DESKTOP") != null
                && ask("gsettings", "get", "org.gnome.desktop.interface", "color-scheme").contains("dark");
    }

    /** A short command's output in lower case, or "" when it is missing, fails or takes over a second. */
    private static String ask(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(1, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The menu bar: View > Theme. */
    static JMenuBar menuBar(JFrame frame, Settings settings) {
        JMenuBar bar = new JMenuBar();
        JMenu view = new JMenu("View");
        view.setName("viewMenu");
        JMenu theme = new JMenu("Theme");
        ButtonGroup group = new ButtonGroup();
        String current = settings.get("theme", SYSTEM);
        for (String[] t : new String[][] {{SYSTEM, "Follow the system"}, {LIGHT, "Light"}, {DARK, "Dark"}}) {
            JRadioButtonMenuItem item = new JRadioButtonMenuItem(t[1], t[0].equals(current));
            item.setName("theme." + t[0]);
            item.addActionListener(e -> {
                settings.put("theme", t[0]);
                apply(t[0]);
            });
            group.add(item);
            theme.add(item);
        }
        view.add(theme);
        bar.add(view);
        JMenu help = new JMenu("Help");
        javax.swing.JMenuItem start = new javax.swing.JMenuItem("Getting started");
        start.setName("gettingStarted");
        start.addActionListener(e -> javax.swing.JOptionPane.showMessageDialog(frame, GETTING_STARTED,
                "Getting started", javax.swing.JOptionPane.INFORMATION_MESSAGE));
        help.add(start);
        bar.add(help);
        return bar;
    }
}
