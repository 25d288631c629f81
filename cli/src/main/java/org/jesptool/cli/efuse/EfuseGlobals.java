package org.jesptool.cli.efuse;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** espefuse's global options (they come before the first command). */
@Command(name = "espefuse", description = "Read, burn and protect the eFuses of Espressif chips.")
final class EfuseGlobals {
    @Option(names = {"-c", "--chip"}, defaultValue = "auto", paramLabel = "CHIP",
            description = "Target chip (auto, esp32, esp32s2, esp32s3, esp32c2, esp32c3, esp32c5, esp32c6, esp32c61, "
                    + "esp32h2, esp32p4). Env: ESPTOOL_CHIP.")
    String chip;

    @Option(names = {"-b", "--baud"}, defaultValue = "115200", paramLabel = "BAUD",
            description = "Serial baud rate (espefuse never changes it). Env: ESPTOOL_BAUD.")
    int baud;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "Serial port, socket://host:port, rfc2217://host:port or virtual://CHIP. Env: ESPTOOL_PORT.")
    String port;

    @Option(names = "--before", defaultValue = "default-reset", paramLabel = "ACTION",
            description = "Reset before connecting: default-reset, usb-reset, no-reset, no-reset-no-sync.")
    String before;

    @Option(names = {"-a", "--after"}, defaultValue = "no-reset", paramLabel = "ACTION",
            description = "Reset after the commands: hard-reset, soft-reset, no-reset, watchdog-reset.")
    String after;

    @Option(names = {"-d", "--debug"}, description = "Show register-level details and sensitive data.")
    boolean debug;

    @Option(names = "--virt", description = "No chip: use an emulated eFuse controller.")
    boolean virt;

    @Option(names = "--path-efuse-file", paramLabel = "PATH",
            description = "With --virt: keep the emulated eFuses in this file (the reference's format).")
    String pathEfuseFile;

    @Option(names = "--do-not-confirm", description = "Burn without asking for 'BURN'.")
    boolean doNotConfirm;

    @Option(names = "--postpone", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Burn BLOCK0's protection and security fields after the rest (default on).")
    boolean postpone = true;

    @Option(names = "--extend-efuse-table", paramLabel = "CSV",
            description = "Add the fields of an ESP-IDF custom eFuse table.")
    String extendEfuseTable;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
