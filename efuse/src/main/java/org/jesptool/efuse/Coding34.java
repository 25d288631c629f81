package org.jesptool.efuse;

/**
 * The ESP32's 3/4 coding scheme for BLOCK1-3: 24 data bytes in 4 chunks of 6, each followed by the XOR of its
 * bytes and by the sum of (index x popcount) over its bytes, giving 32 bytes (8 little-endian words).
 */
public final class Coding34 {
    private Coding34() {
    }

    /** Encodes 24 data bytes into the 32 bytes written to WDATA. */
    public static byte[] encode(byte[] data24) {
        if (data24.length != 24) {
            throw new IllegalArgumentException("3/4 coding takes 24 bytes, got " + data24.length);
        }
        byte[] out = new byte[32];
        for (int c = 0; c < 4; c++) {
            int xor = 0;
            int mul = 0;
            for (int i = 0; i < 6; i++) {
                int b = data24[c * 6 + i] & 0xFF;
                out[c * 8 + i] = (byte) b;
                xor ^= b;
                mul += (i + 1) * Integer.bitCount(b);
            }
            out[c * 8 + 6] = (byte) xor;
            out[c * 8 + 7] = (byte) mul;
        }
        return out;
    }

    /** Decodes 8 written words back to the 6 data words the read registers show. */
    static int[] decodeWords(int[] words8) {
        byte[] raw = Bytes.fromWords(words8);
        byte[] data = new byte[24];
        for (int c = 0; c < 4; c++) {
            System.arraycopy(raw, c * 8, data, c * 6, 6);
        }
        return Bytes.toWords(data);
    }
}
