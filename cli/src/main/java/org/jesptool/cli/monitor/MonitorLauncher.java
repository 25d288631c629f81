package org.jesptool.cli.monitor;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.jesptool.cli.CliContext;
import org.jesptool.cli.FatalError;
import org.jesptool.monitor.MonitorSession;
import org.jesptool.target.Chip;
import org.jesptool.target.Chips;
import org.jesptool.transport.PortInfo;
import org.jesptool.transport.Transports;

/** Runs a monitor session for the CLI: port choice, ESP8266 baud rates, raw terminal, errors as one paragraph. */
final class MonitorLauncher {
    private MonitorLauncher() {
    }

    static int run(CliContext ctx, String port, String chip, MonitorSession.Options o) throws Exception {
        o.port = port != null ? port : firstPort();
        int romLogBaud = chip == null ? 0 : Chips.byName(chip.toLowerCase(Locale.ROOT).replace("-", ""))
                .map(Chip::romBootLogBaud).orElse(0);
        if (romLogBaud > 0 && o.baud != romLogBaud) {
            o.romBaud = romLogBaud;
        }
        o.color = ctx.tty();
        o.logDirectory = ctx.cwd();
        if (o.log != null) {
            o.log = ctx.cwd().resolve(o.log.toString());
        }
        if (o.elf != null) {
            o.elf = ctx.cwd().resolve(o.elf.toString());
        }
        MonitorSession session;
        try {
            session = new MonitorSession(o, System.in, ctx.out(), ctx.err());
        } catch (NoSuchFileException e) {
            throw new FatalError("ELF file " + e.getFile() + " does not exist.");
        } catch (IllegalArgumentException e) {
            throw new FatalError("Cannot use " + o.elf + " to decode addresses: " + e.getMessage());
        }
        RawTerminal raw = ctx.tty() && !o.nonInteractive ? RawTerminal.enable() : null;
        try {
            return session.run();
        } finally {
            if (raw != null) {
                raw.restore();
            }
        }
    }

    static MonitorSession.Options options(int baud, Path elf, boolean noReset, boolean nonInteractive, Path log,
                                          boolean timestamps, Double timeoutSeconds) {
        MonitorSession.Options o = new MonitorSession.Options();
        o.baud = baud;
        o.elf = elf;
        o.noReset = noReset;
        o.nonInteractive = nonInteractive;
        o.log = log;
        o.timestamps = timestamps;
        if (timeoutSeconds != null) {
            o.exitAfter = Duration.ofMillis(Math.round(timeoutSeconds * 1000));
        }
        return o;
    }

    private static String firstPort() throws IOException {
        List<PortInfo> ports = Transports.listPorts();
        if (ports.isEmpty()) {
            throw new FatalError("No serial port found. Plug the board in, or give the port with --port"
                    + " (run 'esptool doctor' to find out why none shows up).");
        }
        return ports.get(0).path();
    }
}
