package org.jesptool.cli.secure;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;

import org.jesptool.cli.CliNumbers;
import org.jesptool.secure.EspsecureException;
import org.jesptool.secure.KeyFiles;
import org.jesptool.secure.SecureBootV1;
import org.jesptool.secure.SignatureBlock;
import org.jesptool.secure.SigningScheme;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Signing-key commands: generate, extract the public key, digests for eFuse. */
final class KeyCommands {
    private KeyCommands() {
    }

    @Command(name = "generate-signing-key", aliases = "generate_signing_key",
            description = "Generate a private key for signing secure boot images (PEM). Keep it secret.")
    static final class GenerateSigningKey implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        SecureBootVersion versionOption = new SecureBootVersion();

        @Option(names = {"--scheme", "-s"}, description = "rsa3072, ecdsa192, ecdsa256 or ecdsa384 (V2; default rsa3072).")
        String scheme;

        @Parameters(paramLabel = "KEYFILE", description = "New key file; an existing file is never overwritten.")
        Path keyfile;

        @Override
        public Integer call() {
            int version = versionOption.orDefault(1);
            SigningScheme s;
            if (version == 1) {
                s = scheme == null ? SigningScheme.ECDSA256 : SigningScheme.ofCliName(scheme);
                if (s != SigningScheme.ECDSA256) {
                    throw new EspsecureException("Secure Boot V1 keys are ECDSA P-256 only (--scheme ecdsa256).");
                }
            } else if (version == 2) {
                s = scheme == null ? SigningScheme.RSA3072 : SigningScheme.ofCliName(scheme);
            } else {
                throw new EspsecureException("--version must be 1 or 2.");
            }
            FileIo.requireAbsent(keyfile);
            KeyPair pair = KeyFiles.generate(s);
            FileIo.write(keyfile, KeyFiles.privateKeyPem(pair));
            String what = s.isRsa() ? "RSA 3072" : "ECDSA NIST" + s.cliName().substring(5) + "p";
            spec.commandLine().getOut().println(what + " private key in PEM format written to " + keyfile + ".");
            return 0;
        }
    }

    @Command(name = "extract-public-key", aliases = "extract_public_key",
            description = "Write the public key of a signing key: V1 raw 64 bytes X||Y, V2 PEM.")
    static final class ExtractPublicKey implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        SecureBootVersion versionOption = new SecureBootVersion();

        @Mixin
        KeyFileOption keyfileOption = new KeyFileOption();

        @Parameters(paramLabel = "PUBLIC_KEYFILE", description = "Output file.")
        Path publicKeyfile;

        @Override
        public Integer call() {
            Path keyfile = keyfileOption.path;
            int version = versionOption.orDefault(1);
            FileIo.requireDistinct(publicKeyfile, keyfile);
            var key = KeyFiles.readPublicKey(FileIo.read(keyfile), keyfile.toString());
            byte[] out;
            if (version == 1) {
                out = SecureBootV1.rawPublicKey(key);
            } else if (version == 2) {
                SigningScheme.of(key);
                out = KeyFiles.publicKeyPem(key);
            } else {
                throw new EspsecureException("--version must be 1 or 2.");
            }
            FileIo.write(publicKeyfile, out);
            spec.commandLine().getOut().println(keyfile + " public key extracted to " + publicKeyfile);
            return 0;
        }
    }

    @Command(name = "digest-sbv2-public-key", aliases = {"digest_sbv2_public_key", "digest-rsa-public-key",
            "digest_rsa_public_key"},
            description = "Write the SHA-256 digest of a Secure Boot V2 public key (the value burned into eFuse).")
    static final class DigestSbv2PublicKey implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KeyFileOption keyfileOption = new KeyFileOption();

        @Option(names = {"--output", "-o"}, required = true, description = "Output file for the 32-byte digest.")
        Path output;

        @Override
        public Integer call() {
            Path keyfile = keyfileOption.path;
            FileIo.requireDistinct(output, keyfile);
            var key = KeyFiles.readPublicKey(FileIo.read(keyfile), keyfile.toString());
            FileIo.write(output, SignatureBlock.publicKeyDigest(key));
            spec.commandLine().getOut().println("Public key digest written to " + output + ".");
            return 0;
        }
    }

    @Command(name = "digest-private-key", aliases = "digest_private_key",
            description = "Write the SHA-256 digest of an ECDSA P-256 private key (Secure Boot V1 reflashable key).")
    static final class DigestPrivateKey implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KeyFileOption keyfileOption = new KeyFileOption();

        @Option(names = {"--keylen", "-l"}, defaultValue = "256", converter = CliNumbers.Int32.class,
                description = "Digest length in bits: 192 or 256.")
        int keylen;

        @Parameters(paramLabel = "DIGEST_FILE", description = "Output file.")
        Path digestFile;

        @Override
        public Integer call() {
            Path keyfile = keyfileOption.path;
            FileIo.requireDistinct(digestFile, keyfile);
            byte[] digest = SecureBootV1.privateKeyDigest(KeyFiles.readPrivateKey(FileIo.read(keyfile), keyfile.toString()),
                    keylen);
            FileIo.write(digestFile, digest);
            PrintWriter out = spec.commandLine().getOut();
            out.println("SHA-256 digest of private key " + keyfile + (keylen == 192 ? " (truncated to 192 bits)" : "")
                    + " written to " + digestFile);
            return 0;
        }
    }
}
