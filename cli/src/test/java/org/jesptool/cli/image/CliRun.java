package org.jesptool.cli.image;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

/** Runs the image CLI in-process and captures exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        return of(Arrays.asList(args));
    }

    static CliRun of(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = ImageCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(rc, out.toString(), err.toString());
    }
}
