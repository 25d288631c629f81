package org.jesptool.cli;

import java.io.PrintStream;

/**
 * Output of the esptool CLI, honouring {@code --silent} (errors only) and {@code --verbose}. Normal output
 * goes to stdout, warnings and errors to stderr. Progress is drawn in place on a terminal and reduced to
 * the final line otherwise.
 */
public final class Console {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean silent;
    private final boolean verbose;
    private final boolean tty;
    private boolean progressOpen;
    private int lastPercent = -1;

    public Console(PrintStream out, PrintStream err, boolean silent, boolean verbose, boolean tty) {
        this.out = out;
        this.err = err;
        this.silent = silent;
        this.verbose = verbose;
        this.tty = tty;
    }

    public boolean silent() {
        return silent;
    }

    public boolean verbose() {
        return verbose;
    }

    public boolean tty() {
        return tty;
    }

    /** Normal output line (hidden with --silent). */
    public void print(String line) {
        if (!silent) {
            endProgress();
            out.println(line);
        }
    }

    /** Output shown only with --verbose. */
    public void verbose(String line) {
        if (verbose && !silent) {
            endProgress();
            out.println(line);
        }
    }

    /** A note (stdout, hidden with --silent). */
    public void note(String line) {
        print("Note: " + line);
    }

    /** A warning (stderr, hidden with --silent). */
    public void warn(String line) {
        if (!silent) {
            endProgress();
            err.println("Warning: " + line);
        }
    }

    /** An error message (stderr, always shown). */
    public void error(String line) {
        endProgress();
        err.println(line);
    }

    /** A trace line (stderr, always shown: tracing was asked for). */
    public void trace(String line) {
        err.println(line);
    }

    /**
     * Progress of an operation: on a terminal the line is redrawn in place; otherwise only the completed
     * line is printed (so logs stay short and parseable).
     */
    public void progress(String label, long done, long total) {
        if (silent) {
            return;
        }
        int percent = total <= 0 ? 100 : (int) (done * 100 / total);
        if (tty) {
            if (percent != lastPercent) {
                out.print("\r" + label + " " + done + "/" + total + " bytes (" + percent + " %)");
                out.flush();
                progressOpen = true;
                lastPercent = percent;
            }
            if (done >= total) {
                endProgress();
            }
        } else if (done >= total) {
            out.println(label + " " + done + "/" + total + " bytes (100 %)");
        }
    }

    private void endProgress() {
        if (progressOpen) {
            out.println();
            progressOpen = false;
            lastPercent = -1;
        }
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }
}
