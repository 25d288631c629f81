package org.jesptool.cli;

import picocli.CommandLine.Option;

/** {@code --spi-connection/-sc} of every command that talks to the SPI flash (facts 1.3). */
public final class SpiConnectionOption {
    @Option(names = {"--spi-connection", "-sc"}, paramLabel = "SPI|HSPI|CLK,Q,D,HD,CS",
            description = "SPI flash pins: SPI, HSPI or five GPIO numbers CLK,Q,D,HD,CS (default: as the chip "
                    + "boots; not on ESP8266).")
    String value;

    /** The argument as given, or null. */
    public String value() {
        return value;
    }
}
