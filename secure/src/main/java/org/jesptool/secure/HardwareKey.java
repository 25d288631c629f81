package org.jesptool.secure;

import java.util.Arrays;

/** Flash encryption and secure boot keys as stored in eFuse, read from a raw key file. */
final class HardwareKey {
    private HardwareKey() {
    }

    /**
     * A 256-bit key for the ESP32 schemes: 32 bytes as is, 24 bytes (3/4 coding) extended with bytes 8..15
     * as the hardware does.
     */
    static byte[] esp32(byte[] key, String name) {
        if (key.length == 32) {
            return key.clone();
        }
        if (key.length == 24) {
            byte[] k = Arrays.copyOf(key, 32);
            System.arraycopy(key, 8, k, 24, 8);
            return k;
        }
        throw new EspsecureException(name + " holds " + key.length + " bytes; an ESP32 key is 24 or 32 bytes "
                + "(use --aes-xts for 64-byte XTS keys).");
    }

    /** An XTS key: 32 bytes (AES-128-XTS), 64 bytes (AES-256-XTS) or 16 bytes extended by SHA-256. */
    static byte[] xts(byte[] key, String name) {
        return switch (key.length) {
            case 32, 64 -> key.clone();
            case 16 -> SignatureBlock.sha256(key);
            default -> throw new EspsecureException(name + " holds " + key.length + " bytes; an XTS flash encryption "
                    + "key is 16, 32 or 64 bytes.");
        };
    }
}
