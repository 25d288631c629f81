package org.jesptool.virtual;

/** The eFuse controller's RS(44,32) code over GF(2^8) (polynomial 0x11D, roots alpha^0..alpha^11). */
final class ReedSolomon44 {
    private static final int[] EXP = new int[512];
    private static final int[] LOG = new int[256];
    private static final int[] GEN = new int[13];

    static {
        for (int i = 0, x = 1; i < 255; i++) {
            EXP[i] = EXP[i + 255] = x;
            LOG[x] = i;
            x = (x << 1) ^ ((x & 0x80) != 0 ? 0x11D : 0);
        }
        GEN[0] = 1;
        for (int r = 0; r < 12; r++) {
            for (int j = r + 1; j > 0; j--) {
                GEN[j] ^= mul(GEN[j - 1], EXP[r]);
            }
        }
    }

    private ReedSolomon44() {
    }

    private static int mul(int a, int b) {
        return a == 0 || b == 0 ? 0 : EXP[LOG[a] + LOG[b]];
    }

    /** The 12 check bytes of 32 data bytes, highest-degree first. */
    static byte[] check(byte[] data) {
        int[] reg = new int[12];
        for (byte d : data) {
            int f = (d & 0xFF) ^ reg[0];
            for (int j = 0; j < 11; j++) {
                reg[j] = reg[j + 1] ^ mul(GEN[j + 1], f);
            }
            reg[11] = mul(GEN[12], f);
        }
        byte[] out = new byte[12];
        for (int j = 0; j < 12; j++) {
            out[j] = (byte) reg[j];
        }
        return out;
    }
}
