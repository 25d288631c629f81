/** The command-line tools (esptool, espsecure, espefuse): picocli commands, no exported API. */
module org.jesptool.cli {
    requires org.jesptool.core;
    requires org.jesptool.image;
    requires org.jesptool.secure;
    requires org.jesptool.monitor;
    requires org.jesptool.efuse;
    requires info.picocli;

    opens org.jesptool.cli to info.picocli;
    opens org.jesptool.cli.flash to info.picocli;
    opens org.jesptool.cli.image to info.picocli;
    opens org.jesptool.cli.secure to info.picocli;
    opens org.jesptool.cli.monitor to info.picocli;
    opens org.jesptool.cli.remote to info.picocli;
    opens org.jesptool.cli.efuse to info.picocli;
}
