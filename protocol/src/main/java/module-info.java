/**
 * The loader protocol's vocabulary shared by the host library and the virtual device: SLIP framing, opcodes,
 * packets, error codes, and the serial-link seam ({@link org.jesptool.protocol.link.SerialLinkProvider}).
 */
module org.jesptool.protocol {
    exports org.jesptool.protocol;
    exports org.jesptool.protocol.link;
}
