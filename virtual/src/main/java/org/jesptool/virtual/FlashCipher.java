package org.jesptool.virtual;

import org.jesptool.secure.EspsecureException;
import org.jesptool.secure.FlashEncryption;

/**
 * The chip's flash encryption as its SPI controller applies it to an encrypted write: the ESP32's AES-256 with
 * the key tweaked per 32-byte block (FLASH_CRYPT_CONFIG), or XTS-AES on 16-byte blocks in 128-byte data units
 * (ESP32-S2 and later). The key is what the eFuse key block holds; without one the block is blank and the
 * hardware encrypts with zeros. The ciphers are espsecure's (encrypt-flash-data), so what lands in flash is
 * exactly what {@code espsecure encrypt-flash-data} produces for the same key and address.
 */
final class FlashCipher {
    /** The two hardware schemes. */
    enum Scheme {
        /** ESP32: 32-byte blocks, key tweaked by address bits per FLASH_CRYPT_CONFIG. */
        ESP32(32),
        /** ESP32-S2 and later: XTS-AES, 16-byte blocks. */
        XTS(16);

        final int block;

        Scheme(int block) {
            this.block = block;
        }
    }

    private static final int BLANK_KEY_BYTES = 32;

    private final Scheme scheme;
    private final byte[] key;
    private final int cryptConfig;
    /** The board's eFuses (raw words by address) and chip, to take a burned key from; null: configured key only. */
    private java.util.function.IntUnaryOperator fuses;
    private Chip chip;

    private FlashCipher(Scheme scheme, byte[] key, int cryptConfig) {
        this.scheme = scheme;
        this.key = key;
        this.cryptConfig = cryptConfig;
    }

    /** The chip's cipher with the configured key, or null for chips without flash encryption (ESP8266). */
    static FlashCipher of(Chip chip, DeviceConfig config) {
        if (chip.encryption == null) {
            if (config.flashKey != null) {
                throw new IllegalArgumentException(chip.displayName + " has no flash encryption: drop flash-key");
            }
            return null;
        }
        byte[] key = config.flashKey != null ? config.flashKey : new byte[BLANK_KEY_BYTES];
        FlashCipher c = new FlashCipher(chip.encryption, key, config.flashCryptConfig);
        try {
            c.encrypt(0, new byte[c.block()], 0, c.block()); // rejects key lengths the chip cannot hold
        } catch (EspsecureException e) {
            throw new IllegalArgumentException("flash-key: " + e.getMessage());
        }
        return c;
    }

    /** Takes the key from the eFuse key blocks once one is burned (espefuse burn-key), as the hardware does. */
    FlashCipher withFuses(Chip c, java.util.function.IntUnaryOperator f) {
        this.chip = c;
        this.fuses = f;
        return this;
    }

    /** The encryption block: writes must start and end on it. */
    int block() {
        return scheme.block;
    }

    /** Whether a write of {@code len} bytes at {@code address} lies on whole encryption blocks. */
    boolean aligned(long address, int len) {
        return address % scheme.block == 0 && len % scheme.block == 0;
    }

    /** The ciphertext of {@code len} bytes (whole blocks) written at flash {@code address}. */
    byte[] encrypt(long address, byte[] buf, int off, int len) {
        byte[] plain = java.util.Arrays.copyOfRange(buf, off, off + len);
        byte[] k = key;
        int config = cryptConfig;
        if (fuses != null) {
            byte[] burned = chip.flashKeyFromFuses(fuses);
            if (burned != null) {
                k = burned;
            }
            if (scheme == Scheme.ESP32) {
                config |= fuses.applyAsInt(Esp32.EFUSE + 20) >>> 28 & 0xF;
            }
        }
        return scheme == Scheme.ESP32
                ? FlashEncryption.esp32(plain, k, "the eFuse key", address, config, false)
                : FlashEncryption.xts(plain, k, "the eFuse key", address, false);
    }
}
