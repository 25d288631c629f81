package org.jesptool.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The esptool global options (must precede the command), facts 1.2. Environment variables supply
 * defaults (ESPTOOL_PORT, ESPTOOL_BAUD, ESPTOOL_CHIP, ESPTOOL_BEFORE, ESPTOOL_AFTER, ESPTOOL_CONNECT_ATTEMPTS).
 */
@Command(name = "esptool", mixinStandardHelpOptions = false, sortOptions = false, usageHelpAutoWidth = true,
        description = "Talk to Espressif chips through their serial ROM bootloader: flash, read, inspect.%n"
                + "Global options must come before the command.",
        footer = {"", "Environment: ESPTOOL_PORT, ESPTOOL_BAUD, ESPTOOL_CHIP, ESPTOOL_BEFORE, ESPTOOL_AFTER, "
                + "ESPTOOL_CONNECT_ATTEMPTS, ESPTOOL_FF/FM/FS, ESPTOOL_CFGFILE. Config: the [esptool] section of "
                + "esptool.cfg, setup.cfg or tox.ini. Arguments @FILE are replaced by the contents of FILE. "
                + "Commands also accept the v4 spelling with underscores (write_flash)."})
public class GlobalOptions implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Without a command: usage on stderr, exit status 2. */
    @Override
    public Integer call() {
        java.io.PrintStream err = context.err();
        err.println("error: no command given.");
        spec.commandLine().usage(err);
        return 2;
    }

    /** Set by EsptoolMain; not an option. */
    CliContext context;

    @Option(names = {"-c", "--chip"}, paramLabel = "CHIP", defaultValue = "auto",
            description = "Target chip: auto (default) or esp8266, esp32, esp32s2, esp32s3, esp32c2, esp32c3, "
                    + "esp32c5, esp32c6, esp32c61, esp32h2, esp32p4.")
    String chip;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "Serial port (e.g. /dev/ttyUSB0, COM3), socket://HOST:PORT, rfc2217://HOST:PORT or "
                    + "virtual://CHIP?options. Default: try every port. Repeat it (or give 'all', with --port-filter)"
                    + " to run the command on several boards at once.")
    String port;

    /** Read by FactoryCli before parsing (several boards); declared here for --help. */
    @Option(names = "--report", paramLabel = "FILE",
            description = "With several boards: write one record per board to FILE (.json, or .csv by extension).")
    String report;

    @Option(names = {"-b", "--baud"}, paramLabel = "BAUD", defaultValue = "115200",
            converter = CliNumbers.Int32.class,
            description = "Baud rate after connecting (sync always at 115200 or less). Default: 115200.")
    int baud;

    @Option(names = "--port-filter", paramLabel = "KEY=VALUE", arity = "1..*",
            description = "Filter for port auto-detection: vid=N, pid=N, name=SUBSTRING, serial=SUBSTRING.")
    List<String> portFilter = new ArrayList<>();

    @Option(names = "--before", paramLabel = "ACTION", defaultValue = "default-reset",
            description = "Before connecting: default-reset, usb-reset, no-reset, no-reset-no-sync.")
    String before;

    @Option(names = {"-a", "--after"}, paramLabel = "ACTION", defaultValue = "hard-reset",
            description = "After the command: hard-reset, soft-reset, no-reset, no-reset-stub, watchdog-reset.")
    String after;

    @Option(names = "--no-stub", description = "Stay with the ROM loader; do not upload a flasher stub.")
    boolean noStub;

    @Option(names = "--stub-file", paramLabel = "JSON",
            description = "Flasher stub to upload (JSON with text/text_start/data/data_start/entry). "
                    + "Without one the ROM loader is used.")
    String stubFile;

    @Option(names = "--stub-version", hidden = true, paramLabel = "N")
    String stubVersion;

    @Option(names = {"-t", "--trace"}, description = "Print every frame sent and received; show stack traces.")
    boolean trace;

    @Option(names = {"-v", "--verbose"}, description = "Print more details.")
    boolean verbose;

    @Option(names = {"-s", "--silent"}, description = "Print errors only.")
    boolean silent;

    @Option(names = "--override-vddsdio", paramLabel = "V", description = "ESP32 only: 1.8V, 1.9V or OFF.")
    String overrideVddsdio;

    @Option(names = "--connect-attempts", paramLabel = "N", converter = CliNumbers.Int32.class,
            description = "Connection attempts (0 or less: forever). Default: 7.")
    Integer connectAttempts;

    @picocli.CommandLine.Mixin
    HelpOption help = new HelpOption();

    public String chip() {
        return chip;
    }

    public String port() {
        return port;
    }

    public int baud() {
        return baud;
    }

    public boolean trace() {
        return trace;
    }

    public boolean verbose() {
        return verbose;
    }

    public boolean silent() {
        return silent;
    }

    public boolean noStub() {
        return noStub;
    }

    public String before() {
        return before;
    }

    public String after() {
        return after;
    }
}
