package org.jesptool.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** version: prints the tool version (no chip needed). */
@Command(name = "version", description = "Print the JEsptool version.")
public final class VersionCommand implements Callable<Integer> {
    /** The version string, from the jar manifest when present. */
    public static String version() {
        String v = VersionCommand.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }

    /** The line {@code version} prints. */
    static String line() {
        // StringBuilder rather than '+': string concatenation bootstraps invokedynamic, slow on a cold JVM.
        return new StringBuilder("jesptool v").append(version()).append(" (esptool v5.3 compatible)").toString();
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CliContext.of(spec).out().println(line());
        return 0;
    }
}
