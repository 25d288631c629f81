package org.jesptool.secure;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * IEEE 1619 XTS-AES on whole data units (no ciphertext stealing: units here are always 128 bytes), built on
 * the JDK's AES. The key is split in halves: data key, then tweak key.
 */
final class XtsAes {
    private final Cipher data;
    private final Cipher tweak;

    XtsAes(byte[] key, boolean decrypt) {
        int half = key.length / 2;
        try {
            data = Cipher.getInstance("AES/ECB/NoPadding");
            data.init(decrypt ? Cipher.DECRYPT_MODE : Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, half, "AES"));
            tweak = Cipher.getInstance("AES/ECB/NoPadding");
            tweak.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, half, half, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Processes one data unit (a multiple of 16 bytes) in place with the 16-byte tweak value. */
    void unit(byte[] buf, int offset, int length, byte[] tweakValue) {
        try {
            byte[] t = tweak.doFinal(tweakValue);
            byte[] block = new byte[16];
            for (int pos = offset; pos < offset + length; pos += 16) {
                for (int i = 0; i < 16; i++) {
                    block[i] = (byte) (buf[pos + i] ^ t[i]);
                }
                data.update(block, 0, 16, block, 0);
                for (int i = 0; i < 16; i++) {
                    buf[pos + i] = (byte) (block[i] ^ t[i]);
                }
                multiplyByAlpha(t);
            }
            Arrays.fill(block, (byte) 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** t = t * x in GF(2^128), little-endian byte order as XTS defines it. */
    private static void multiplyByAlpha(byte[] t) {
        int carry = 0;
        for (int i = 0; i < 16; i++) {
            int b = t[i] & 0xFF;
            t[i] = (byte) ((b << 1) | carry);
            carry = b >>> 7;
        }
        if (carry != 0) {
            t[0] ^= (byte) 0x87;
        }
    }
}
