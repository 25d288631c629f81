package org.jesptool.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.jesptool.factory.BoardListener;
import org.jesptool.factory.BoardProgress;
import org.jesptool.factory.BoardResult;
import org.jesptool.factory.Phase;

/**
 * What a factory run shows: on a terminal one line per board, redrawn in place; otherwise one line when a
 * board connects and one when it finishes; at the end a table and, for each failed board, its error and the
 * command that redoes it.
 */
final class FactoryView implements BoardListener {
    private static final long REDRAW_MILLIS = 200;
    private static final int BAR = 20;

    private final PrintStream out;
    private final List<String> ports;
    private final boolean terminal;
    private final boolean silent;
    private final BoardProgress[] last;
    private final String[] chips;
    private final int portWidth;
    private Thread drawer;
    private volatile boolean running;
    private boolean drawn;

    FactoryView(PrintStream out, List<String> ports, boolean terminal, boolean silent) {
        this.out = out;
        this.ports = ports;
        this.terminal = terminal;
        this.silent = silent;
        this.last = new BoardProgress[ports.size()];
        this.chips = new String[ports.size()];
        this.portWidth = Math.min(28, ports.stream().mapToInt(String::length).max().orElse(4));
    }

    void start() {
        if (!terminal) {
            return;
        }
        running = true;
        drawer = new Thread(() -> {
            while (running) {
                draw();
                try {
                    Thread.sleep(REDRAW_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "factory-view");
        drawer.setDaemon(true);
        drawer.start();
    }

    void stop() throws InterruptedException {
        if (drawer != null) {
            running = false;
            drawer.interrupt();
            drawer.join();
            draw();
        }
    }

    @Override
    public void progress(BoardProgress p) {
        synchronized (last) {
            last[p.index()] = p;
        }
    }

    @Override
    public void message(int index, String port, String text) {
        if (text.startsWith("Connected to ")) {
            synchronized (last) {
                chips[index] = text.substring("Connected to ".length()).replaceFirst(",.*", "");
            }
        }
        if (!terminal && !silent && (text.startsWith("Connected to ") || text.startsWith("Warning"))) {
            synchronized (out) {
                out.println("[" + port + "] " + text);
            }
        }
    }

    @Override
    public void finished(BoardResult r) {
        if (!terminal && !silent) {
            synchronized (out) {
                out.println("[" + r.port() + "] " + (r.succeeded() ? "done in " + seconds(r)
                        : r.status().name().toLowerCase(Locale.ROOT) + ": " + firstLine(r.error())));
            }
        }
    }

    private void draw() {
        StringBuilder sb = new StringBuilder();
        synchronized (last) {
            if (drawn) {
                sb.append("\033[").append(ports.size()).append('F'); // back to the first board's line
            }
            for (int i = 0; i < ports.size(); i++) {
                sb.append("\033[2K").append(line(i)).append('\n');
            }
            drawn = true;
        }
        synchronized (out) {
            out.print(sb);
            out.flush();
        }
    }

    /** One board's line, e.g. {@code /dev/ttyUSB0  ESP32-C3  writing   45% [=========>          ] 812 kbit/s}. */
    String line(int i) {
        BoardProgress p = last[i];
        Phase phase = p == null ? Phase.WAITING : p.phase();
        StringBuilder sb = new StringBuilder(String.format("%-" + portWidth + "s  %-9s %-10s", fit(ports.get(i)),
                chips[i] == null ? "" : chips[i], phase.name().toLowerCase(Locale.ROOT)));
        if (p != null && (p.total() > 0 || phase == Phase.DONE)) {
            int pct = p.percent();
            int filled = pct * BAR / 100;
            sb.append(String.format("%3d%% [%s%s]", pct, "=".repeat(filled),
                    filled < BAR ? ">" + " ".repeat(BAR - filled - 1) : ""));
            if (p.bytesPerSecond() > 0 && !phase.finished()) {
                sb.append(String.format(" %.0f kbit/s", p.bytesPerSecond() * 8 / 1000));
            }
        }
        return sb.toString();
    }

    private String fit(String port) {
        return port.length() <= portWidth ? port : "…" + port.substring(port.length() - portWidth + 1);
    }

    /** The table of all boards (stdout), then each failed board's error and redo command (stderr). */
    void summary(List<BoardResult> results, PrintStream err) {
        long ok = results.stream().filter(BoardResult::succeeded).count();
        if (!silent) {
            int w = Math.max(4, results.stream().mapToInt(r -> r.port().length()).max().orElse(4));
            out.println();
            out.println(String.format("%-" + w + "s  %-10s  %-17s  %-9s  %s", "Port", "Chip", "MAC", "Result", "Time"));
            for (BoardResult r : results) {
                out.println(String.format("%-" + w + "s  %-10s  %-17s  %-9s  %s", r.port(), dash(r.chip()),
                        dash(r.mac()), r.succeeded() ? "OK" : r.status().name(), seconds(r)));
            }
            out.println(ok + " of " + results.size() + " boards succeeded.");
        }
        List<String> errors = results.stream().map(BoardResult::error).distinct().toList();
        if (results.size() > 1 && errors.size() == 1 && errors.get(0) != null
                && results.stream().allMatch(r -> r.chip() == null)) {
            // the same error everywhere before any board answered: a bad argument, said once
            err.println();
            err.println("Every board failed the same way: " + errors.get(0));
            return;
        }
        for (BoardResult r : results) {
            if (!r.succeeded()) {
                err.println();
                String error = r.error();
                if (r.redoCommand() != null) {
                    error = error.replaceAll("\\R?To finish the job, run: [^\\n]*", ""); // said just below
                }
                err.println(r.port() + ": " + error);
                if (r.redoCommand() != null) {
                    err.println("To redo this board, run: " + r.redoCommand());
                }
            }
        }
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    private static String seconds(BoardResult r) {
        return String.format(Locale.ROOT, "%.1f s", r.elapsed().toNanos() / 1e9);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
