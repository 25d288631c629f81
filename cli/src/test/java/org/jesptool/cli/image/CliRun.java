package org.jesptool.cli.image;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jesptool.testsupport.CliRunner;

/** Runs the image CLI in-process (through test-support's {@link CliRunner}) and keeps exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        return of(Arrays.asList(args));
    }

    static CliRun of(List<String> args) {
        CliRunner.Result r = CliRunner.run((a, o, e) -> {
            PrintWriter out = new PrintWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8));
            PrintWriter err = new PrintWriter(new OutputStreamWriter(e, StandardCharsets.UTF_8));
            int rc = ImageCli.run(Arrays.asList(a), out, err);
            out.flush();
            err.flush();
            return rc;
        }, args.toArray(new String[0]));
        return new CliRun(r.code(), r.out(), r.err());
    }
}
