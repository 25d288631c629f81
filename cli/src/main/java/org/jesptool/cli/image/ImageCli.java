package org.jesptool.cli.image;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import picocli.CommandLine;

/**
 * A minimal esptool-style runner for the image commands only: it reads the global options that precede the
 * command (only {@code --chip/-c} matters to these commands; {@code --port}, {@code --baud}, {@code --before},
 * {@code --after} and flags are skipped), accepts v4 command names with {@code _}, and runs the command.
 * The real esptool main (EsptoolMain) does the same with all commands; this runner serves tests and tools.
 */
public final class ImageCli {
    private static final Set<String> GLOBALS_WITH_VALUE = Set.of("--port", "-p", "--baud", "-b", "--before",
            "--after", "-a", "--connect-attempts", "--port-filter", "--override-vddsdio", "--stub-version");

    private ImageCli() {
    }

    /** Runs {@code args} (global options, command, command options) and returns the exit code. */
    public static int run(List<String> args, PrintWriter out, PrintWriter err) {
        String chip = System.getenv().getOrDefault("ESPTOOL_CHIP", "auto");
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String a = args.get(i);
            if (a.equals("--chip") || a.equals("-c")) {
                if (i + 1 >= args.size()) {
                    err.println("Error: option '" + a + "' needs a chip name");
                    err.flush();
                    return 2;
                }
                chip = args.get(i + 1);
                i += 2;
            } else if (a.startsWith("--chip=")) {
                chip = a.substring("--chip=".length());
                i++;
            } else if (GLOBALS_WITH_VALUE.contains(a)) {
                i += 2;
            } else {
                i++;
            }
        }
        if (i >= args.size()) {
            err.println("Error: missing command (elf2image, image-info, merge-bin, make-image)");
            err.flush();
            return 2;
        }
        String command = args.get(i).replace('_', '-');
        CommandLine cl = new CommandLine(new Root());
        for (Class<?> c : ImageCommands.commandClasses()) {
            cl.addSubcommand(c);
        }
        if (!cl.getSubcommands().containsKey(command)) {
            err.println("Error: no such image command '" + args.get(i) + "'");
            err.flush();
            return 2;
        }
        cl.setOut(out);
        cl.setErr(err);
        String previous = ImageCommandContext.chip();
        ImageCommandContext.setChip(chip);
        try {
            String[] rest = args.subList(i + 1, args.size()).toArray(new String[0]);
            String[] all = new String[rest.length + 1];
            all[0] = command;
            System.arraycopy(rest, 0, all, 1, rest.length);
            return cl.execute(all);
        } finally {
            ImageCommandContext.setChip(previous);
            out.flush();
            err.flush();
        }
    }

    /** Runs from the command line: {@code java ... ImageCli --chip esp32 elf2image app.elf}. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(Arrays.asList(args), out, err));
    }

    @CommandLine.Command(name = "esptool")
    static final class Root implements Runnable {
        @Override
        public void run() {
        }
    }
}
