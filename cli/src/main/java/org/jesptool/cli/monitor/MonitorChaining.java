package org.jesptool.cli.monitor;

import java.nio.file.Path;

import org.jesptool.cli.CliContext;
import org.jesptool.cli.GlobalOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** write-flash's {@code --monitor} (as espflash's {@code flash --monitor}): open the monitor after flashing. */
public final class MonitorChaining {
    @Option(names = "--monitor", description = "After writing, open the serial monitor on the same port.")
    boolean monitor;

    @Option(names = "--monitor-baud", paramLabel = "BAUD", defaultValue = "${env:MONITOR_BAUD:-115200}",
            description = "With --monitor: the app's baud rate. Default: 115200.")
    int baud;

    @Option(names = "--elf", paramLabel = "FILE", description = "With --monitor: the app's ELF for decoding crashes.")
    Path elf;

    private String port;
    private String chip;

    /** Remembers the port and chip the command connected to. */
    public void connected(String portName, String chipName) {
        this.port = portName;
        this.chip = chipName;
    }

    /** After the command closed the port: runs the monitor if asked to; returns the exit status. */
    public int runIfRequested(CommandSpec spec) throws Exception {
        if (!monitor || port == null) {
            return 0;
        }
        CliContext ctx = CliContext.of(spec);
        GlobalOptions g = (GlobalOptions) spec.root().userObject();
        return MonitorLauncher.run(ctx, port, chip != null ? chip : g.chip(),
                MonitorLauncher.options(baud, elf, false, false, null, false, null));
    }
}
