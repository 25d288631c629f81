/**
 * The host library: transports ({@code org.jesptool.transport}), the loader command layer's failures and
 * timeouts ({@code org.jesptool.command}), connecting and the loader primitives ({@code org.jesptool.loader}),
 * chip facts ({@code org.jesptool.target}) and flash operations ({@code org.jesptool.flash}). The SLIP
 * channel ({@code org.jesptool.command.internal}) is not exported.
 */
module org.jesptool.core {
    requires transitive org.jesptool.protocol;
    requires transitive org.jesptool.image;
    requires com.fazecast.jSerialComm;

    exports org.jesptool.command;
    exports org.jesptool.factory;
    exports org.jesptool.remote;
    exports org.jesptool.flash;
    exports org.jesptool.loader;
    exports org.jesptool.target;
    exports org.jesptool.transport;

    uses org.jesptool.transport.TransportProvider;
    uses org.jesptool.protocol.link.SerialLinkProvider;
}
