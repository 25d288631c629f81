package org.jesptool.secure;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;

/**
 * Secure Boot V1 (ESP32): ECDSA P-256 signatures appended to the data as {@code u32 0} + r||s (big-endian),
 * made with deterministic nonces (RFC 6979, SHA-256) so signing is reproducible.
 */
public final class SecureBootV1 {
    /** Bytes appended by signing: version word and the 64-byte signature. */
    public static final int SIGNATURE_TRAILER = 68;

    private SecureBootV1() {
    }

    /** {@code data} followed by the version word and a deterministic signature. */
    public static byte[] sign(byte[] data, KeyPair key) {
        requireP256(key.getPublic());
        try {
            Signature s = Jca.ecdsa(SigningScheme.ECDSA256, true);
            s.initSign(key.getPrivate());
            s.update(data);
            byte[] raw = Jca.derToRaw(s.sign(), 32);
            return append(data, key.getPublic(), raw);
        } catch (GeneralSecurityException e) {
            throw new EspsecureException("Signing failed: " + e.getMessage(), e);
        }
    }

    /** {@code data} followed by a signature made elsewhere (raw 64-byte r||s or DER), checked first. */
    public static byte[] attach(byte[] data, PublicKey key, byte[] signature) {
        requireP256(key);
        byte[] raw = signature.length == 64 ? signature.clone() : Jca.derToRaw(signature, 32);
        return append(data, key, raw);
    }

    private static byte[] append(byte[] data, PublicKey key, byte[] raw) {
        if (!Verifier.verify(key, data, raw)) {
            throw new EspsecureException("The signature does not verify against the data with this public key. Nothing was written.");
        }
        return ByteBuffer.allocate(data.length + SIGNATURE_TRAILER).order(ByteOrder.LITTLE_ENDIAN)
                .put(data).putInt(0).put(raw).array();
    }

    /** Checks a V1-signed file; throws with a clear message when it does not verify. */
    public static void verify(byte[] signed, PublicKey key) {
        requireP256(key);
        if (signed.length < SIGNATURE_TRAILER) {
            throw new EspsecureException("The file is too short to carry a Secure Boot V1 signature.");
        }
        int end = signed.length - SIGNATURE_TRAILER;
        int version = ByteBuffer.wrap(signed, end, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (version != 0) {
            throw new EspsecureException("Signature block has version " + version + "; only version 0 is supported "
                    + "(is this a Secure Boot V2 image? use --version 2).");
        }
        byte[] raw = Arrays.copyOfRange(signed, end + 4, signed.length);
        if (!Verifier.verify(key, Arrays.copyOf(signed, end), raw)) {
            throw new EspsecureException("Signature is not valid.");
        }
    }

    /**
     * The verification key from a key file: a private or public key PEM, or the 64-byte raw X||Y
     * (big-endian) that extract-public-key writes.
     */
    public static PublicKey readVerificationKey(byte[] file, String name) {
        if (KeyFiles.isPem(file)) {
            return KeyFiles.readPublicKey(file, name);
        }
        if (file.length == 64) {
            try {
                ECNamedCurveParameterSpec spec = ECNamedCurveTable.getParameterSpec("P-256");
                var point = spec.getCurve().createPoint(new BigInteger(1, Arrays.copyOf(file, 32)),
                        new BigInteger(1, Arrays.copyOfRange(file, 32, 64)));
                if (!point.isValid()) {
                    throw new IllegalArgumentException();
                }
                return Jca.preferJdk(KeyFactory.getInstance("EC", Jca.BC).generatePublic(new ECPublicKeySpec(point, spec)));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new EspsecureException(name + " is 64 bytes but not a point on P-256.");
            }
        }
        throw new EspsecureException(name + " does not appear to be an EC key in PEM format or raw 64-byte P-256 public key data.");
    }

    /** The public key as 64 raw bytes X||Y big-endian. */
    public static byte[] rawPublicKey(PublicKey key) {
        requireP256(key);
        ECPublicKey ec = (ECPublicKey) key;
        byte[] out = new byte[64];
        Jca.putBigEndian(ec.getW().getAffineX(), out, 0, 32);
        Jca.putBigEndian(ec.getW().getAffineY(), out, 32, 32);
        return out;
    }

    /** SHA-256 of the raw 32-byte private scalar, truncated to 24 bytes when {@code keylen} is 192. */
    public static byte[] privateKeyDigest(KeyPair key, int keylen) {
        if (keylen != 192 && keylen != 256) {
            throw new EspsecureException("--keylen must be 192 or 256, not " + keylen + ".");
        }
        if (!(key.getPrivate() instanceof ECPrivateKey ec) || SigningScheme.of(ec) != SigningScheme.ECDSA256) {
            throw new EspsecureException("digest-private-key needs an ECDSA P-256 private key.");
        }
        byte[] raw = new byte[32];
        Jca.putBigEndian(ec.getS(), raw, 0, 32);
        byte[] digest = SignatureBlock.sha256(raw);
        Arrays.fill(raw, (byte) 0);
        return keylen == 192 ? Arrays.copyOf(digest, 24) : digest;
    }

    private static void requireP256(java.security.Key key) {
        if (SigningScheme.of(key) != SigningScheme.ECDSA256) {
            throw new EspsecureException("Secure Boot V1 uses ECDSA P-256 keys only; this is a "
                    + SigningScheme.of(key).displayName() + " key.");
        }
    }
}
