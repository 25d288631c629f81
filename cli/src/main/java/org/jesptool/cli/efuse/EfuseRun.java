package org.jesptool.cli.efuse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jesptool.efuse.BurnPlan;
import org.jesptool.efuse.EfuseOperations;
import org.jesptool.efuse.Efuses;
import org.jesptool.efuse.KeyOperations;

/** What an espefuse command works with: the eFuses read at start, the burn plan, the console and stdin. */
final class EfuseRun {
    final Efuses efuses;
    final BurnPlan plan;
    final EfuseOperations ops;
    final KeyOperations keys;
    final PrintStream out;
    final Path cwd;
    final boolean doNotConfirm;
    final boolean debug;
    boolean batch;
    private final BufferedReader stdin;

    EfuseRun(Efuses efuses, PrintStream out, InputStream in, Path cwd, boolean doNotConfirm, boolean debug) {
        this.efuses = efuses;
        this.out = out;
        this.cwd = cwd;
        this.doNotConfirm = doNotConfirm;
        this.debug = debug;
        this.plan = new BurnPlan(efuses, out::println);
        this.ops = new EfuseOperations(plan, out::println);
        this.keys = new KeyOperations(plan, out::println);
        this.stdin = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    Path resolve(String file) {
        return cwd.resolve(file);
    }

    /**
     * Burns what the command staged, unless batch mode defers it to the end. Returns false if the user
     * declined at the prompt (nothing burned; the caller stops).
     */
    boolean burn() throws IOException {
        if (batch) {
            out.println("\nBatch mode is enabled, the burn will be done at the end of the command.");
            return false;
        }
        return burnNow(". ");
    }

    boolean burnNow(String action) throws IOException {
        boolean done = plan.burnAll(action, a -> confirm());
        if (!done) {
            throw new Aborted();
        }
        return true;
    }

    private boolean confirm() {
        if (doNotConfirm) {
            return true;
        }
        out.println("Type 'BURN' (all capitals) to continue.");
        out.flush();
        String line;
        try {
            line = stdin.readLine();
        } catch (IOException e) {
            line = null;
        }
        if (line == null) {
            throw new NoAnswer();
        }
        return line.trim().equals("BURN");
    }

    /** The user typed something other than BURN: "Aborting." and exit 0, nothing burned. */
    static final class Aborted extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** Stdin ended at the prompt: "Aborted." and exit 1, nothing burned. */
    static final class NoAnswer extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
