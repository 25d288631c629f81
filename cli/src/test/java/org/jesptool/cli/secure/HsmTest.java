package org.jesptool.cli.secure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jesptool.testsupport.JvmFlags;
import org.jesptool.testsupport.Requires;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --hsm through SunPKCS11 against a SoftHSM2 token made for the test (keys imported from the reference's
 * PEM files, each with a certificate). Needs softhsm2, pkcs11-tool (opensc) and openssl ({@link Requires}: skipped
 * locally without them, failing under CI). espsecure runs in a child JVM because the token location comes from the environment.
 */
class HsmTest {
    private static final Path LIB = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    @TempDir
    Path dir;

    private String run(List<String> cmd, boolean mustSucceed) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile());
        pb.environment().put("SOFTHSM2_CONF", dir.resolve("softhsm2.conf").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = p.waitFor();
        if (mustSucceed) {
            assertThat(status).as(String.join(" ", cmd) + "\n" + out).isZero();
        }
        return status + "\n" + out;
    }

    private String espsecure(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(JvmFlags.launcher());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), EspsecureMain.class.getName()));
        cmd.addAll(List.of(args));
        return run(cmd, false);
    }

    private void importKey(String pem, String label, String id) throws IOException, InterruptedException {
        run(List.of("openssl", "pkcs8", "-topk8", "-nocrypt", "-in", Cli.in(pem), "-out", label + ".p8"), true);
        run(List.of("softhsm2-util", "--import", label + ".p8", "--token", "esp", "--label", label, "--id", id,
                "--pin", "1234"), true);
        run(List.of("openssl", "req", "-new", "-x509", "-key", Cli.in(pem), "-subj", "/CN=" + label, "-days", "30",
                "-outform", "DER", "-out", label + ".der"), true);
        run(List.of("pkcs11-tool", "--module", LIB.toString(), "--login", "--pin", "1234", "--token-label", "esp",
                "--write-object", label + ".der", "--type", "cert", "--id", id, "--label", label), true);
    }

    @Test
    @Requires(commands = {"softhsm2-util", "pkcs11-tool", "openssl"}, files = "/usr/lib/softhsm/libsofthsm2.so",
            hint = "apt-get install softhsm2 opensc openssl")
    void signsAndVerifiesWithKeysOnAPkcs11Token() throws Exception {
        Files.createDirectories(dir.resolve("tokens"));
        Files.writeString(dir.resolve("softhsm2.conf"), "directories.tokendir = " + dir.resolve("tokens")
                + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        String init = run(List.of("softhsm2-util", "--init-token", "--free", "--label", "esp", "--pin", "1234",
                "--so-pin", "5678"), true);
        Matcher m = Pattern.compile("slot (\\d+)").matcher(init);
        assertThat(m.find()).as(init).isTrue();
        String slot = m.group(1);
        importKey("ecdsa256_secure_boot_signing_key.pem", "eckey", "01");
        importKey("rsa_secure_boot_signing_key.pem", "rsakey", "02");

        for (String[] c : new String[][] {{"eckey", "ecdsa256"}, {"rsakey", "rsa"}}) {
            Path ini = dir.resolve(c[0] + ".ini");
            Files.writeString(ini, "[hsm_config]\npkcs11_lib = " + LIB + "\ncredentials = 1234\nslot = " + slot
                    + "\nlabel = " + c[0] + "\nlabel_pubkey = " + c[0] + "\n");
            String signed = dir.resolve(c[0] + ".bin").toString();
            String sign = espsecure("sign-data", "-v", "2", "--hsm", "--hsm-config", ini.toString(), "-o", signed,
                    Cli.in("bootloader_unsigned_v2.bin"));
            assertThat(sign).startsWith("0\n");
            String verify = espsecure("verify-signature", "-v", "2", "-k", Cli.in(c[1] + "_secure_boot_signing_pubkey.pem"), signed);
            assertThat(verify).startsWith("0\n").contains("Signature block 0 verification successful");
            assertThat(espsecure("verify-signature", "-v", "2", "--hsm", "--hsm-config", ini.toString(), signed))
                    .startsWith("0\n");
        }
        Path bad = dir.resolve("bad.ini");
        Files.writeString(bad, "[hsm_config]\npkcs11_lib = " + LIB + "\ncredentials = 1234\nslot = " + slot
                + "\nlabel = missing\n");
        String missing = espsecure("sign-data", "-v", "2", "--hsm", "--hsm-config", bad.toString(), "-o",
                dir.resolve("none.bin").toString(), Cli.in("bootloader_unsigned_v2.bin"));
        assertThat(missing).startsWith("2\n").contains("no certificate labelled 'missing'");
        assertThat(dir.resolve("none.bin")).doesNotExist();
    }
}
