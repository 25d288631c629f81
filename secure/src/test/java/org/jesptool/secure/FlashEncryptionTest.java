package org.jesptool.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FlashEncryptionTest {
    private static final byte[] BOOTLOADER = Fixtures.input("bootloader.bin");
    private static final byte[] KEY256 = Fixtures.input("256bit_key.bin");

    @ParameterizedTest
    @CsvSource({"0, bootloader-encrypted-conf0.bin", "3, bootloader-encrypted-conf3.bin",
            "9, bootloader-encrypted-conf9.bin", "12, bootloader-encrypted-confc.bin", "15, bootloader-encrypted.bin"})
    void esp32SchemeMatchesReferenceForEveryCryptConf(int conf, String vector) {
        byte[] expected = Fixtures.input(vector);
        assertThat(FlashEncryption.esp32(BOOTLOADER, KEY256, "k", 0x1000, conf, false)).isEqualTo(expected);
        assertThat(FlashEncryption.esp32(expected, KEY256, "k", 0x1000, conf, true)).isEqualTo(BOOTLOADER);
    }

    @Test
    void esp32SchemeAppImageAtHigherAddress() {
        byte[] plain = Fixtures.input("hello-world-signed.bin");
        byte[] enc = Fixtures.input("hello-world-signed-encrypted.bin");
        byte[] key = Fixtures.input("ef-flashencryption-key.bin");
        assertThat(FlashEncryption.esp32(plain, key, "k", 0x20000, 0xF, false)).isEqualTo(enc);
    }

    @Test
    void xtsMatchesReferenceWith256And512BitKeys() {
        assertThat(FlashEncryption.xts(BOOTLOADER, KEY256, "k", 0x1000, false))
                .isEqualTo(Fixtures.input("bootloader-encrypted-aes-xts.bin"));
        byte[] plain = Fixtures.input("hello-world-signed.bin");
        byte[] enc512 = Fixtures.input("hello-world-signed-encrypted-aes-xts-256.bin");
        byte[] key512 = Fixtures.input("512bit_key.bin");
        assertThat(FlashEncryption.xts(plain, key512, "k", 0x10000, false)).isEqualTo(enc512);
        assertThat(FlashEncryption.xts(enc512, key512, "k", 0x10000, true)).isEqualTo(plain);
        byte[] enc = Fixtures.input("hello-world-signed-encrypted-aes-xts.bin");
        assertThat(FlashEncryption.xts(enc, Fixtures.input("ef-flashencryption-key.bin"), "k", 0x20000, true))
                .isEqualTo(plain);
    }

    @Test
    void xtsRoundTripAtAddressInsideADataUnit() {
        byte[] data = new byte[16 * 37];
        new Random(7).nextBytes(data);
        for (byte[] key : new byte[][] {KEY256, Fixtures.input("512bit_key.bin"), new byte[16]}) {
            byte[] enc = FlashEncryption.xts(data, key, "k", 0x3030, false);
            assertThat(enc).isNotEqualTo(data);
            assertThat(FlashEncryption.xts(enc, key, "k", 0x3030, true)).isEqualTo(data);
            // The same bytes inside a larger aligned write encrypt identically (tweak depends on address only).
            byte[] whole = new byte[0x30 + data.length];
            System.arraycopy(data, 0, whole, 0x30, data.length);
            byte[] wholeEnc = FlashEncryption.xts(whole, key, "k", 0x3000, false);
            assertThat(java.util.Arrays.copyOfRange(wholeEnc, 0x30, wholeEnc.length)).isEqualTo(enc);
        }
    }

    @Test
    void esp32Scheme192BitKeyIsExtendedLikeHardware() {
        byte[] key24 = java.util.Arrays.copyOf(KEY256, 24);
        byte[] key32 = java.util.Arrays.copyOf(KEY256, 32);
        System.arraycopy(KEY256, 8, key32, 24, 8);
        assertThat(FlashEncryption.esp32(BOOTLOADER, key24, "k", 0x1000, 0xF, false))
                .isEqualTo(FlashEncryption.esp32(BOOTLOADER, key32, "k", 0x1000, 0xF, false));
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> FlashEncryption.xts(BOOTLOADER, KEY256, "k", 0x1001, false))
                .hasMessageContaining("multiple of 16");
        assertThatThrownBy(() -> FlashEncryption.xts(new byte[17], KEY256, "k", 0x1000, false))
                .hasMessageContaining("multiple of 16");
        assertThatThrownBy(() -> FlashEncryption.xts(BOOTLOADER, new byte[20], "key.bin", 0, false))
                .hasMessageContaining("key.bin holds 20 bytes");
        assertThatThrownBy(() -> FlashEncryption.esp32(BOOTLOADER, new byte[64], "key.bin", 0, 0xF, false))
                .hasMessageContaining("--aes-xts");
        assertThatThrownBy(() -> FlashEncryption.esp32(new byte[17], KEY256, "k", 0, 0xF, true))
                .hasMessageContaining("multiple of 16");
    }
}
