package org.jesptool.efuse;

/** Little-endian word/byte helpers for block images. */
final class Bytes {
    private Bytes() {
    }

    static byte[] fromWords(int[] words) {
        byte[] b = new byte[words.length * 4];
        for (int k = 0; k < words.length; k++) {
            for (int j = 0; j < 4; j++) {
                b[4 * k + j] = (byte) (words[k] >>> (8 * j));
            }
        }
        return b;
    }

    static int[] toWords(byte[] b) {
        int[] w = new int[(b.length + 3) / 4];
        for (int i = 0; i < b.length; i++) {
            w[i / 4] |= (b[i] & 0xFF) << (8 * (i % 4));
        }
        return w;
    }

    static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    static String hexSpaced(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", b[i] & 0xFF));
        }
        return sb.toString();
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xFF));
        }
        return sb.toString();
    }
}
