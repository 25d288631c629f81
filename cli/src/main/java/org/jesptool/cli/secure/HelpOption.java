package org.jesptool.cli.secure;

import picocli.CommandLine.Option;

/** -h/--help for every command (not picocli's standard mixin: its --version would clash with --version/-v). */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
