package org.jesptool.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jesptool.cli.flash.FlashCommands;
import org.jesptool.cli.image.ImageCommands;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Entry point of {@code bin/esptool}: global options, then one command (v5 name or the v4 name with
 * underscores). Exit status: 0 success, 2 usage errors and fatal errors, 1 unexpected failures.
 */
public final class EsptoolMain {
    /** Default values of options that environment variables override. */
    static final Map<String, String> ENV_DEFAULTS = Map.of(
            "--port", "ESPTOOL_PORT", "--baud", "ESPTOOL_BAUD", "--chip", "ESPTOOL_CHIP",
            "--before", "ESPTOOL_BEFORE", "--after", "ESPTOOL_AFTER", "--connect-attempts", "ESPTOOL_CONNECT_ATTEMPTS",
            "--flash-freq", "ESPTOOL_FF", "--flash-mode", "ESPTOOL_FM", "--flash-size", "ESPTOOL_FS");

    private EsptoolMain() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("version")) {
            // Fast path: no command-line model to build (picocli reflection costs more than the JVM start).
            String legacy = LegacyName.warning(System.getenv());
            if (legacy != null) {
                System.err.println("Warning: " + legacy);
            }
            System.out.println(VersionCommand.line());
            return;
        }
        int code = run(args, System.out, System.err, System.getenv(), Path.of("").toAbsolutePath(),
                System.console() != null);
        System.out.flush();
        System.exit(code);
    }

    /** The command classes this package contributes (info commands and list-ports). */
    static List<Class<?>> infoCommandClasses() {
        return InfoCommands.commandClasses();
    }

    /** Builds the command line with every command registered under its v5 name and v4 alias. */
    static CommandLine commandLine(GlobalOptions globals, Map<String, String> env) {
        return commandLine(globals, env, List.of());
    }

    /**
     * Builds the command line. Building a command's model costs reflection time, so when {@code args}
     * clearly name one command only that one is registered; otherwise (help, no or unknown command) all.
     */
    static CommandLine commandLine(GlobalOptions globals, Map<String, String> env, List<String> args) {
        CommandLine cl = new CommandLine(globals);
        List<Class<?>> all = new ArrayList<>(infoCommandClasses());
        all.addAll(FlashCommands.commandClasses());
        all.addAll(ImageCommands.commandClasses());
        all.addAll(org.jesptool.cli.monitor.MonitorCommands.commandClasses());
        String wanted = commandToken(args);
        boolean one = wanted != null && all.stream().anyMatch(c -> names(c).contains(wanted));
        for (Class<?> c : all) {
            List<String> names = names(c);
            if (one && !names.contains(wanted)) {
                continue;
            }
            String name = names.get(0);
            List<String> aliases = names.subList(1, names.size());
            // -h/--help comes from the global options (HelpOption, inherited by every command)
            cl.addSubcommand(name, new CommandLine(c), aliases.toArray(String[]::new));
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setDefaultValueProvider(new EnvDefaults(env));
        return cl;
    }

    /** The command's name, then its aliases (declared ones and the v4 spelling with underscores). */
    static List<String> names(Class<?> c) {
        Command a = c.getAnnotation(Command.class);
        if (a == null || a.name().isEmpty()) {
            throw new IllegalStateException(c + " has no @Command name");
        }
        List<String> names = new ArrayList<>();
        names.add(a.name());
        names.addAll(Arrays.asList(a.aliases()));
        String v4 = a.name().replace('-', '_');
        if (!names.contains(v4)) {
            names.add(v4);
        }
        return names;
    }

    /** Global options that take a value as the next argument (when not written with '='). */
    static final List<String> VALUE_OPTIONS = List.of("-c", "--chip", "-p", "--port", "-b", "--baud",
            "--before", "-a", "--after", "--stub-file", "--stub-version", "--override-vddsdio", "--connect-attempts");

    /** The first argument after the global options, or null (help requested, or no command). */
    static String commandToken(List<String> args) {
        return commandWord(args, true);
    }

    /** The first argument after the global options, or null; with {@code stopAtHelp}, null once help is asked. */
    private static String commandWord(List<String> args, boolean stopAtHelp) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (stopAtHelp && (a.equals("-h") || a.equals("--help"))) {
                return null;
            }
            if (a.equals("--port-filter")) {
                while (i + 1 < args.size() && args.get(i + 1).contains("=") && !args.get(i + 1).startsWith("-")) {
                    i++;
                }
            } else if (VALUE_OPTIONS.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    /** Runs esptool with the given streams and environment; returns the exit status. */
    public static int run(String[] argv, PrintStream out, PrintStream err, Map<String, String> env, Path cwd,
            boolean tty) {
        GlobalOptions g = new GlobalOptions();
        CliContext ctx = new CliContext(out, err, env, cwd, tty);
        g.context = ctx;
        ctx.setConsole(new Console(out, err, false, false, tty));
        String legacy = LegacyName.warning(env);
        if (legacy != null) {
            ctx.console().warn(legacy);
        }
        boolean trace = Arrays.asList(argv).contains("--trace") || Arrays.asList(argv).contains("-t");
        try {
            List<String> warnings = new ArrayList<>();
            List<String> args = ArgExpander.expandFiles(Arrays.asList(argv), cwd);
            if (args.stream().anyMatch(a -> a.startsWith("@"))) {
                warnings.add("Expanded command line: " + String.join(" ", args));
            }
            args = ArgExpander.rewriteOptions(args, warnings);
            FactoryCli factory = FactoryCli.parse(args); // several --port, --port all, --report: every board at once
            if (factory != null) {
                return factory.run(out, err, env, cwd, tty);
            }
            CommandLine cl = commandLine(g, env, args);
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            warnAboutV4Names(cl, args, warnings);
            cl.setParameterExceptionHandler((ex, a) -> usageError(ex, err));
            String word = commandWord(args, false);
            if (word != null && !cl.getSubcommands().containsKey(word)) {
                // also with --help: 'esptool no-such-command --help' is an error, as in the reference
                return usageError(new CommandLine.UnmatchedArgumentException(cl, List.of(word)), err);
            }
            cl.setExecutionStrategy(parse -> {
                g.context.setConsole(new Console(out, err, g.silent, g.verbose, tty));
                if (g.silent && (g.verbose || g.trace)) {
                    throw new CommandLine.ParameterException(cl, "--silent cannot be combined with --verbose or --trace");
                }
                for (String w : warnings) {
                    g.context.console().warn(w);
                }
                try {
                    ctx.setConfig(Config.find(env, cwd, homeOf(env)));
                } catch (IOException e) {
                    throw new FatalError("Could not read the config file: " + e.getMessage());
                }
                Config cfg = ctx.config();
                if (cfg.file() != null) {
                    String named = env.get("ESPTOOL_CFGFILE");
                    boolean byEnv = named != null && !named.isBlank() && cfg.file().equals(cwd.resolve(named));
                    g.context.console().print("Loaded custom configuration from " + cfg.file().toAbsolutePath()
                            + (byEnv ? " (set with ESPTOOL_CFGFILE)" : ""));
                    for (String k : cfg.unknownKeys()) {
                        g.context.console().note("Ignoring unknown config key '" + k + "' in " + cfg.file());
                    }
                }
                return new CommandLine.RunLast().execute(parse);
            });
            cl.setExecutionExceptionHandler((ex, c, parse) -> handle(ex, g.context, trace || g.trace));
            return cl.execute(args.toArray(String[]::new));
        } catch (FatalError e) {
            err.println("A fatal error occurred: " + e.getMessage());
            return e.exitCode();
        } catch (Exception e) {
            return handle(e, ctx, trace);
        }
    }

    private static Path homeOf(Map<String, String> env) {
        String h = env.getOrDefault("HOME", System.getProperty("user.home"));
        return h == null ? null : Path.of(h);
    }

    private static void warnAboutV4Names(CommandLine cl, List<String> args, List<String> warnings) {
        Map<String, String> v4 = new HashMap<>();
        cl.getSubcommands().forEach((name, sub) -> {
            String primary = sub.getCommandName();
            if (!name.equals(primary) && name.equals(primary.replace('-', '_'))) {
                v4.put(name, primary);
            }
        });
        for (String a : args) {
            if (v4.containsKey(a)) {
                warnings.add("Deprecated: Command '" + a + "' is deprecated. Use '" + v4.get(a) + "' instead.");
                break;
            }
            if (cl.getSubcommands().containsKey(a)) {
                break;
            }
        }
    }

    /** A usage error: one paragraph naming the problem and where to get help; exit status 2. */
    static int usageError(CommandLine.ParameterException ex, PrintStream err) {
        PrintWriter w = new PrintWriter(err, true);
        int code = UsageErrors.report(ex, w);
        w.flush();
        return code;
    }

    private static int handle(Exception ex, CliContext ctx, boolean trace) {
        PrintStream err = ctx.err();
        if (trace) {
            ex.printStackTrace(err);
        }
        if (ex instanceof CommandLine.ParameterException pe) {
            return usageError(pe, err);
        }
        if (ex instanceof FatalError f) {
            err.println("A fatal error occurred: " + f.getMessage());
            return f.exitCode();
        }
        if (ex instanceof NoSuchFileException nf) {
            err.println("A fatal error occurred: file " + nf.getFile() + " does not exist.");
            return 2;
        }
        if (ex instanceof FileNotFoundException fnf) {
            err.println("A fatal error occurred: " + fnf.getMessage());
            return 2;
        }
        if (ex instanceof IOException io) {
            err.println("A fatal error occurred: " + io.getMessage());
            return 2;
        }
        err.println("An unexpected error occurred: " + ex + (trace ? "" : " (run with --trace for details)"));
        return 1;
    }

    /** Supplies defaults from environment variables (ESPTOOL_PORT and friends). */
    static final class EnvDefaults implements CommandLine.IDefaultValueProvider {
        private final Map<String, String> env;

        EnvDefaults(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public String defaultValue(ArgSpec arg) {
            if (arg instanceof OptionSpec o) {
                for (String name : o.names()) {
                    String var = ENV_DEFAULTS.get(name.replace('_', '-'));
                    String v = var == null ? null : env.get(var);
                    if (v != null && !v.isBlank()) {
                        return v;
                    }
                }
            }
            return null;
        }
    }
}
