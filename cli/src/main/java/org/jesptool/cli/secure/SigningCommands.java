package org.jesptool.cli.secure;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.jesptool.secure.EspsecureException;
import org.jesptool.secure.ImageSigner;
import org.jesptool.secure.KeyFiles;
import org.jesptool.secure.SecureBootV1;
import org.jesptool.secure.SecureBootV2;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** sign-data, verify-signature and signature-info-v2. */
final class SigningCommands {
    private SigningCommands() {
    }

    @Command(name = "sign-data", aliases = "sign_data",
            description = "Sign a data file for Secure Boot (V1: ECDSA P-256 appended; V2: 4 KiB signature sector).")
    static final class SignData implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        SecureBootVersion versionOption = new SecureBootVersion();

        @Option(names = {"--keyfile", "-k"}, arity = "1..*", description = "Private key file(s) (PEM); repeatable.")
        List<Path> keyfiles = new ArrayList<>();

        @Option(names = {"--append-signatures", "-a"}, description = "Keep the image's signature blocks and add new ones (V2).")
        boolean append;

        @Option(names = "--hsm", description = "Sign with a key in a PKCS#11 HSM (V2).")
        boolean hsm;

        @Option(names = "--hsm-config", description = "HSM configuration file (with --hsm).")
        Path hsmConfig;

        @Option(names = "--pub-key", arity = "1..*", description = "Public key(s) of pre-calculated signatures.")
        List<Path> pubKeys = new ArrayList<>();

        @Option(names = "--signature", arity = "1..*", description = "Pre-calculated signature file(s), one per --pub-key.")
        List<Path> signatures = new ArrayList<>();

        @Option(names = {"--output", "-o"}, description = "Output file (default: sign the data file in place).")
        Path output;

        @Option(names = "--skip-padding", description = "Do not pad the data to a 4 KiB boundary (V2).")
        boolean skipPadding;

        @Parameters(arity = "0..1", paramLabel = "DATAFILE", description = "File to sign.")
        Path datafile;

        @Override
        public Integer call() {
            int version = versionOption.required(spec);
            datafile = Positional.takeTrailing(spec, datafile, keyfiles, pubKeys, signatures);
            PrintWriter out = spec.commandLine().getOut();
            if (pubKeys.size() != signatures.size()) {
                throw new EspsecureException("Give one --signature per --pub-key (" + pubKeys.size() + " public keys, "
                        + signatures.size() + " signatures).");
            }
            boolean external = !pubKeys.isEmpty();
            int sources = (keyfiles.isEmpty() ? 0 : 1) + (external ? 1 : 0) + (hsm ? 1 : 0);
            if (sources != 1) {
                throw new EspsecureException(sources == 0
                        ? "Give a signing key: --keyfile KEY, or --pub-key PUB with --signature SIG, or --hsm."
                        : "Use only one of --keyfile, --pub-key/--signature and --hsm.");
            }
            Path target = output != null ? output : datafile;
            byte[] data = FileIo.read(datafile);
            if (version == 1) {
                signV1(out, data, target);
            } else if (version == 2) {
                signV2(out, data, target);
            } else {
                throw new EspsecureException("--version must be 1 or 2.");
            }
            return 0;
        }

        private void signV1(PrintWriter out, byte[] data, Path target) {
            if (hsm) {
                throw new EspsecureException("Secure Boot V1 does not support signing with an HSM.");
            }
            if (append) {
                throw new EspsecureException("--append-signatures is only for Secure Boot V2.");
            }
            if (keyfiles.size() > 1 || pubKeys.size() > 1) {
                throw new EspsecureException("Secure Boot V1 signs with exactly one key.");
            }
            byte[] signed;
            if (!keyfiles.isEmpty()) {
                Path k = keyfiles.get(0);
                signed = SecureBootV1.sign(data, KeyFiles.readPrivateKey(FileIo.read(k), k.toString()));
            } else {
                out.println("Pre-calculated signatures found");
                Path p = pubKeys.get(0);
                signed = SecureBootV1.attach(data, SecureBootV1.readVerificationKey(FileIo.read(p), p.toString()),
                        FileIo.read(signatures.get(0)));
            }
            FileIo.write(target, signed);
            out.println("Signed " + data.length + " bytes of data from " + datafile + ". Signature written to " + target + ".");
        }

