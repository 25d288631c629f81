package org.jesptool.cli.secure;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;

import org.jesptool.secure.BootloaderDigest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** digest-secure-bootloader: Secure Boot V1 (ESP32) bootloader digest for reflashable mode. */
@Command(name = "digest-secure-bootloader", aliases = "digest_secure_bootloader",
        description = "Compute the Secure Boot V1 digest of a bootloader and write digest + bootloader for offset 0x0.")
final class BootloaderDigestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KeyFileOption keyfileOption = new KeyFileOption();

    @Option(names = {"--output", "-o"}, description = "Output file (default IMAGE-digest-0x0000.bin).")
    Path output;

    @Option(names = "--iv", description = "IV file, for testing only (default: 128 random bytes).")
    Path iv;

    @Parameters(paramLabel = "IMAGE", description = "Bootloader image.")
    Path image;

    @Override
    public Integer call() {
        Path keyfile = keyfileOption.path;
        Path out = output;
        if (out == null) {
            String name = image.getFileName().toString();
            int dot = name.lastIndexOf('.');
            out = image.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + "-digest-0x0000.bin");
        }
        FileIo.requireDistinct(out, image, keyfile, iv);
        byte[] ivBytes;
        if (iv != null) {
            spec.commandLine().getOut().println("Warning: --iv argument is for TESTING PURPOSES ONLY");
            ivBytes = FileIo.read(iv);
        } else {
            ivBytes = new byte[BootloaderDigest.IV_LENGTH];
            new SecureRandom().nextBytes(ivBytes);
        }
        byte[] result = BootloaderDigest.compute(FileIo.read(keyfile), keyfile.toString(), ivBytes, FileIo.read(image));
        FileIo.write(out, result);
        spec.commandLine().getOut().println("Digest + image written to " + out);
        return 0;
    }
}
