package org.jesptool.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code -h/--help}, declared once on a tool's top command and inherited by every subcommand, so that help is
 * asked for, and described, the same way everywhere (esptool, espsecure).
 */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Show this help message and exit.")
    boolean help;
}
