package org.jesptool.cli.secure;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --keyfile/-k} of the commands that take exactly one key. */
final class KeyFileOption {
    @Option(names = {"--keyfile", "-k"}, required = true, paramLabel = "KEYFILE",
            description = "Key file: PEM for signing keys, raw bytes for flash encryption and secure boot V1 "
                    + "bootloader keys.")
    Path path;
}
