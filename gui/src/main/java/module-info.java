/** The desktop flasher: a Swing window on the core library. It exports nothing. */
module org.jesptool.gui {
    requires java.desktop;
    requires java.prefs;
    requires java.management;
    requires org.jesptool.core;
    requires org.jesptool.monitor;
    requires com.formdev.flatlaf;
}
