package org.jesptool.cli.monitor;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.jesptool.cli.CliContext;
import org.jesptool.cli.GlobalOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** monitor: a serial monitor that explains boot logs and decodes crashes. */
@Command(name = "monitor", sortOptions = false,
        description = {"Show what the chip prints (resetting it into its app first), explain the boot log and",
            "decode crash backtraces with --elf; send what you type. Keys: Ctrl+] exit, Ctrl+T then R reset,",
            "P download mode, T timestamps, L log to a file, H help."})
public final class MonitorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--monitor-baud", paramLabel = "BAUD", defaultValue = "${env:MONITOR_BAUD:-115200}",
            description = "The app's baud rate (env MONITOR_BAUD). Default: 115200. With --chip esp8266 the ROM's"
                    + " boot log is read at 74880 first.")
    int baud;

    @Option(names = "--elf", paramLabel = "FILE", description = "The app's ELF: decode code addresses to function"
            + " and file:line, and check it against the app's printed ELF SHA-256.")
    Path elf;

    @Option(names = "--no-reset", description = "Do not reset the chip when starting.")
    boolean noReset;

    @Option(names = "--non-interactive", description = "No key handling (for CI): input is sent as is; stop with"
            + " --timeout or a signal.")
    boolean nonInteractive;

    @Option(names = "--log", paramLabel = "FILE", description = "Also write everything shown to FILE (no colours).")
    Path log;

    @Option(names = "--timestamps", description = "Prefix each line with the time it arrived.")
    boolean timestamps;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Stop after this many seconds.")
    Double timeout;

    @Override
    public Integer call() throws Exception {
        CliContext ctx = CliContext.of(spec);
        GlobalOptions g = (GlobalOptions) spec.root().userObject();
        return MonitorLauncher.run(ctx, g.port(), g.chip(),
                MonitorLauncher.options(baud, elf, noReset, nonInteractive, log, timestamps, timeout));
    }
}
