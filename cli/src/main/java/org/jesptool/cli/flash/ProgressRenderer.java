package org.jesptool.cli.flash;

import java.io.PrintStream;
import java.util.function.LongSupplier;
import org.jesptool.flash.FileResult;
import org.jesptool.flash.Progress;
import org.jesptool.flash.ProgressListener;

/**
 * Shows flash progress: one redrawn line on a terminal, plain periodic lines otherwise, nothing when silent.
 * Each finished file gets a summary line.
 */
public final class ProgressRenderer implements ProgressListener {

    /** How progress is shown. */
    public enum Mode {
        /** One line redrawn in place (carriage return). */
        TERMINAL,
        /** A plain line every 10 % or every few seconds. */
        LINES,
        /** Nothing (--silent): errors arrive as exceptions. */
        SILENT
    }

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long LINE_NANOS = 5_000_000_000L;
    private static final int BAR = 30;

    private final PrintStream out;
    private final Mode mode;
    private final LongSupplier clock;
    private long lastDraw;
    private int lastPercent = -1;
    private int drawnWidth;

    public ProgressRenderer(PrintStream out, Mode mode) {
        this(out, mode, System::nanoTime);
    }

    ProgressRenderer(PrintStream out, Mode mode, LongSupplier clock) {
        this.out = out;
        this.mode = mode;
        this.clock = clock;
    }

    @Override
    public void started(Progress p) {
        lastPercent = -1;
        lastDraw = 0;
        if (mode == Mode.LINES) {
            out.printf("%s %s at 0x%08x (%d bytes)...%n", p.operation(), p.name(), p.address(), p.total());
            lastPercent = 0;
            lastDraw = clock.getAsLong();
        } else if (mode == Mode.TERMINAL) {
            draw(p);
        }
    }

    @Override
    public void progressed(Progress p) {
        long now = clock.getAsLong();
        if (mode == Mode.TERMINAL) {
            if (now - lastDraw >= REDRAW_NANOS || p.done() == p.total()) {
                lastDraw = now;
                draw(p);
            }
        } else if (mode == Mode.LINES) {
            int tens = p.percent() / 10;
            if (tens > lastPercent / 10 && p.done() < p.total() || now - lastDraw >= LINE_NANOS) {
                lastPercent = p.percent();
                lastDraw = now;
                out.println(line(p));
            }
        }
    }

    @Override
    public void finished(FileResult r) {
        if (mode == Mode.SILENT) {
            return;
        }
        clearLine();
        out.println(r.summary());
        if ("Wrote".equals(r.operation()) && r.verified()) {
            out.println("Hash of data verified.");
        }
    }

    @Override
    public void message(String text) {
        if (mode == Mode.SILENT) {
            return; // --silent: errors only; they arrive as exceptions
        }
        clearLine();
        out.println(text);
    }

    private void draw(Progress p) {
        int filled = p.percent() * BAR / 100;
        String bar = "=".repeat(filled) + (filled < BAR ? ">" + " ".repeat(BAR - filled - 1) : "");
        String text = String.format("%s at 0x%08x [%s] %5.1f%% %d/%d bytes %s ETA %s", p.operation(),
                p.address() + p.done(), bar, p.total() == 0 ? 100.0 : p.done() * 100.0 / p.total(), p.done(),
                p.total(), rate(p), eta(p));
        out.print("\r" + text + " ".repeat(Math.max(0, drawnWidth - text.length())));
        out.flush();
        drawnWidth = text.length();
    }

    private void clearLine() {
        if (drawnWidth > 0) {
            out.print("\r" + " ".repeat(drawnWidth) + "\r");
            drawnWidth = 0;
        }
    }

    static String line(Progress p) {
        return String.format("%s %s: %d%% (%d/%d bytes, %s, ETA %s)", p.operation(), p.name(), p.percent(),
                p.done(), p.total(), rate(p), eta(p));
    }

    static String rate(Progress p) {
        double kbits = p.bytesPerSecond() * 8 / 1000;
        return kbits <= 0 ? "-- kbit/s" : String.format("%.1f kbit/s", kbits);
    }

    static String eta(Progress p) {
        double s = p.etaSeconds();
        if (s < 0) {
            return "--:--";
        }
        long secs = Math.round(s);
        return String.format("%02d:%02d", secs / 60, secs % 60);
    }
}
