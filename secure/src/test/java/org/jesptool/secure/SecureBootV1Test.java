package org.jesptool.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;

import org.junit.jupiter.api.Test;

class SecureBootV1Test {
    private static final byte[] BOOTLOADER = Fixtures.input("bootloader.bin");

    private static KeyPair key(String name) {
        return KeyFiles.readPrivateKey(Fixtures.input(name), name);
    }

    @Test
    void deterministicSignatureEqualsReference() {
        byte[] signed = SecureBootV1.sign(BOOTLOADER, key("ecdsa256_secure_boot_signing_key.pem"));
        assertThat(signed).isEqualTo(Fixtures.input("bootloader_signed.bin"));
        assertThat(SecureBootV1.sign(BOOTLOADER, key("ecdsa256_secure_boot_signing_key_pkcs8.pem")))
                .isEqualTo(signed);
    }

    @Test
    void referenceSignatureVerifiesWithEveryKeyForm() {
        byte[] signed = Fixtures.input("bootloader_signed.bin");
        SecureBootV1.verify(signed, key("ecdsa256_secure_boot_signing_key.pem").getPublic());
        SecureBootV1.verify(signed, SecureBootV1.readVerificationKey(
                Fixtures.input("ecdsa256_secure_boot_signing_pubkey.pem"), "pub"));
        SecureBootV1.verify(signed, SecureBootV1.readVerificationKey(
                Fixtures.input("ecdsa256_secure_boot_signing_pubkey_raw.bin"), "raw"));
        byte[] tampered = signed.clone();
        tampered[10] ^= 1;
        assertThatThrownBy(() -> SecureBootV1.verify(tampered, key("ecdsa256_secure_boot_signing_key.pem").getPublic()))
                .hasMessage("Signature is not valid.");
        assertThatThrownBy(() -> SecureBootV1.verify(signed, key("ecdsa256_secure_boot_signing_key2.pem").getPublic()))
                .hasMessage("Signature is not valid.");
    }

    @Test
    void precalculatedSignatureIsAppended() {
        var pub = SecureBootV1.readVerificationKey(Fixtures.input("ecdsa256_secure_boot_signing_pubkey.pem"), "pub");
        byte[] out = SecureBootV1.attach(BOOTLOADER, pub, Fixtures.input("pre_calculated_bootloader_signature.bin"));
        SecureBootV1.verify(out, pub);
        assertThat(out).hasSize(BOOTLOADER.length + 68);
    }

    @Test
    void rawPublicKeyEqualsReference() {
        assertThat(SecureBootV1.rawPublicKey(key("ecdsa256_secure_boot_signing_key.pem").getPublic()))
                .isEqualTo(Fixtures.input("ecdsa256_secure_boot_signing_pubkey_raw.bin"));
    }

    @Test
    void wrongKeyTypesAreRefused() {
        assertThatThrownBy(() -> SecureBootV1.sign(BOOTLOADER, key("ecdsa384_secure_boot_signing_key.pem")))
                .hasMessageContaining("P-256 keys only");
        assertThatThrownBy(() -> SecureBootV1.sign(BOOTLOADER, key("rsa_secure_boot_signing_key.pem")))
                .hasMessageContaining("P-256 keys only");
    }
}
