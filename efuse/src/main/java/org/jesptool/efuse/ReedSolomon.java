package org.jesptool.efuse;

/**
 * The Reed-Solomon RS(44,32) code of the S2+ eFuse blocks: GF(2^8) with polynomial x^8+x^4+x^3+x^2+1, generator
 * with roots alpha^0..alpha^11; systematic, the 12 check bytes are the remainder of m(x)*x^12 mod g(x), with
 * the first data byte as the highest-degree coefficient.
 */
public final class ReedSolomon {
    private static final int[] EXP = new int[512];
    private static final int[] LOG = new int[256];
    private static final int[] GEN;

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = x;
            LOG[x] = i;
            x <<= 1;
            if ((x & 0x100) != 0) {
                x ^= 0x11D;
            }
        }
        for (int i = 255; i < 512; i++) {
            EXP[i] = EXP[i - 255];
        }
        int[] g = {1};
        for (int i = 0; i < 12; i++) {
            int[] n = new int[g.length + 1];
            for (int j = 0; j < g.length; j++) {
                n[j] ^= g[j];
                n[j + 1] ^= mul(g[j], EXP[i]);
            }
            g = n;
        }
        GEN = g;
    }

    private ReedSolomon() {
    }

    static int mul(int a, int b) {
        return a == 0 || b == 0 ? 0 : EXP[LOG[a] + LOG[b]];
    }

    /** The generator polynomial's coefficients, highest degree first (13 values, monic). */
    static int[] generator() {
        return GEN.clone();
    }

    /** The 12 check bytes for 32 data bytes (shorter data is zero-padded). */
    public static byte[] checkBytes(byte[] data) {
        byte[] msg = new byte[32];
        System.arraycopy(data, 0, msg, 0, Math.min(32, data.length));
        int[] rem = new int[12];
        for (byte d : msg) {
            int feedback = (d & 0xFF) ^ rem[0];
            System.arraycopy(rem, 1, rem, 0, 11);
            rem[11] = 0;
            if (feedback != 0) {
                for (int j = 0; j < 12; j++) {
                    rem[j] ^= mul(GEN[j + 1], feedback);
                }
            }
        }
        byte[] out = new byte[12];
        for (int j = 0; j < 12; j++) {
            out[j] = (byte) rem[j];
        }
        return out;
    }
}
