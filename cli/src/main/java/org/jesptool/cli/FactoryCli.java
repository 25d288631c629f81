package org.jesptool.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jesptool.factory.Board;
import org.jesptool.factory.BoardReport;
import org.jesptool.factory.BoardResult;
import org.jesptool.factory.FactoryRun;
import org.jesptool.factory.FlashedFile;
import org.jesptool.flash.FileResult;
import org.jesptool.transport.PortInfo;
import org.jesptool.transport.Transports;

/**
 * {@code esptool --port A --port B ... COMMAND} (or {@code --port all}, with {@code --port-filter}): the same
 * command on every board at once, each board the ordinary one-board run ({@link EsptoolMain}) with its own
 * reset, baud change, stub and retries, on the factory engine. Shows one progress line per board on a
 * terminal, a table at the end with the command that redoes each failed board, and writes {@code --report
 * FILE.json|.csv}. Exit status 0 only when every board succeeded.
 */
final class FactoryCli {
    private final List<String> ports = new ArrayList<>();
    private final List<String> boardArgs = new ArrayList<>();
    private final List<String> portFilter = new ArrayList<>();
    private String report;
    private boolean all;
    private boolean silent;
    private boolean verbose;
    /** The command (v5 spelling), or null when none was given. */
    private String command;
    /** Each board's own output (stdout, then stderr), by board index: shown with --verbose. */
    private final java.util.Map<Integer, String> logs = new java.util.concurrent.ConcurrentHashMap<>();

    /** Commands whose output file would be written by every board at once. */
    private static final List<String> WRITES_LOCAL_FILE = List.of("read-flash", "dump-mem");
    /** Commands that work on files only. */
    private static final List<String> NOT_BOARD_COMMANDS = List.of("image-info", "merge-bin", "elf2image",
            "make-image", "version", "list-ports");

    private FactoryCli() {
    }

