package org.jesptool.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class KeyFilesTest {
    private static byte[] key(String name) throws IOException {
        try (InputStream in = KeyFilesTest.class.getResourceAsStream("/keys/" + name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] pkcs8Pem(KeyPair k) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(k.getPrivate().getEncoded());
        return ("-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @CsvSource({"rsa, RSA3072", "ecdsa192, ECDSA192", "ecdsa256, ECDSA256", "ecdsa384, ECDSA384"})
    void everyFormatOfEverySchemeReadsToTheSameKey(String prefix, SigningScheme scheme) {
        KeyPair traditional = KeyFiles.readPrivateKey(Fixtures.input(prefix + "_secure_boot_signing_key.pem"), "k");
        assertThat(SigningScheme.of(traditional.getPublic())).isEqualTo(scheme);
        KeyPair pkcs8 = KeyFiles.readPrivateKey(pkcs8Pem(traditional), "k8");
        byte[] digest = SignatureBlock.publicKeyDigest(traditional.getPublic());
        assertThat(SignatureBlock.publicKeyDigest(pkcs8.getPublic())).isEqualTo(digest);
        assertThat(SignatureBlock.publicKeyDigest(KeyFiles.readPublicKey(
                Fixtures.input(prefix + "_secure_boot_signing_pubkey.pem"), "pub"))).isEqualTo(digest);
        // Writing and reading back keeps the key (PKCS#1 / SEC1 as openssl writes them).
        byte[] written = KeyFiles.privateKeyPem(traditional);
        assertThat(new String(written, StandardCharsets.US_ASCII))
                .startsWith(scheme.isRsa() ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN EC PRIVATE KEY-----");
        assertThat(SignatureBlock.publicKeyDigest(KeyFiles.readPrivateKey(written, "w").getPublic())).isEqualTo(digest);
        assertThat(SignatureBlock.publicKeyDigest(KeyFiles.readPublicKey(KeyFiles.publicKeyPem(pkcs8.getPublic()), "p")))
                .isEqualTo(digest);
    }

    @Test
    void writtenKeysHoldTheSameDerAsTheReferenceFiles() {
        for (String name : new String[] {"ecdsa256_secure_boot_signing_key.pem", "ecdsa384_secure_boot_signing_key.pem",
                "ecdsa192_secure_boot_signing_key.pem", "rsa_secure_boot_signing_key.pem"}) {
            byte[] file = Fixtures.input(name);
            assertThat(der(KeyFiles.privateKeyPem(KeyFiles.readPrivateKey(file, name)))).as(name).isEqualTo(der(file));
        }
    }

    /** The DER inside a PEM file (line length differs between writers: 64 for openssl, 76 for python-ecdsa). */
    private static byte[] der(byte[] pem) {
        String body = new String(pem, StandardCharsets.US_ASCII).lines().filter(l -> !l.startsWith("-----"))
                .reduce("", String::concat);
        return Base64.getDecoder().decode(body);
    }

    @ParameterizedTest
    @CsvSource({"encrypted_pkcs8.pem, password-protected", "encrypted_sec1.pem, password-protected",
            "ed25519.pem, Unsupported key type", "rsa2048.pem, 2048 bits", "secp256k1.pem, unsupported curve"})
    void unusableKeysGiveClearErrors(String file, String message) throws IOException {
        byte[] pem = key(file);
        assertThatThrownBy(() -> SigningScheme.of(KeyFiles.readPrivateKey(pem, file).getPublic()))
                .isInstanceOf(EspsecureException.class).hasMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a key", "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n",
            "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEI\n"})
    void corruptedPemIsRefusedWithoutEchoingIt(String text) {
        assertThatThrownBy(() -> KeyFiles.readPrivateKey(text.getBytes(StandardCharsets.US_ASCII), "bad.pem"))
                .isInstanceOf(EspsecureException.class).hasMessageStartingWith("bad.pem")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("MHcCAQEEI"));
    }

    @Test
    void publicKeyWhereAPrivateKeyIsNeeded() {
        assertThatThrownBy(() -> KeyFiles.readPrivateKey(Fixtures.input("rsa_secure_boot_signing_pubkey.pem"), "pub.pem"))
                .hasMessageContaining("is a public key");
    }
}
