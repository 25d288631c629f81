package org.jesptool.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** How esptool and espsecure report a usage error: one paragraph and where to get help, exit status 2. */
public final class UsageErrors {
    private UsageErrors() {
    }

    /** Prints the error and the help hint; returns the exit status (2). */
    public static int report(CommandLine.ParameterException ex, PrintWriter err) {
        CommandLine c = ex.getCommandLine();
        String name = c.getCommandSpec().qualifiedName(" ");
        String msg = CliNumbers.message(ex);
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            boolean root = c.getCommandSpec().parent() == null;
            if (first.startsWith("-")) {
                msg = "Unknown option '" + first + "'" + (root ? " (global options must come before the command)" : "")
                        + ".";
            } else if (root) {
                msg = "No such command '" + first + "'. Commands: "
                        + String.join(", ", c.getCommandSpec().subcommands().values().stream()
                                .map(CommandLine::getCommandName).distinct().toList()) + ".";
            } else {
                msg = "Unexpected argument '" + first + "'.";
            }
        }
        err.println("error: " + msg);
        err.println("Run '" + name + " --help' for usage.");
        return 2;
    }
}
