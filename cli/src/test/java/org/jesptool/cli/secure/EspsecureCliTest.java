package org.jesptool.cli.secure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EspsecureCliTest {
    @TempDir
    Path dir;

    private String tmp(String name) {
        return dir.resolve(name).toString();
    }

    private void assertFails(Cli.Result r, String messagePart) {
        assertThat(r.status()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains(messagePart);
        assertThat(r.err()).doesNotContain("\tat org.");
    }

    private void assertNoFilesLeft() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa3072", "ecdsa192", "ecdsa256", "ecdsa384"})
    void generateSignVerifyRoundTripForEveryScheme(String scheme) throws IOException {
        Cli.Result gen = Cli.run("generate-signing-key", "--version", "2", "--scheme", scheme, tmp("key.pem"));
        assertThat(gen.status()).as(gen.all()).isZero();
        String pem = Files.readString(dir.resolve("key.pem"));
        assertThat(pem).startsWith(scheme.startsWith("rsa") ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN EC PRIVATE KEY-----");
        String secretLine = pem.lines().skip(1).findFirst().orElseThrow();
        assertThat(gen.all()).doesNotContain(secretLine).doesNotContain("PRIVATE KEY-----");

        assertThat(Cli.run("extract-public-key", "-v", "2", "-k", tmp("key.pem"), tmp("pub.pem")).status()).isZero();
        assertThat(Files.readString(dir.resolve("pub.pem"))).startsWith("-----BEGIN PUBLIC KEY-----");
        Cli.Result sign = Cli.run("sign-data", "-v", "2", "-k", tmp("key.pem"), "-o", tmp("signed.bin"),
                Cli.in("bootloader.bin"));
        assertThat(sign.status()).as(sign.all()).isZero();
        Cli.Result verify = Cli.run("verify-signature", "-v", "2", "-k", tmp("pub.pem"), tmp("signed.bin"));
        assertThat(verify.status()).as(verify.all()).isZero();
        assertThat(verify.out()).contains("Signature block 0 verification successful");

        byte[] signed = Files.readAllBytes(dir.resolve("signed.bin"));
        signed[0x100] ^= 0x40;
        Files.write(dir.resolve("tampered.bin"), signed);
        assertFails(Cli.run("verify-signature", "-v", "2", "-k", tmp("pub.pem"), tmp("tampered.bin")),
                "could not be verified");

        // Generating over an existing key file is refused and the key is untouched.
        assertFails(Cli.run("generate-signing-key", "-v", "2", "-s", scheme, tmp("key.pem")), "already exists");
        assertThat(Files.readString(dir.resolve("key.pem"))).isEqualTo(pem);
    }

    @Test
    void v1SignIsDeterministicAndVerifies() throws IOException {
        Cli.Result r = Cli.run("sign_data", "--version", "1", "--keyfile", Cli.in("ecdsa256_secure_boot_signing_key.pem"),
                "--output", tmp("signed.bin"), Cli.in("bootloader.bin"));
        assertThat(r.status()).as(r.all()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("signed.bin"))).isEqualTo(Files.readAllBytes(Cli.IN.resolve("bootloader_signed.bin")));
        for (String key : new String[] {"ecdsa256_secure_boot_signing_pubkey.pem", "ecdsa256_secure_boot_signing_pubkey_raw.bin",
                "ecdsa256_secure_boot_signing_key_pkcs8.pem"}) {
            Cli.Result v = Cli.run("verify_signature", "--version", "1", "--keyfile", Cli.in(key), Cli.in("bootloader_signed.bin"));
            assertThat(v.status()).as(v.all()).isZero();
            assertThat(v.out()).contains("Signature is valid");
        }
        assertFails(Cli.run("verify-signature", "-v", "1", "-k", Cli.in("ecdsa256_secure_boot_signing_pubkey2.pem"),
                Cli.in("bootloader_signed.bin")), "Signature is not valid");
    }

    @Test
    void v4MultiKeySpellingAndAppend() throws IOException {
        // v4: --keyfile takes several files and the data file follows them.
        Cli.Result r = Cli.run("sign_data", "--version", "2", "--keyfile", Cli.in("rsa_secure_boot_signing_key.pem"),
                Cli.in("rsa_secure_boot_signing_key2.pem"), "--output", tmp("two.bin"), "--skip_padding",
                Cli.in("bootloader_unsigned_v2.bin"));
        assertThat(r.status()).as(r.all()).isZero();
        assertThat(r.out()).contains("2 signature block(s)");
        Cli.Result a = Cli.run("sign-data", "-v", "2", "--append_signatures", "-o", tmp("three.bin"), tmp("two.bin"),
                "-k", Cli.in("rsa_secure_boot_signing_key3.pem"));
        assertThat(a.status()).as(a.all()).isZero();
        assertThat(a.out()).contains("2 valid signature block(s) already present").contains("3 signature block(s)");
        for (String k : new String[] {"", "2", "3"}) {
            assertThat(Cli.run("verify-signature", "-v", "2", "-k", Cli.in("rsa_secure_boot_signing_key" + k + ".pem"),
                    tmp("three.bin")).status()).isZero();
        }
        Cli.Result info = Cli.run("signature_info_v2", tmp("three.bin"));
        assertThat(info.out()).contains("Signature block 2 is valid (RSA)");
        assertFails(Cli.run("sign-data", "-v", "2", "-a", "-k", Cli.in("rsa_secure_boot_signing_key4.pem"), "-o",
                tmp("four.bin"), tmp("three.bin")), "at most 3");
        assertThat(dir.resolve("four.bin")).doesNotExist();
    }

    @Test
    void alreadySignedImageNeedsAppend() {
        assertFails(Cli.run("sign-data", "-v", "2", "-k", Cli.in("ecdsa256_secure_boot_signing_key2.pem"), "-o",
                tmp("out.bin"), Cli.in("bootloader_signed_v2_ecdsa256.bin")), "--append-signatures");
        assertThat(dir.resolve("out.bin")).doesNotExist();
    }

    @Test
    void precalculatedSignatures() throws IOException {
        for (String s : new String[] {"rsa", "ecdsa192", "ecdsa256", "ecdsa384"}) {
            Cli.Result r = Cli.run("sign-data", "-v", "2", "--pub-key", Cli.in(s + "_secure_boot_signing_pubkey.pem"),
                    "--signature", Cli.in("pre_calculated_bootloader_signature_" + s + ".bin"), "-o", tmp(s + ".bin"),
                    Cli.in("bootloader_unsigned_v2.bin"));
            assertThat(r.status()).as(r.all()).isZero();
            assertThat(Cli.run("verify-signature", "-v", "2", "-k", Cli.in(s + "_secure_boot_signing_pubkey.pem"),
                    tmp(s + ".bin")).status()).isZero();
        }
        Cli.Result v1 = Cli.run("sign-data", "-v", "1", "--pub-key", Cli.in("ecdsa256_secure_boot_signing_pubkey.pem"),
                "--signature", Cli.in("pre_calculated_bootloader_signature.bin"), "-o", tmp("v1.bin"), Cli.in("bootloader.bin"));
        assertThat(v1.status()).as(v1.all()).isZero();
        assertFails(Cli.run("sign-data", "-v", "2", "--pub-key", Cli.in("ecdsa256_secure_boot_signing_pubkey2.pem"),
                "--signature", Cli.in("pre_calculated_bootloader_signature_ecdsa256.bin"), "-o", tmp("bad.bin"),
                Cli.in("bootloader_unsigned_v2.bin")), "does not match");
        assertThat(dir.resolve("bad.bin")).doesNotExist();
    }

    @Test
    void badKeysAreRefusedWithoutOutput() throws IOException {
        Path work = Files.createDirectory(dir.resolve("keys"));
        String pem = Files.readString(Cli.IN.resolve("ecdsa256_secure_boot_signing_key.pem"));
        Files.writeString(work.resolve("corrupt.pem"), pem.replace("M", "%"));
        Files.writeString(work.resolve("truncated.pem"), pem.substring(0, pem.length() / 2));
        Files.write(work.resolve("garbage.pem"), new byte[] {1, 2, 3});
        for (String bad : new String[] {"corrupt.pem", "truncated.pem", "garbage.pem"}) {
            Cli.Result r = Cli.run("sign-data", "-v", "2", "-k", work.resolve(bad).toString(), "-o", tmp("o.bin"),
                    Cli.in("bootloader_unsigned_v2.bin"));
            assertThat(r.status()).as(bad + r.all()).isEqualTo(2);
            assertThat(r.err()).contains(bad).doesNotContain("\tat ");
        }
        assertFails(Cli.run("sign-data", "-v", "1", "-k", Cli.in("rsa_secure_boot_signing_key.pem"), "-o", tmp("o.bin"),
                Cli.in("bootloader.bin")), "P-256");
        assertFails(Cli.run("sign-data", "-v", "2", "-k", Cli.in("rsa_secure_boot_signing_pubkey.pem"), "-o", tmp("o.bin"),
                Cli.in("bootloader.bin")), "public key");
        assertThat(dir.resolve("o.bin")).doesNotExist();
        Files.delete(work.resolve("corrupt.pem"));
        Files.delete(work.resolve("truncated.pem"));
        Files.delete(work.resolve("garbage.pem"));
        Files.delete(work);
        assertNoFilesLeft();
    }

    @Test
    void flashEncryptionRoundTripsAndBadInput() throws IOException {
        for (int bits : new int[] {256, 512}) {
            String key = tmp("fe" + bits + ".bin");
            assertThat(Cli.run("generate_flash_encryption_key", "--keylen", String.valueOf(bits), key).status()).isZero();
            assertThat(Files.size(Path.of(key))).isEqualTo(bits / 8);
            byte[] data = new byte[4096 + 48];
            new Random(bits).nextBytes(data);
            Files.write(dir.resolve("plain.bin"), data);
            assertThat(Cli.run("encrypt-flash-data", "--aes_xts", "--keyfile", key, "--address", "0x10030", "--output",
                    tmp("enc.bin"), tmp("plain.bin")).status()).isZero();
            assertThat(Cli.run("decrypt-flash-data", "-x", "-k", key, "-a", "65584", "-o", tmp("dec.bin"),
                    tmp("enc.bin")).status()).isZero();
            assertThat(Files.readAllBytes(dir.resolve("dec.bin"))).isEqualTo(data);
            assertThat(Files.readAllBytes(dir.resolve("enc.bin"))).isNotEqualTo(data);
        }
        String key = tmp("fe256.bin");
        assertThat(Cli.run("encrypt_flash_data", "-k", key, "-a", "0x1000", "--flash_crypt_conf", "0x3", "-o",
                tmp("e32.bin"), tmp("plain.bin")).status()).isZero();
        assertThat(Cli.run("decrypt-flash-data", "-k", key, "-a", "0x1000", "--flash-crypt-conf", "3", "-o",
                tmp("d32.bin"), tmp("e32.bin")).status()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("d32.bin"))).isEqualTo(Files.readAllBytes(dir.resolve("plain.bin")));

        assertFails(Cli.run("encrypt-flash-data", "-x", "-k", key, "-a", "0x1008", "-o", tmp("x.bin"), tmp("plain.bin")),
                "multiple of 16");
        Files.write(dir.resolve("odd.bin"), Arrays.copyOf(Files.readAllBytes(dir.resolve("plain.bin")), 100));
        assertFails(Cli.run("encrypt-flash-data", "-x", "-k", key, "-a", "0x1000", "-o", tmp("x.bin"), tmp("odd.bin")),
                "multiple of 16");
        assertFails(Cli.run("encrypt-flash-data", "-k", tmp("fe512.bin"), "-a", "0x1000", "-o", tmp("x.bin"),
                tmp("plain.bin")), "24 or 32 bytes");
        assertThat(dir.resolve("x.bin")).doesNotExist();
        assertFails(Cli.run("encrypt-flash-data", "-k", key, "-a", "0x1000", "-o", tmp("plain.bin"), tmp("plain.bin")),
                "also an input");
    }

    @Test
    void usageErrorsExitTwo() {
        Cli.Result r = Cli.run("sign-data", "-v", "2", "--no-such-option", "x");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option");
        assertThat(Cli.run("no-such-command").status()).isEqualTo(2);
        assertThat(Cli.run("encrypt-flash-data", "-k", "k", "-a", "zz", "-o", "o", "i").err()).contains("Invalid number 'zz'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"digest-secure-bootloader", "generate-signing-key", "sign-data", "sign_data",
            "verify-signature", "signature-info-v2", "extract-public-key", "digest-sbv2-public-key",
            "digest-rsa-public-key", "digest-private-key", "generate-flash-encryption-key", "encrypt-flash-data",
            "decrypt_flash_data"})
    void everyCommandHasHelp(String command) {
        Cli.Result r = Cli.run(command, "--help");
        assertThat(r.status()).as(r.all()).isZero();
        assertThat(r.out()).startsWith("Usage: espsecure ").contains("-h, --help");
    }

    @Test
    void debugShowsTheStackTrace() {
        Cli.Result r = Cli.run("--debug", "verify-signature", "-v", "2", "-k", tmp("missing.pem"), tmp("missing.bin"));
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("does not exist").contains("\tat ");
    }

    @Test
    void keyDigestsAndPrivateKeyDigest() throws IOException {
        assertThat(Cli.run("digest_rsa_public_key", "-k", Cli.in("rsa_secure_boot_signing_pubkey.pem"), "-o",
                tmp("d.bin")).status()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("d.bin"))).isEqualTo(Files.readAllBytes(Cli.IN.resolve("rsa_public_key_digest.bin")));
        assertThat(Cli.run("digest-sbv2-public-key", "-k", Cli.in("ecdsa192_secure_boot_signing_key_v2.pem"), "-o",
                tmp("d192.bin")).status()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("d192.bin")))
                .isEqualTo(Files.readAllBytes(Cli.IN.resolve("ecdsa192_public_key_digest_v2.bin")));
        assertThat(Cli.run("digest-private-key", "-k", Cli.in("ecdsa256_secure_boot_signing_key.pem"), "--keylen", "192",
                tmp("pk.bin")).status()).isZero();
        assertThat(Files.size(dir.resolve("pk.bin"))).isEqualTo(24);
    }
}
