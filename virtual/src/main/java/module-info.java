/**
 * The virtual device: each chip's serial ROM loader, the stub protocol, SPI NOR flash and eFuses, reached
 * through {@link org.jesptool.virtual.VirtualPort} or, from the host library, as {@code virtual://CHIP}.
 */
module org.jesptool.virtual {
    requires transitive org.jesptool.protocol;
    requires org.jesptool.secure;
    requires info.picocli;

    exports org.jesptool.virtual;
    opens org.jesptool.virtual to info.picocli;

    provides org.jesptool.protocol.link.SerialLinkProvider with org.jesptool.virtual.VirtualLinkProvider;
}
