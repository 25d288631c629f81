package org.jesptool.cli.efuse;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jesptool.cli.ArgExpander;
import org.jesptool.efuse.EfuseChip;
import org.jesptool.efuse.EfuseChips;
import org.jesptool.efuse.EfuseController;
import org.jesptool.efuse.EfuseException;
import org.jesptool.efuse.EfuseOperations;
import org.jesptool.efuse.Efuses;
import org.jesptool.efuse.VirtualEfuseController;
import org.jesptool.target.Chip;
import org.jesptool.target.Chips;
import picocli.CommandLine;

/**
 * Entry point of {@code bin/espefuse}: global options, then one or more commands (v5 names or the v4 names
 * with underscores). Exit status as the reference: 0 success (and "Aborting." at the prompt), 2 fatal and usage
 * errors, 1 when stdin ends at the prompt or a number cannot be parsed.
 */
public final class EspefuseMain {
    static final String VERSION_LINE = "espefuse v5.3.1";

    /** Command name to its class, in help order. */
    static final Map<String, Class<? extends EfuseCommand>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("summary", ReadCommands.Summary.class);
        COMMANDS.put("dump", ReadCommands.Dump.class);
        COMMANDS.put("burn-efuse", BurnCommands.BurnEfuse.class);
        COMMANDS.put("read-protect-efuse", BurnCommands.ReadProtect.class);
        COMMANDS.put("write-protect-efuse", BurnCommands.WriteProtect.class);
        COMMANDS.put("burn-block-data", BurnCommands.BurnBlockData.class);
        COMMANDS.put("burn-bit", BurnCommands.BurnBit.class);
        COMMANDS.put("burn-key", KeyCommands.BurnKey.class);
        COMMANDS.put("burn-key-digest", KeyCommands.BurnKeyDigest.class);
        COMMANDS.put("burn-custom-mac", BurnCommands.BurnCustomMac.class);
        COMMANDS.put("get-custom-mac", ReadCommands.GetCustomMac.class);
        COMMANDS.put("adc-info", ReadCommands.AdcInfo.class);
        COMMANDS.put("check-error", ReadCommands.CheckError.class);
        COMMANDS.put("set-flash-voltage", BurnCommands.SetFlashVoltage.class);
    }

    private static final List<String> BURN_COMMANDS = List.of("read-protect-efuse", "write-protect-efuse",
            "burn-efuse", "burn-block-data", "burn-bit", "burn-key", "burn-key-digest", "burn-custom-mac",
            "set-flash-voltage");
    private static final List<String> VALUE_OPTIONS = List.of("-c", "--chip", "-b", "--baud", "-p", "--port",
            "--before", "-a", "--after", "--path-efuse-file", "--extend-efuse-table");

    /** Sees every controller opened (tests check that refusals program nothing). */
    static java.util.function.Consumer<EfuseController> opened = c -> { };

    private EspefuseMain() {
    }

    public static void main(String[] args) {
        int code = run(args, System.in, System.out, System.err, System.getenv(), Path.of("").toAbsolutePath());
        System.out.flush();
        System.exit(code);
    }

    /** Runs espefuse; returns the exit status. */
    public static int run(String[] argv, InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
                          Path cwd) {
        String legacy = org.jesptool.cli.LegacyName.warning(env);
        if (legacy != null) {
            err.println("Warning: " + legacy);
        }
        out.println(VERSION_LINE);
        try {
            List<String> args = ArgExpander.expandFiles(List.of(argv), cwd);
            return run(args, in, out, err, env, cwd);
        } catch (EfuseOperations.UsageException e) {
            err.println("Error: " + e.getMessage());
            err.println("Run 'espefuse --help' for usage.");
            return 2;
        } catch (EfuseRun.Aborted e) {
            out.println("Aborting.");
            return 0;
        } catch (EfuseRun.NoAnswer e) {
            err.println("Aborted.");
            return 1;
        } catch (NumberFormatException e) {
            err.println("\nA fatal error occurred: " + e.getMessage());
            return 1;
        } catch (EfuseException | IOException | IllegalArgumentException e) {
            err.println("\nA fatal error occurred: " + e.getMessage());
            return 2;
        }
    }

    private static String normalize(String token) {
        return token.replace('_', '-');
    }

    private static int run(List<String> args, InputStream in, PrintStream out, PrintStream err,
                           Map<String, String> env, Path cwd) throws IOException {
        if (args.isEmpty()) {
            help(out);
            return 0;
        }
        for (String a : args) {
            if (normalize(a).equals("execute-scripts")) {
                err.println("Error: REMOVED: `execute_scripts` was replaced with the public API in v5. Please see "
                        + "Migration Guide in documentation for details: https://docs.espressif.com/projects/esptool/"
                        + "en/latest/migration-guide.html#espefuse-py-v5-migration-guide");
                return 2;
            }
        }
        // Split: global options, then one segment per command.
        int i = 0;
        List<String> global = new ArrayList<>();
        while (i < args.size() && !COMMANDS.containsKey(normalize(args.get(i)))) {
            String a = args.get(i);
            global.add(a);
            if (VALUE_OPTIONS.contains(a) && i + 1 < args.size()) {
                global.add(args.get(++i));
            }
            i++;
        }
        List<List<String>> segments = new ArrayList<>();
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (COMMANDS.containsKey(normalize(a))) {
                segments.add(new ArrayList<>(List.of(a)));
            } else {
                segments.get(segments.size() - 1).add(a.equals("--file_name") ? "--file-name" : a);
                if (a.equals("--file_name")) {
                    out.println("Warning: Deprecated: Option '--file_name' is deprecated. Use '--file-name' instead.");
                }
            }
        }
        EfuseGlobals g = new EfuseGlobals();
        CommandLine gl = new CommandLine(g);
        gl.setDefaultValueProvider(arg -> {
            if (arg instanceof CommandLine.Model.OptionSpec o) {
                for (String n : o.names()) {
                    String var = switch (n) {
                        case "--port" -> "ESPTOOL_PORT";
                        case "--baud" -> "ESPTOOL_BAUD";
                        case "--chip" -> "ESPTOOL_CHIP";
                        default -> null;
                    };
                    if (var != null && env.get(var) != null && !env.get(var).isBlank()) {
                        return env.get(var);
                    }
                }
            }
            return null;
        });
        try {
            gl.parseArgs(global.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new EfuseOperations.UsageException(e.getMessage());
        }
        if (g.help || segments.isEmpty()) {
            help(out);
            return 0;
        }
        // Parse every command before connecting: a bad command line changes nothing.
        List<EfuseCommand> commands = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (List<String> seg : segments) {
            String name = normalize(seg.get(0));
            if (!seg.get(0).equals(name)) {
                out.println("Warning: Deprecated: Command '" + seg.get(0) + "' is deprecated. Use '" + name
                        + "' instead.");
            }
            EfuseCommand cmd = newCommand(name);
            CommandLine cl = new CommandLine(cmd);
            cl.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help and exit.").build());
            try {
                CommandLine.ParseResult pr = cl.parseArgs(seg.subList(1, seg.size()).toArray(String[]::new));
                if (pr.isUsageHelpRequested()) {
                    cl.usage(new PrintWriter(out, true));
                    return 0;
                }
            } catch (CommandLine.ParameterException e) {
                throw new EfuseOperations.UsageException("'" + name + "': " + e.getMessage());
            }
            commands.add(cmd);
            names.add(name);
        }
        EfuseChip chip = chip(g);
        if (chip == null && !g.virt && g.port == null) {
            throw new EfuseOperations.UsageException("Missing required argument. Please specify the --port option.");
        }
        if (chip != null && names.contains("set-flash-voltage") && !chip.hasFlashVoltage()) {
            throw new EfuseOperations.UsageException("No such command 'set-flash-voltage'.");
        }
        // With burn and read commands on one line, the read commands run again at the end (as the reference).
        long burns = names.stream().filter(BURN_COMMANDS::contains).count();
        if (burns > 0 && burns < names.size()) {
            int n = names.size();
            for (int k = 0; k < n; k++) {
                if (!BURN_COMMANDS.contains(names.get(k))) {
                    List<String> seg = segments.get(k);
                    EfuseCommand again = newCommand(names.get(k));
                    new CommandLine(again).parseArgs(seg.subList(1, seg.size()).toArray(String[]::new));
                    commands.add(again);
                    names.add(names.get(k));
                }
            }
        }
        try (EfuseController ctl = connect(g, chip, out, cwd)) {
            opened.accept(ctl);
            if (ctl instanceof ChipConnection cc) {
                chip = cc.chip;
                if (names.contains("set-flash-voltage") && !chip.hasFlashVoltage()) {
                    throw new EfuseOperations.UsageException("No such command 'set-flash-voltage'.");
                }
            }
            Path custom = g.extendEfuseTable == null ? null : cwd.resolve(g.extendEfuseTable);
            Efuses ef = Efuses.read(chip, ctl, custom);
            for (org.jesptool.efuse.BlockDef b : chip.blocks()) {
                if (ef.errorCount(b.id()) != 0 || ef.failed(b.id())) {
                    out.println("Error(s) in BLOCK" + b.id() + " [ERRORS:" + ef.errorCount(b.id()) + " FAIL:"
                            + (ef.failed(b.id()) ? "True" : "False") + "]" + (chip.errorLineDot() ? "." : ""));
                }
            }
            EfuseRun r = new EfuseRun(ef, out, in, cwd, g.doNotConfirm, g.debug);
            r.plan.postpone(g.postpone);
            Boolean force = null;
            for (EfuseCommand c : commands) {
                if (c.forceWriteAlways() != null) {
                    force = c.forceWriteAlways();
                }
            }
            r.plan.forceWriteAlways(force);
            r.batch = burns > 1;
            for (int k = 0; k < commands.size(); k++) {
                out.println("\n=== Run \"" + names.get(k) + "\" command ===");
                commands.get(k).run(r);
            }
            if (r.batch) {
                r.burnNow(". ");
                out.println("Successful.");
            }
        }
        return 0;
    }

    private static EfuseCommand newCommand(String name) {
        try {
            var ctor = COMMANDS.get(name).getDeclaredConstructor();
            ctor.setAccessible(true);
            return ctor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EfuseChip chip(EfuseGlobals g) {
        String c = g.chip.toLowerCase(java.util.Locale.ROOT).replace("-", "");
        Chip known = Chips.byName(c).filter(k -> k.name().equals(c)).orElse(null);
        if (known != null && EfuseChips.byName(c) == null) {
            // A chip esptool supports without an eFuse table here: the ESP8266.
            throw new EfuseException("The " + known.displayName() + " has no eFuse controller of the kind espefuse "
                    + "works with (its few eFuse words hold the MAC and flash settings and are read by 'esptool "
                    + "read-mac'); espefuse "
                    + "supports " + String.join(", ", EfuseChips.names()) + ".");
        }
        if (c.equals("auto")) {
            if (g.virt) {
                return EfuseChips.byName("esp32");
            }
            return null;
        }
        EfuseChip chip = EfuseChips.byName(c);
        if (chip == null) {
            throw new EfuseOperations.UsageException("Invalid value for '--chip': '" + g.chip + "' is not one of "
                    + String.join(", ", EfuseChips.names()) + ".");
        }
        return chip;
    }

    private static EfuseController connect(EfuseGlobals g, EfuseChip chip, PrintStream out, Path cwd)
            throws IOException {
        if (g.virt) {
            Path file = g.pathEfuseFile == null ? null : cwd.resolve(g.pathEfuseFile);
            return VirtualEfuseController.open(chip, file);
        }
        if (g.port == null) {
            throw new EfuseOperations.UsageException("Missing required argument. Please specify the --port option.");
        }
        return ChipConnection.open(g, chip, out);
    }

    static void help(PrintStream out) {
        CommandLine cl = new CommandLine(new EfuseGlobals());
        cl.usage(new PrintWriter(out, true));
        out.println();
        out.println("Commands (several may follow one another; v4 spellings with '_' work too):");
        for (String n : COMMANDS.keySet()) {
            var a = COMMANDS.get(n).getAnnotation(CommandLine.Command.class);
            out.println(String.format("  %-20s %s", n, a.description().length > 0 ? a.description()[0] : ""));
        }
        out.println();
        out.println("The ESP8266 has no eFuses of this kind; espefuse works with ESP32, ESP32-S2, -S3, -C2, -C3, -C5, "
                + "-C6, -C61, -H2 and -P4.");
    }
}
