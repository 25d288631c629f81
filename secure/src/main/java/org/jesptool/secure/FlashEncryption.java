package org.jesptool.secure;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Flash encryption as the chips do it in hardware, so images can be encrypted on the host and written
 * to flash with encryption already applied.
 * <ul>
 * <li>ESP32: AES-256 with the key "tweaked" per 32-byte block from the flash address (bits 5..23, selected
 * by FLASH_CRYPT_CONF), run inverted (encryption uses AES decryption) on byte-reversed 16-byte blocks.</li>
 * <li>Later chips ({@code --aes-xts}): XTS-AES-128 or -256 over 128-byte data units, tweak = unit address,
 * each unit byte-reversed before and after.</li>
 * </ul>
 */
public final class FlashEncryption {
    private static final int XTS_UNIT = 0x80;
    private static final int[] TWEAK_PATTERN = tweakPattern();
    private static final int[][] CONF_RANGES = {{0, 67}, {67, 132}, {132, 195}, {195, 256}};

    private FlashEncryption() {
    }

    /** ESP32 scheme; {@code keyFile} is 24 or 32 bytes, {@code address} a multiple of 16, conf 0..0xF. */
    public static byte[] esp32(byte[] data, byte[] keyFile, String keyName, long address, int flashCryptConf,
            boolean decrypt) {
        byte[] key = HardwareKey.esp32(keyFile, keyName);
        if (address % 16 != 0 || address < 0) {
            throw new EspsecureException(String.format("Starting flash address 0x%x must be a multiple of 16.", address));
        }
        if (flashCryptConf < 0 || flashCryptConf > 0xF) {
            throw new EspsecureException("--flash-crypt-conf must be 0x0..0xF.");
        }
        if (decrypt && data.length % 16 != 0) {
            throw new EspsecureException("Encrypted data length (" + data.length + ") is not a multiple of 16 bytes.");
        }
        int length = (data.length + 15) / 16 * 16;
        byte[] out = Arrays.copyOf(data, length);
        if (length != data.length) {
            byte[] pad = new byte[length - data.length];
            new java.security.SecureRandom().nextBytes(pad);
            System.arraycopy(pad, 0, out, data.length, pad.length);
        }
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            byte[] block = new byte[16];
            for (int pos = 0; pos < length; pos += 16) {
                long offset = address + pos;
                if (pos == 0 || offset % 32 == 0) {
                    aes.init(decrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE,
                            new SecretKeySpec(tweakKey(key, offset, flashCryptConf), "AES"));
                }
                reverse(out, pos, block, 0, 16);
                aes.update(block, 0, 16, block, 0);
                reverse(block, 0, out, pos, 16);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Arrays.fill(key, (byte) 0);
        return out;
    }

    /** XTS scheme; {@code address} a multiple of 16, data a non-empty multiple of 16 bytes. */
    public static byte[] xts(byte[] data, byte[] keyFile, String keyName, long address, boolean decrypt) {
        byte[] key = HardwareKey.xts(keyFile, keyName);
        if (address % 16 != 0 || address < 0) {
            throw new EspsecureException(String.format("Starting flash address 0x%x must be a multiple of 16.", address));
        }
        if (data.length == 0 || data.length % 16 != 0) {
            throw new EspsecureException("Input data length (" + data.length + ") must be a non-zero multiple of 16 bytes.");
        }
        int padLeft = (int) (address % XTS_UNIT);
        int total = (padLeft + data.length + XTS_UNIT - 1) / XTS_UNIT * XTS_UNIT;
        byte[] buf = new byte[total];
        System.arraycopy(data, 0, buf, padLeft, data.length);
        XtsAes xts = new XtsAes(key, decrypt);
        long unitAddress = address - padLeft;
        byte[] unit = new byte[XTS_UNIT];
        for (int pos = 0; pos < total; pos += XTS_UNIT, unitAddress += XTS_UNIT) {
            byte[] tweak = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt((int) unitAddress).array();
            reverse(buf, pos, unit, 0, XTS_UNIT);
            xts.unit(unit, 0, XTS_UNIT, tweak);
            reverse(unit, 0, buf, pos, XTS_UNIT);
        }
        Arrays.fill(key, (byte) 0);
        return Arrays.copyOfRange(buf, padLeft, padLeft + data.length);
    }

    /** Copies {@code len} bytes from src to dst in reverse order. */
    private static void reverse(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        for (int i = 0; i < len; i++) {
            dst[dstOff + i] = src[srcOff + len - 1 - i];
        }
    }

    /** The key for the 32-byte block at {@code offset}: key bit n flips when address bit TWEAK_PATTERN[n] is set. */
    static byte[] tweakKey(byte[] key, long offset, int conf) {
        byte[] k = key.clone();
        for (int r = 0; r < CONF_RANGES.length; r++) {
            if ((conf >> r & 1) == 0) {
                continue;
            }
            for (int bit = CONF_RANGES[r][0]; bit < CONF_RANGES[r][1]; bit++) {
                if ((offset >> TWEAK_PATTERN[bit] & 1) != 0) {
                    k[bit / 8] ^= (byte) (1 << (7 - bit % 8));
                }
            }
        }
        return k;
    }

    /**
     * The ESP32 key tweak mapping (hardware fact): each FLASH_CRYPT_CONF range of key bits cycles three times
     * through address bits 23 down to 5, then once from a shorter start (14, 12, 10, 8) down to 5.
     */
    private static int[] tweakPattern() {
        int[] p = new int[256];
        int n = 0;
        for (int tail : new int[] {14, 12, 10, 8}) {
            for (int rep = 0; rep < 3; rep++) {
                for (int bit = 23; bit >= 5; bit--) {
                    p[n++] = bit;
                }
            }
            for (int bit = tail; bit >= 5; bit--) {
                p[n++] = bit;
            }
        }
        return p;
    }
}