    /**
     * The factory form of {@code args} (global options first, then the command), or null when it is a one-board
     * run: at most one --port that is not {@code all}, and no --report.
     */
    static FactoryCli parse(List<String> args) {
        FactoryCli f = new FactoryCli();
        boolean wanted = false;
        int i = 0;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            if ((a.equals("-p") || a.equals("--port") || a.equals("--report")) && i + 1 < args.size()) {
                value = args.get(++i);
            } else if (a.startsWith("--port=") || a.startsWith("--report=")) {
                value = a.substring(a.indexOf('=') + 1);
                a = a.substring(0, a.indexOf('='));
            } else if (a.equals("--port-filter")) {
                // selects the ports of --port all; each board then gets its own --port
                while (i + 1 < args.size() && args.get(i + 1).contains("=") && !args.get(i + 1).startsWith("-")) {
                    f.portFilter.add(args.get(++i));
                }
                continue;
            } else if (a.equals("-h") || a.equals("--help")) {
                return null;
            } else if (!a.startsWith("-")) {
                break;
            } else if (EsptoolMain.VALUE_OPTIONS.contains(a) && i + 1 < args.size()) {
                f.boardArgs.add(a);
                a = args.get(++i);
            }
            if (value == null) {
                f.silent |= a.equals("-s") || a.equals("--silent");
                f.verbose |= a.equals("-v") || a.equals("--verbose");
                f.boardArgs.add(a);
            } else if (a.equals("--report")) {
                f.report = value;
                wanted = true;
            } else if (value.equalsIgnoreCase("all")) {
                f.all = true;
                wanted = true;
            } else {
                f.ports.add(value);
            }
        }
        if (!wanted && f.ports.size() < 2) {
            return null;
        }
        f.command = i < args.size() ? args.get(i).replace('_', '-') : null;
        f.boardArgs.addAll(args.subList(i, args.size()));
        return f;
    }

    /** Runs the command on every board; returns the exit status. */
    int run(PrintStream out, PrintStream err, Map<String, String> env, Path cwd, boolean tty) throws Exception {
        if (all) {
            if (!ports.isEmpty()) {
                throw new FatalError("--port all cannot be combined with other --port values.");
            }
            // without a filter, the USB serial ports only: a computer's built-in UARTs (ttyS*) hold no boards
            List<PortInfo> found = portFilter.isEmpty() ? Transports.listPorts().stream().filter(FactoryCli::usb).toList()
                    : PrepareFlow.PortFilter.apply(Transports.listPorts(), portFilter);
            if (found.isEmpty()) {
                throw new FatalError("--port all: no " + (portFilter.isEmpty() ? "USB serial ports found"
                        : "serial ports match --port-filter") + ". Connect the boards, or name them with --port.");
            }
            found.forEach(p -> ports.add(p.path()));
        }
        if (ports.isEmpty()) {
            throw new FatalError("--report needs the boards named with --port (one or more, or --port all).");
        }
        if (command == null) {
            throw new FatalError("No command given: name the command to run on every board (e.g. write-flash).");
        }
        if (WRITES_LOCAL_FILE.contains(command)) {
            throw new FatalError(command + " writes a file on this machine: with several boards they would all write"
                    + " the same file. Run it once per board (one --port).");
        }
        if (NOT_BOARD_COMMANDS.contains(command)) {
            throw new FatalError(command + " does not talk to a board: run it without --port.");
        }
        List<String> perBoard = boardArgs;
        Path reportFile = report == null ? null : cwd.resolve(report);
        if (reportFile != null && reportFile.getParent() != null && !Files.isDirectory(reportFile.getParent())) {
            throw new FatalError("--report: directory " + reportFile.getParent() + " does not exist.");
        }
        FactoryView view = new FactoryView(out, ports, tty && !silent, silent);
        if (!silent) {
            out.println("Running '" + String.join(" ", perBoard) + "' on " + ports.size() + " boards at once: "
                    + String.join(", ", ports));
        }
        view.start();
        List<BoardResult> results;
        FactoryRun run = FactoryRun.start(ports, board -> runBoard(board, perBoard, env, cwd), view);
        // Ctrl+C: the report still gets every board, those not finished marked as interrupted
        Thread onInterrupt = reportFile == null ? null : new Thread(() -> interrupted(run, perBoard, reportFile, err));
        if (onInterrupt != null) {
            Runtime.getRuntime().addShutdownHook(onInterrupt);
        }
        try {
            results = run.await();
        } finally {
            view.stop();
            if (onInterrupt != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(onInterrupt);
                } catch (IllegalStateException e) {
                    // shutting down already: the hook writes the report
                }
            }
        }
        if (verbose) {
            for (int i = 0; i < ports.size(); i++) {
                out.println();
                out.println("--- " + ports.get(i));
                out.print(logs.getOrDefault(i, "(did not run)\n"));
            }
        }
        view.summary(results, err);
        if (reportFile != null) {
            try {
                BoardReport.write(reportFile, results);
                if (!silent) {
                    out.println("Report written to " + report + ".");
                }
            } catch (IOException e) {
                err.println("A fatal error occurred: could not write the report " + report + ": " + e.getMessage());
                return 2;
            }
        }
        return results.stream().allMatch(BoardResult::succeeded) ? 0 : 2;
    }

    /** The report at an interruption: finished boards as they went, the others CANCELLED. */
    private void interrupted(FactoryRun run, List<String> perBoard, Path reportFile, PrintStream err) {
        if (run.finished()) {
            return;
        }
        List<BoardResult> all = new ArrayList<>();
        List<BoardResult> done = run.results();
        for (int i = 0; i < ports.size(); i++) {
            int index = i;
            List<String> args = new ArrayList<>(List.of("--port", ports.get(i)));
            args.addAll(perBoard);
            all.add(done.stream().filter(r -> r.index() == index).findFirst().orElse(new BoardResult(i,
                    ports.get(i), null, null, List.of(), BoardResult.Status.CANCELLED,
                    "Interrupted before this board finished: its flash contents are undefined.",
                    java.time.Duration.ZERO, commandLine(args))));
        }
        try {
            BoardReport.write(reportFile, all);
            err.println("Interrupted: " + done.size() + " of " + ports.size() + " boards had finished; report written to "
                    + report + ".");
        } catch (IOException e) {
            err.println("Interrupted; the report " + report + " could not be written: " + e.getMessage());
        }
    }

    static boolean usb(PortInfo p) {
        String n = p.path();
        return p.vid() > 0 || n.contains("ttyUSB") || n.contains("ttyACM") || n.contains("usbserial")
                || n.contains("usbmodem");
    }

    /** One board: the ordinary one-board run with its output kept; its error and redo command become the result's. */
    private void runBoard(Board board, List<String> perBoard, Map<String, String> env, Path cwd)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", board.port()));
        args.addAll(perBoard);
        board.redoCommand(commandLine(args));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = EsptoolMain.run(args.toArray(String[]::new), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), env, cwd, false);
        recordFiles(board, cwd);
        logs.put(board.index(), o.toString(StandardCharsets.UTF_8) + e.toString(StandardCharsets.UTF_8));
        if (code != 0) {
            String error = errorOf(e.toString(StandardCharsets.UTF_8), o.toString(StandardCharsets.UTF_8), code);
            String hint = finishingCommand(error);
            if (hint != null) {
                board.redoCommand(hint);
            }
            throw new IOException(error);
        }
    }

    /** Files the board received, with the MD5 of each file as given on the command line. */
    private static void recordFiles(Board board, Path cwd) {
        for (FileResult r : board.fileResults()) {
            if (!r.operation().equals("Wrote") && !r.operation().equals("Skipped")) {
                continue;
            }
            boolean verified = r.verified() || r.operation().equals("Skipped");
            FlashedFile f;
            try {
                f = FlashedFile.of(r.name(), r.address(), Files.readAllBytes(cwd.resolve(r.name())), verified);
            } catch (IOException | RuntimeException ex) {
                f = new FlashedFile(r.name(), r.address(), r.size(), null, verified); // made up by the tool: no file
            }
            board.file(f);
        }
    }

    /** The paragraph of the fatal error, else the last lines on stderr, else a generic line. */
    static String errorOf(String err, String out, int code) {
        String marker = "A fatal error occurred: ";
        int i = err.lastIndexOf(marker);
        if (i >= 0) {
            return err.substring(i + marker.length()).strip();
        }
        String e = err.strip();
        if (!e.isEmpty()) {
            String[] lines = e.split("\\R");
            return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 3), lines.length));
        }
        String[] lines = out.strip().split("\\R");
        return "esptool exited with status " + code + (lines.length == 0 ? "" : ": " + lines[lines.length - 1]);
    }

    /** The command of a "To finish the job, run: esptool ..." line, or null. */
    static String finishingCommand(String error) {
        int i = error.indexOf("run: esptool ");
        if (i < 0) {
            return null;
        }
        String rest = error.substring(i + "run: ".length());
        int nl = rest.indexOf('\n');
        return (nl < 0 ? rest : rest.substring(0, nl)).strip();
    }

    static String commandLine(List<String> args) {
        StringBuilder sb = new StringBuilder("esptool");
        for (String a : args) {
            sb.append(' ').append(a.matches("[A-Za-z0-9_./:@%+=,-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}