        private void signV2(PrintWriter out, byte[] data, Path target) {
            List<ImageSigner> signers = new ArrayList<>();
            if (hsm) {
                signers.add(Hsm.signer(hsmConfig));
            } else if (!pubKeys.isEmpty()) {
                out.println("Pre-calculated signatures found");
                for (int i = 0; i < pubKeys.size(); i++) {
                    Path p = pubKeys.get(i);
                    signers.add(ImageSigner.precomputed(KeyFiles.readPublicKey(FileIo.read(p), p.toString()),
                            FileIo.read(signatures.get(i))));
                }
            } else {
                for (Path k : keyfiles) {
                    signers.add(ImageSigner.of(KeyFiles.readPrivateKey(FileIo.read(k), k.toString())));
                }
            }
            out.println(signers.size() + " signing key(s) found.");
            SecureBootV2.Signed result = SecureBootV2.sign(data, signers, append, skipPadding);
            if (append) {
                out.println(result.blocksBefore() == 0
                        ? "No valid signature blocks found. Discarding --append-signatures and signing the image afresh."
                        : result.blocksBefore() + " valid signature block(s) already present in the signature sector.");
            }
            if (skipPadding && result.signedLength() % 4096 != 0) {
                out.println("Warning: --skip-padding left the data unaligned; the signature sector does not start on "
                        + "a 4 KiB boundary.");
            }
            FileIo.write(target, result.image());
            out.println("Signed " + result.signedLength() + " bytes of data from " + datafile
                    + ". Signature sector now has " + result.blocksAfter() + " signature block(s).");
        }
    }

    @Command(name = "verify-signature", aliases = "verify_signature",
            description = "Verify a data file signed for Secure Boot V1 or V2.")
    static final class VerifySignature implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        SecureBootVersion versionOption = new SecureBootVersion();

        @Option(names = {"--keyfile", "-k"}, description = "Public or private key (PEM; V1 also raw 64-byte public key).")
        Path keyfile;

        @Option(names = "--hsm", description = "Take the public key from a PKCS#11 HSM (V2).")
        boolean hsm;

        @Option(names = "--hsm-config", description = "HSM configuration file (with --hsm).")
        Path hsmConfig;

        @Parameters(paramLabel = "DATAFILE", description = "Signed file to verify.")
        Path datafile;

        @Override
        public Integer call() {
            int version = versionOption.required(spec);
            PrintWriter out = spec.commandLine().getOut();
            if (keyfile == null && !hsm) {
                throw new EspsecureException("Give the verification key with --keyfile (or --hsm).");
            }
            byte[] data = FileIo.read(datafile);
            if (version == 1) {
                if (hsm) {
                    throw new EspsecureException("Secure Boot V1 does not support an HSM.");
                }
                var key = SecureBootV1.readVerificationKey(FileIo.read(keyfile), keyfile.toString());
                out.println("Verifying " + (data.length - SecureBootV1.SIGNATURE_TRAILER) + " bytes of data");
                SecureBootV1.verify(data, key);
                out.println("Signature is valid");
                return 0;
            }
            if (version != 2) {
                throw new EspsecureException("--version must be 1 or 2.");
            }
            var key = hsm ? Hsm.publicKey(hsmConfig) : KeyFiles.readPublicKey(FileIo.read(keyfile), keyfile.toString());
            SecureBootV2.Report report = SecureBootV2.verify(data, key);
            report.lines().forEach(out::println);
            if (!report.valid()) {
                throw new EspsecureException("Checked all blocks. Signature could not be verified with the provided key.");
            }
            return 0;
        }
    }

    @Command(name = "signature-info-v2", aliases = "signature_info_v2",
            description = "Show the Secure Boot V2 signature blocks of a signed file.")
    static final class SignatureInfoV2 implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DATAFILE", description = "Signed file.")
        Path datafile;

        @Override
        public Integer call() {
            SecureBootV2.Report report = SecureBootV2.info(FileIo.read(datafile));
            report.lines().forEach(spec.commandLine().getOut()::println);
            if (!report.valid()) {
                throw new EspsecureException("At least one signature block does not verify against the data.");
            }
            return 0;
        }
    }
}
