package org.jesptool.cli.secure;

import org.jesptool.secure.EspsecureException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --version/-v} of the signing commands: the Secure Boot version, 1 or 2. */
final class SecureBootVersion {
    @Option(names = {"--version", "-v"}, paramLabel = "1|2",
            description = "Secure Boot version: 1 or 2 (generate-signing-key and extract-public-key: default 1).")
    Integer value;

    /** The version given, or {@code def}; refuses anything but 1 and 2. */
    int orDefault(int def) {
        int v = value == null ? def : value;
        if (v != 1 && v != 2) {
            throw new EspsecureException("--version must be 1 or 2.");
        }
        return v;
    }

    /** The version, which this command needs. */
    int required(CommandSpec spec) {
        if (value == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--version=1|2'");
        }
        return orDefault(0);
    }
}
