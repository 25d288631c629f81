package org.jesptool.secure;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Secure Boot V1 (ESP32) bootloader digest: what the ROM computes from the secure boot key and the
 * bootloader, stored in front of it at flash offset 0x0. Output = IV, 64-byte digest, 0xFF up to 0x1000,
 * then the bootloader as the ROM reads it (whole 128-byte blocks).
 */
public final class BootloaderDigest {
    /** Bytes of a full IV as the ROM uses it. */
    public static final int IV_LENGTH = 128;
    private static final int BLOCK = 128;
    private static final int HEADER = 0x1000;

    private BootloaderDigest() {
    }

    /**
     * Computes digest + image. {@code iv} is at most 128 bytes (random in production; a file only for tests);
     * {@code keyFile} is the 24- or 32-byte secure boot key.
     */
    public static byte[] compute(byte[] keyFile, String keyName, byte[] iv, byte[] image) {
        byte[] key = HardwareKey.esp32(keyFile, keyName);
        byte[] ivUsed = Arrays.copyOf(iv, Math.min(iv.length, IV_LENGTH));
        byte[] plain = image;
        // The ROM reads whole 128-byte blocks but never the SHA-256 appended to the image.
        if (hasAppendedDigest(image) && image.length % BLOCK <= 32) {
            plain = Arrays.copyOf(image, image.length - image.length % BLOCK);
        }
        if (plain.length % BLOCK != 0) {
            int padded = (plain.length / BLOCK + 1) * BLOCK;
            byte[] p = Arrays.copyOf(plain, padded);
            Arrays.fill(p, plain.length, padded, (byte) 0xFF);
            plain = p;
        }
        byte[] input = new byte[ivUsed.length + plain.length];
        System.arraycopy(ivUsed, 0, input, 0, ivUsed.length);
        System.arraycopy(plain, 0, input, ivUsed.length, plain.length);
        if (input.length % 16 != 0) {
            throw new EspsecureException("The IV file must hold a multiple of 16 bytes (normally 128).");
        }
        byte[] digest;
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            MessageDigest sha = MessageDigest.getInstance("SHA-512");
            byte[] block = new byte[16];
            byte[] word = new byte[4];
            for (int pos = 0; pos < input.length; pos += 16) {
                for (int i = 0; i < 16; i++) {
                    block[i] = input[pos + 15 - i];
                }
                byte[] c = aes.update(block);
                // Output block reversed, then each 4-byte word byte-swapped: net effect is the words in reverse order.
                for (int w = 12; w >= 0; w -= 4) {
                    System.arraycopy(c, w, word, 0, 4);
                    sha.update(word);
                }
            }
            digest = sha.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER + plain.length);
        out.writeBytes(ivUsed);
        for (int w = 0; w < digest.length; w += 4) {
            out.write(digest[w + 3]);
            out.write(digest[w + 2]);
            out.write(digest[w + 1]);
            out.write(digest[w]);
        }
        int fill = HEADER - out.size();
        for (int i = 0; i < fill; i++) {
            out.write(0xFF);
        }
        out.writeBytes(plain);
        return out.toByteArray();
    }

    /** ESP32 image header: magic 0xE9, and byte 23 ("hash appended") set. */
    private static boolean hasAppendedDigest(byte[] image) {
        return image.length > 24 && (image[0] & 0xFF) == 0xE9 && image[23] == 1;
    }
}
