package org.jesptool.cli.secure;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jesptool.cli.HelpOption;
import org.jesptool.cli.LegacyName;
import org.jesptool.cli.UsageErrors;
import org.jesptool.secure.EspsecureException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Entry point of {@code bin/espsecure}: the reference's commands under their v5 names with the v4
 * underscore spellings as aliases. Exit 0 on success, 2 on usage errors and on failures (as the reference);
 * errors are one paragraph, with a stack trace only under {@code --debug}.
 */
@Command(name = "espsecure", version = "espsecure (JEsptool) 5.x compatible",
        description = "Secure boot signing and verification, key digests and flash encryption for Espressif chips.",
        subcommands = {
            BootloaderDigestCommand.class,
            KeyCommands.GenerateSigningKey.class,
            SigningCommands.SignData.class,
            SigningCommands.VerifySignature.class,
            SigningCommands.SignatureInfoV2.class,
            KeyCommands.ExtractPublicKey.class,
            KeyCommands.DigestSbv2PublicKey.class,
            KeyCommands.DigestPrivateKey.class,
            EncryptionCommands.GenerateFlashEncryptionKey.class,
            EncryptionCommands.Encrypt.class,
            EncryptionCommands.Decrypt.class,
        })
public final class EspsecureMain {
    /** Exit status for usage errors and failed operations, as the reference uses. */
    public static final int EXIT_ERROR = 2;

    @picocli.CommandLine.Mixin
    HelpOption help = new HelpOption();

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
    boolean version;

    @Option(names = {"--debug", "--trace"}, scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean debug;

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String legacy = LegacyName.warning(System.getenv());
        if (legacy != null) {
            System.err.println("Warning: " + legacy);
        }
        System.exit(run(args, out, System.err));
    }

    /** Runs one espsecure command line; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        CommandLine cl = new CommandLine(new EspsecureMain());
        cl.setOut(o);
        cl.setErr(e);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean showTrace = parseResult.hasMatchedOption("--debug") || anyDebug(parseResult);
            String message = ex instanceof EspsecureException ? ex.getMessage()
                    : ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
            e.println();
            e.println("A fatal error occurred: " + message);
            if (showTrace) {
                ex.printStackTrace(e);
            }
            e.flush();
            return EXIT_ERROR;
        });
        cl.setParameterExceptionHandler((ex, strings) -> UsageErrors.report(ex, ex.getCommandLine().getErr()));
        int status = cl.execute(normalize(args, e));
        o.flush();
        e.flush();
        return status;
    }

    private static boolean anyDebug(CommandLine.ParseResult pr) {
        for (CommandLine.ParseResult p = pr; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /**
     * v4 spellings: options written with underscores ({@code --append_signatures}) become their v5 form.
     * Command names keep their underscores (they are aliases) but earn the reference's deprecation note.
     */
    static String[] normalize(String[] args, PrintWriter err) {
        List<String> out = new ArrayList<>(args.length);
        for (String a : args) {
            if (a.startsWith("--") && a.length() > 2) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a : a.substring(0, eq);
                String rest = eq < 0 ? "" : a.substring(eq);
                out.add(name.replace('_', '-') + rest);
            } else {
                out.add(a);
            }
        }
        for (String a : out) {
            if (!a.startsWith("-") && a.contains("_") && COMMANDS_V4.contains(a)) {
                err.println("Warning: Deprecated: Command '" + a + "' is deprecated. Use '" + a.replace('_', '-')
                        + "' instead.");
                break;
            }
            if (!a.startsWith("-")) {
                break;
            }
        }
        return out.toArray(String[]::new);
    }

    private static final List<String> COMMANDS_V4 = List.of("digest_secure_bootloader", "generate_signing_key",
            "sign_data", "verify_signature", "signature_info_v2", "extract_public_key", "digest_rsa_public_key",
            "digest_sbv2_public_key", "digest_private_key", "generate_flash_encryption_key", "encrypt_flash_data",
            "decrypt_flash_data");
}
