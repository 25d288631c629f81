package org.jesptool.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecureBootV2Test {
    private static final byte[] UNSIGNED = Fixtures.input("bootloader_unsigned_v2.bin");

    private static KeyPair key(String name) {
        return KeyFiles.readPrivateKey(Fixtures.input(name), name);
    }

    private static PublicKey pub(String name) {
        return KeyFiles.readPublicKey(Fixtures.input(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ecdsa192", "ecdsa256", "ecdsa384"})
    void referenceSignedImagesVerifyAndOneFlippedByteBreaksThem(String scheme) {
        byte[] signed = Fixtures.input("bootloader_signed_v2_" + scheme + ".bin");
        PublicKey key = pub(scheme + "_secure_boot_signing_pubkey.pem");
        assertThat(SecureBootV2.verify(signed, key).valid()).isTrue();
        assertThat(SecureBootV2.verify(signed, key(scheme + "_secure_boot_signing_key.pem").getPublic()).valid()).isTrue();
        assertThat(SecureBootV2.verify(signed, pub(scheme + "_secure_boot_signing_pubkey2.pem")).valid()).isFalse();
        for (int at : new int[] {0, 100, UNSIGNED.length - 1, UNSIGNED.length + 200, UNSIGNED.length + 900}) {
            byte[] tampered = signed.clone();
            tampered[at] ^= 0x01;
            assertThat(SecureBootV2.verify(tampered, key).valid()).as("flip at %d", at).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ecdsa192", "ecdsa256", "ecdsa384"})
    void multiSignedImagesVerifyWithEachOfTheirKeys(String scheme) {
        byte[] signed = Fixtures.input("bootloader_multi_signed_v2_" + scheme + ".bin");
        assertThat(SecureBootV2.validBlocks(signed)).hasSize(3);
        for (String suffix : new String[] {"", "2", "3"}) {
            var report = SecureBootV2.verify(signed, key(scheme + "_secure_boot_signing_key" + suffix + ".pem").getPublic());
            assertThat(report.valid()).isTrue();
        }
        assertThat(SecureBootV2.verify(signed, key(scheme + "_secure_boot_signing_key4.pem").getPublic()).valid()).isFalse();
        assertThat(SecureBootV2.info(signed).valid()).isTrue();
        byte[] tampered = signed.clone();
        tampered[4096] ^= 0x10;
        for (String suffix : new String[] {"", "2", "3"}) {
            assertThat(SecureBootV2.verify(tampered, key(scheme + "_secure_boot_signing_key" + suffix + ".pem").getPublic())
                    .valid()).isFalse();
        }
        assertThat(SecureBootV2.info(tampered).valid()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ecdsa192", "ecdsa256", "ecdsa384"})
    void forgedSignatureWithRecomputedCrcIsRejected(String scheme) {
        byte[] signed = Fixtures.input("bootloader_signed_v2_" + scheme + ".bin");
        int block = UNSIGNED.length;
        int sigByte = block + (scheme.equals("rsa") ? 1000 : scheme.equals("ecdsa384") ? 160 : 110);
        signed[sigByte] ^= 0x01;
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(signed, block, 1196);
        java.nio.ByteBuffer.wrap(signed, block + 1196, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
        assertThat(SecureBootV2.validBlocks(signed)).hasSize(1);
        var report = SecureBootV2.verify(signed, pub(scheme + "_secure_boot_signing_pubkey.pem"));
        assertThat(report.valid()).isFalse();
        assertThat(report.lines().get(0)).contains("signature is invalid");
        assertThat(SecureBootV2.info(signed).valid()).isFalse();
    }

    @Test
    void unsignedImageIsReportedNotSigned() {
        var info = SecureBootV2.info(UNSIGNED);
        assertThat(info.valid()).isTrue();
        assertThat(info.lines()).last().asString().contains("not signed");
        assertThat(SecureBootV2.verify(UNSIGNED, pub("rsa_secure_boot_signing_pubkey.pem")).valid()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ecdsa192", "ecdsa256", "ecdsa384"})
    void signingReproducesTheReferenceBlockLayout(String scheme) {
        KeyPair k = key(scheme + "_secure_boot_signing_key.pem");
        byte[] ours = SecureBootV2.sign(UNSIGNED, List.of(ImageSigner.of(k)), false, false).image();
        byte[] ref = Fixtures.input("bootloader_signed_v2_" + scheme + ".bin");
        assertThat(ours).hasSameSizeAs(ref);
        assertThat(Arrays.copyOf(ours, UNSIGNED.length)).isEqualTo(Arrays.copyOf(ref, UNSIGNED.length));
        SignatureBlock a = SecureBootV2.validBlocks(ours).get(0);
        SignatureBlock b = SecureBootV2.validBlocks(ref).get(0);
        assertThat(a.imageDigest()).isEqualTo(b.imageDigest());
        assertThat(a.keyDigest()).isEqualTo(b.keyDigest());
        // Everything but the (randomised) signature and the CRC is identical to the reference's block.
        int sigStart = scheme.equals("rsa") ? 812 : scheme.equals("ecdsa384") ? 149 : 101;
        int start = UNSIGNED.length;
        assertThat(Arrays.copyOfRange(ours, start, start + sigStart)).isEqualTo(Arrays.copyOfRange(ref, start, start + sigStart));
        assertThat(Arrays.copyOfRange(ours, start + 1200, ours.length)).isEqualTo(Arrays.copyOfRange(ref, start + 1200, ref.length));
        assertThat(SecureBootV2.verify(ours, k.getPublic()).valid()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ecdsa192", "ecdsa256", "ecdsa384"})
    void precalculatedSignatureGivesTheReferenceImage(String scheme) {
        byte[] sig = Fixtures.input("pre_calculated_bootloader_signature_" + scheme + ".bin");
        PublicKey key = pub(scheme + "_secure_boot_signing_pubkey.pem");
        byte[] ours = SecureBootV2.sign(UNSIGNED, List.of(ImageSigner.precomputed(key, sig)), false, false).image();
        assertThat(SecureBootV2.verify(ours, key).valid()).isTrue();
        assertThatThrownBy(() -> SecureBootV2.sign(UNSIGNED, List.of(ImageSigner.precomputed(
                pub(scheme + "_secure_boot_signing_pubkey2.pem"), sig)), false, false))
                .hasMessageContaining("does not match");
    }

    @Test
    void appendAddsBlocksAndRefusesAFourth() {
        byte[] one = SecureBootV2.sign(UNSIGNED, List.of(ImageSigner.of(key("ecdsa256_secure_boot_signing_key.pem"))),
                false, false).image();
        assertThatThrownBy(() -> SecureBootV2.sign(one, List.of(ImageSigner.of(key("ecdsa256_secure_boot_signing_key2.pem"))),
                false, false)).hasMessageContaining("already has 1 signature block");
        var three = SecureBootV2.sign(one, List.of(ImageSigner.of(key("rsa_secure_boot_signing_key2.pem")),
                ImageSigner.of(key("ecdsa384_secure_boot_signing_key3.pem"))), true, false);
        assertThat(three.blocksBefore()).isEqualTo(1);
        assertThat(three.blocksAfter()).isEqualTo(3);
        assertThat(three.image()).hasSameSizeAs(one);
        assertThat(SecureBootV2.verify(three.image(), pub("rsa_secure_boot_signing_pubkey2.pem")).valid()).isTrue();
        assertThat(SecureBootV2.verify(three.image(), pub("ecdsa256_secure_boot_signing_pubkey.pem")).valid()).isTrue();
        assertThatThrownBy(() -> SecureBootV2.sign(three.image(),
                List.of(ImageSigner.of(key("ecdsa256_secure_boot_signing_key4.pem"))), true, false))
                .hasMessageContaining("at most 3");
    }

    @Test
    void unpaddedDataIsPaddedWithFF() {
        byte[] data = Arrays.copyOf(UNSIGNED, 5000);
        byte[] signed = SecureBootV2.sign(data, List.of(ImageSigner.of(key("ecdsa256_secure_boot_signing_key.pem"))),
                false, false).image();
        assertThat(signed).hasSize(8192 + 4096);
        assertThat(signed[5000]).isEqualTo((byte) 0xFF);
        assertThat(signed[8191]).isEqualTo((byte) 0xFF);
    }

    @Test
    void keyDigestsMatchReference() {
        assertThat(SignatureBlock.publicKeyDigest(pub("rsa_secure_boot_signing_key.pem")))
                .isEqualTo(Fixtures.input("rsa_public_key_digest.bin"));
        assertThat(SignatureBlock.publicKeyDigest(pub("ecdsa256_secure_boot_signing_key_v2.pem")))
                .isEqualTo(Fixtures.input("ecdsa256_public_key_digest_v2.bin"));
        assertThat(SignatureBlock.publicKeyDigest(pub("ecdsa192_secure_boot_signing_key_v2.pem")))
                .isEqualTo(Fixtures.input("ecdsa192_public_key_digest_v2.bin"));
    }

    @Test
    void roundTripWithFreshKeysOfEveryScheme() {
        for (SigningScheme s : SigningScheme.values()) {
            KeyPair k = KeyFiles.generate(s);
            KeyPair reread = KeyFiles.readPrivateKey(KeyFiles.privateKeyPem(k), "gen");
            PublicKey pubReread = KeyFiles.readPublicKey(KeyFiles.publicKeyPem(k.getPublic()), "gen.pub");
            byte[] signed = SecureBootV2.sign(UNSIGNED, List.of(ImageSigner.of(reread)), false, false).image();
            assertThat(SecureBootV2.verify(signed, pubReread).valid()).as(s.cliName()).isTrue();
            assertThat(SignatureBlock.publicKeyDigest(pubReread)).isEqualTo(SignatureBlock.publicKeyDigest(k.getPublic()));
        }
    }
}
