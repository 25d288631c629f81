package org.jesptool.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** What a command run needs besides its options: streams, environment, config file, working directory. */
public final class CliContext {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Path cwd;
    private final boolean tty;
    private Config config = Config.empty();
    private Console console;

    public CliContext(PrintStream out, PrintStream err, Map<String, String> env, Path cwd, boolean tty) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.cwd = cwd;
        this.tty = tty;
    }

    /** The context of the esptool run that a subcommand belongs to. */
    public static CliContext of(CommandSpec spec) {
        Object root = spec.root().userObject();
        if (root instanceof GlobalOptions g && g.context != null) {
            return g.context;
        }
        throw new IllegalStateException("command is not running under EsptoolMain");
    }

    /** The console honouring --silent/--verbose of this run. */
    public Console console() {
        return console;
    }

    void setConsole(Console c) {
        this.console = c;
    }

    public Config config() {
        return config;
    }

    void setConfig(Config c) {
        this.config = c;
    }

    public Map<String, String> env() {
        return env;
    }

    /** Working directory against which relative file arguments are resolved. */
    public Path cwd() {
        return cwd;
    }

    public Path resolve(String file) {
        return cwd.resolve(file);
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public boolean tty() {
        return tty;
    }
}
