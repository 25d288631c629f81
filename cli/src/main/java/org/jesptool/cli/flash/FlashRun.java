package org.jesptool.cli.flash;

import java.io.IOException;
import java.io.PrintStream;
import org.jesptool.cli.Console;
import org.jesptool.cli.Session;
import org.jesptool.flash.Flasher;
import org.jesptool.flash.ProgressListener;
import org.jesptool.loader.Device;
import org.jesptool.loader.Loader;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What a flash command gets from the connected session: loader, console, flash-size setup, and the one
 * reconnect-and-resume after a lost link.
 */
final class FlashRun {
    final Session session;
    final Console console;
    final PrintStream out;
    final boolean silent;
    private final CommandSpec spec;
    private final String spiConnection;
    private Loader loader;
    private long flashSize;

    FlashRun(Session session, CommandSpec spec, String spiConnection) throws IOException {
        this.session = session;
        this.console = session.console();
        this.out = console.out();
        this.silent = console.silent();
        this.spec = spec;
        this.spiConnection = spiConnection;
        this.loader = session.loader();
        session.attachFlash(spiConnection);
    }

    Loader loader() {
        return loader;
    }

    Flasher flasher(ProgressListener listener) {
        // in a factory run the board's progress line sees the same events
        ProgressListener l = org.jesptool.factory.Board.current().map(b -> b.progressListener(listener))
                .orElse(listener);
        return new Flasher(loader, this::reconnect).listener(l);
    }

    ProgressRenderer renderer(boolean noProgress) {
        ProgressRenderer.Mode mode = silent ? ProgressRenderer.Mode.SILENT
                : console.tty() && !noProgress ? ProgressRenderer.Mode.TERMINAL : ProgressRenderer.Mode.LINES;
        return new ProgressRenderer(out, mode);
    }

    void info(String line) {
        console.print(line);
    }

    /**
     * Resolves {@code --flash-size} (detect, keep or a size name) to bytes and tells the loader
     * (SPI_SET_PARAMS). Returns 0 when the size stays unknown (keep in Secure Download Mode).
     */
    long configureFlashSize(String sizeArg) throws IOException {
        flashSize = Math.max(0, session.configureFlashSize(sizeArg));
        return flashSize;
    }

    /** The link-recovery step: reconnects the session (reset, sync, stub, baud), then attaches and sizes the flash. */
    private Loader reconnect() throws IOException {
        Device d = session.reconnect();
        session.attachFlash(spiConnection);
        if (flashSize > 0 && !(d.chip().romStatusBytes() == 2 && !d.loader().isStub())) {
            d.loader().spiSetParams((int) flashSize);
        }
        loader = d.loader();
        return loader;
    }

    private String optionValue(String name) {
        OptionSpec o = spec.root().findOption(name);
        if (o == null) {
            return null;
        }
        Object v = o.getValue();
        return v == null ? null : v.toString();
    }

    /**
     * The library's finishing hint with this session's tool and global options, and {@code writeOptions} (the
     * options that decide which bytes go to flash: header patching, padding, pins) after
     * {@code write-flash --skip-flashed}, so the command writes exactly what this one meant to.
     */
    String withPrefix(String message, java.util.List<String> writeOptions) {
        StringBuilder extra = new StringBuilder();
        for (String o : writeOptions) {
            extra.append(' ').append(shellWord(o));
        }
        String skip = "run: esptool write-flash --skip-flashed";
        String prefix = "run: " + commandPrefix() + " ";
        return message.contains(skip) ? message.replace(skip, prefix + "write-flash --skip-flashed" + extra)
                : message.replace("run: esptool ", prefix);
    }

    /** {@code s} as one shell word: as it is when it is safe, else in single quotes. */
    static String shellWord(String s) {
        return s.matches("[A-Za-z0-9_./:@%+=,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private String commandPrefix() {
        StringBuilder sb = new StringBuilder("esptool");
        String port = optionValue("--port");
        if (port != null) {
            sb.append(" --port ").append(shellWord(port));
        }
        sb.append(" --chip ").append(session.chip().name());
        int baud = session.globals().baud();
        if (baud != 115200) {
            sb.append(" --baud ").append(baud);
        }
        if (session.globals().noStub()) {
            sb.append(" --no-stub");
        }
        String stub = optionValue("--stub-file");
        if (stub != null) {
            sb.append(" --stub-file ").append(shellWord(stub));
        }
        return sb.toString();
    }
}
