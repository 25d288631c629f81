package org.jesptool.secure;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Where each primitive comes from: the JDK for what it has (RSA-PSS, ECDSA on P-256 and P-384), the
 * BouncyCastle provider (never registered globally) for what it lacks (P-192, deterministic ECDSA).
 */
final class Jca {
    static final Provider BC = new BouncyCastleProvider();

    private Jca() {
    }

    /** A signature engine for the scheme's digest; {@code deterministic} asks for RFC 6979 nonces. */
    static Signature ecdsa(SigningScheme scheme, boolean deterministic) throws GeneralSecurityException {
        String digest = scheme.digestAlgorithm().replace("-", "");
        if (deterministic) {
            return Signature.getInstance(digest + "withECDDSA", BC);
        }
        if (scheme == SigningScheme.ECDSA192) {
            return Signature.getInstance(digest + "withECDSA", BC);
        }
        return Signature.getInstance(digest + "withECDSA");
    }

    /** RSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt, as the ROM checks it. */
    static Signature rsaPss() throws GeneralSecurityException {
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
        return s;
    }

    /**
     * The JDK's own key object for keys the JDK can use (RSA, EC on P-256/P-384), so its signature engines
     * accept them; P-192 keys stay BouncyCastle keys.
     */
    @SuppressWarnings("unchecked")
    static <K extends java.security.Key> K preferJdk(K key) throws GeneralSecurityException {
        SigningScheme scheme = SigningScheme.of(key);
        if (scheme == SigningScheme.ECDSA192) {
            return key;
        }
        java.security.KeyFactory kf = java.security.KeyFactory.getInstance(scheme.isRsa() ? "RSA" : "EC");
        if (key instanceof java.security.PrivateKey) {
            return (K) kf.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(key.getEncoded()));
        }
        return (K) kf.generatePublic(new java.security.spec.X509EncodedKeySpec(key.getEncoded()));
    }

    /** DER ECDSA signature to r||s, each {@code size} bytes big-endian. */
    static byte[] derToRaw(byte[] der, int size) {
        ASN1Sequence seq;
        try {
            seq = ASN1Sequence.getInstance(der);
        } catch (RuntimeException e) {
            throw new EspsecureException("ECDSA signature is not DER encoded (expected what openssl dgst -sign writes).");
        }
        if (seq.size() != 2) {
            throw new EspsecureException("ECDSA signature is not a DER sequence of r and s.");
        }
        byte[] out = new byte[2 * size];
        putBigEndian(ASN1Integer.getInstance(seq.getObjectAt(0)).getValue(), out, 0, size);
        putBigEndian(ASN1Integer.getInstance(seq.getObjectAt(1)).getValue(), out, size, size);
        return out;
    }

    /** r||s (big-endian, equal halves) to DER. */
    static byte[] rawToDer(byte[] raw) {
        int size = raw.length / 2;
        BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(raw, 0, size));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(raw, size, 2 * size));
        try {
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code value} as unsigned big-endian into exactly {@code size} bytes. */
    static void putBigEndian(BigInteger value, byte[] out, int offset, int size) {
        byte[] b = value.toByteArray();
        int start = 0;
        while (start < b.length - 1 && b[start] == 0) {
            start++;
        }
        int len = b.length - start;
        if (value.signum() < 0 || len > size) {
            throw new EspsecureException("Value does not fit in " + size + " bytes.");
        }
        System.arraycopy(b, start, out, offset + size - len, len);
    }

    /** Unsigned little-endian of exactly {@code size} bytes. */
    static byte[] littleEndian(BigInteger value, int size) {
        byte[] be = new byte[size];
        putBigEndian(value, be, 0, size);
        return reversed(be);
    }

    static BigInteger fromLittleEndian(byte[] b, int offset, int size) {
        return new BigInteger(1, reversed(java.util.Arrays.copyOfRange(b, offset, offset + size)));
    }

    static byte[] reversed(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }
}
