package org.jesptool.target;

/**
 * What the chip's eFuses say about flash encryption and secure boot, as far as flashing cares.
 *
 * @param flashEncryption the flash encryption counter has an odd number of bits set
 * @param secureBoot secure boot (any version) is enabled
 * @param secureBootV1 Secure Boot V1 (ESP32 ABS_DONE_0) is enabled: the bootloader region below 0x8000 is
 *        protected by a digest that a new write would not match
 * @param manualEncryptDisabled encrypted writes in download mode are disabled (DIS_DOWNLOAD_MANUAL_ENCRYPT)
 * @param cryptConfig ESP32 FLASH_CRYPT_CONFIG (0xF when read-protected), or -1 on chips without it
 * @param keyValid a flash encryption key is programmed (ESP32: BLK1 read-protected or non-zero; later
 *        chips: a key block with an XTS-AES purpose)
 * @param keyManager flash encryption uses the Key Manager's key (its region below 0x2000 is protected)
 */
public record FlashSecurity(boolean flashEncryption, boolean secureBoot, boolean secureBootV1,
        boolean manualEncryptDisabled, int cryptConfig, boolean keyValid, boolean keyManager) {

    /** eFuse key purpose XTS_AES_256_KEY_1. */
    public static final int PURPOSE_XTS_AES_256_KEY_1 = 2;
    /** eFuse key purpose XTS_AES_256_KEY_2. */
    public static final int PURPOSE_XTS_AES_256_KEY_2 = 3;
    /** eFuse key purpose XTS_AES_128_KEY. */
    public static final int PURPOSE_XTS_AES_128_KEY = 4;

    /** Flash encryption is on when the crypt counter has an odd number of bits set. */
    public static boolean oddBits(int cryptCount) {
        return Integer.bitCount(cryptCount) % 2 == 1;
    }

    /** Whether the key purposes include an XTS-AES-128 key or both halves of an XTS-AES-256 key. */
    public static boolean xtsKeyPresent(int[] purposes) {
        boolean k1 = false;
        boolean k2 = false;
        for (int p : purposes) {
            if (p == PURPOSE_XTS_AES_128_KEY) {
                return true;
            }
            k1 |= p == PURPOSE_XTS_AES_256_KEY_1;
            k2 |= p == PURPOSE_XTS_AES_256_KEY_2;
        }
        return k1 && k2;
    }
}
