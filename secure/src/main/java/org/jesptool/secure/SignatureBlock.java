package org.jesptool.secure;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.zip.CRC32;

import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;

/**
 * One 1216-byte Secure Boot V2 signature block: magic 0xE7, version (2 = RSA-PSS, 3 = ECDSA), digest type,
 * image digest, the public key as the ROM wants it (little-endian), the signature (little-endian), CRC32
 * of the first 1196 bytes and 16 zero bytes. Up to three of them open the last 4 KiB sector of a signed
 * image; the rest of that sector is 0xFF.
 */
public final class SignatureBlock {
    /** Bytes of one block. */
    public static final int SIZE = 1216;
    /** Bytes of the signature sector (and the padding unit of signed data). */
    public static final int SECTOR = 4096;
    /** Blocks a sector can hold. */
    public static final int MAX_BLOCKS = 3;

    static final int MAGIC = 0xE7;
    static final int CRC_OFFSET = 1196;
    private static final int RSA_BITS = 3072;

    private final SigningScheme scheme;
    private final byte[] imageDigest;
    private final byte[] keyMaterial;
    private final byte[] signature;

    private SignatureBlock(SigningScheme scheme, byte[] imageDigest, byte[] keyMaterial, byte[] signature) {
        this.scheme = scheme;
        this.imageDigest = imageDigest;
        this.keyMaterial = keyMaterial;
        this.signature = signature;
    }

    /**
     * A block for {@code key} and {@code signature} (RSA: big-endian as JCA makes it; ECDSA: r||s big-endian)
     * over an image whose digest is {@code imageDigest}.
     */
    static SignatureBlock of(PublicKey key, byte[] imageDigest, byte[] signature) {
        SigningScheme scheme = SigningScheme.of(key);
        byte[] sigField;
        if (scheme.isRsa()) {
            sigField = Jca.reversed(leftPad(signature, 384));
        } else {
            int n = scheme.size();
            sigField = new byte[pointFieldLength(scheme)];
            System.arraycopy(Jca.reversed(Arrays.copyOfRange(signature, 0, n)), 0, sigField, 0, n);
            System.arraycopy(Jca.reversed(Arrays.copyOfRange(signature, n, 2 * n)), 0, sigField, n, n);
        }
        return new SignatureBlock(scheme, imageDigest.clone(), keyMaterial(key), sigField);
    }

    private static byte[] leftPad(byte[] b, int size) {
        if (b.length == size) {
            return b;
        }
        if (b.length > size) {
            throw new EspsecureException("RSA signature is " + b.length + " bytes; expected " + size + ".");
        }
        byte[] out = new byte[size];
        System.arraycopy(b, 0, out, size - b.length, b.length);
        return out;
    }

    private static int pointFieldLength(SigningScheme scheme) {
        return scheme == SigningScheme.ECDSA384 ? 96 : 64;
    }

    /**
     * The public key as the signature block stores it, which is also what its eFuse digest covers.
     * RSA: n (384 bytes LE), e (u32), R^2 mod n (384 bytes LE), -n^-1 mod 2^32 (u32). ECDSA: curve id
     * and X||Y little-endian in a 64-byte (P-192, P-256) or 96-byte (P-384) field.
     */
    static byte[] keyMaterial(PublicKey key) {
        SigningScheme scheme = SigningScheme.of(key);
        if (scheme.isRsa()) {
            RSAPublicKey rsa = (RSAPublicKey) key;
            BigInteger n = rsa.getModulus();
            BigInteger rinv = BigInteger.ONE.shiftLeft(2 * RSA_BITS).mod(n);
            BigInteger mPrime = n.modInverse(BigInteger.ONE.shiftLeft(32)).negate().mod(BigInteger.ONE.shiftLeft(32));
            ByteBuffer b = ByteBuffer.allocate(776).order(ByteOrder.LITTLE_ENDIAN);
            b.put(Jca.littleEndian(n, 384));
            b.putInt(rsa.getPublicExponent().intValueExact());
            b.put(Jca.littleEndian(rinv, 384));
            b.putInt(mPrime.intValue());
            return b.array();
        }
        ECPublicKey ec = (ECPublicKey) key;
        int n = scheme.size();
        byte[] out = new byte[1 + pointFieldLength(scheme)];
        out[0] = (byte) scheme.curveId();
        System.arraycopy(Jca.littleEndian(ec.getW().getAffineX(), n), 0, out, 1, n);
        System.arraycopy(Jca.littleEndian(ec.getW().getAffineY(), n), 0, out, 1 + n, n);
        return out;
    }

    /** SHA-256 of the public key as stored in a signature block: the value burned into eFuse. */
    public static byte[] publicKeyDigest(PublicKey key) {
        return sha256(keyMaterial(key));
    }

    /** The 1216 bytes of this block, CRC included. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) MAGIC);
        b.put((byte) (scheme.isRsa() ? 2 : 3));
        b.put((byte) (scheme == SigningScheme.ECDSA384 ? 1 : 0));
        b.put((byte) 0);
        b.put(imageDigest);
        b.put(keyMaterial);
        b.put(signature);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, CRC_OFFSET);
        b.putInt(CRC_OFFSET, (int) crc.getValue());
        return b.array();
    }

    /**
     * Block {@code index} of the signature sector at the end of {@code image}, or null when that slot holds
     * no valid block (wrong magic or version, unknown curve, bad CRC).
     */
    public static SignatureBlock parse(byte[] image, int index) {
        if (image.length < SECTOR) {
            return null;
        }
        int off = image.length - SECTOR + index * SIZE;
        byte[] blk = Arrays.copyOfRange(image, off, off + SIZE);
        ByteBuffer b = ByteBuffer.wrap(blk).order(ByteOrder.LITTLE_ENDIAN);
        CRC32 crc = new CRC32();
        crc.update(blk, 0, CRC_OFFSET);
        if ((blk[0] & 0xFF) != MAGIC || b.getInt(CRC_OFFSET) != (int) crc.getValue()) {
            return null;
        }
        SigningScheme scheme;
        int digestLen;
        if (blk[1] == 2) {
            scheme = SigningScheme.RSA3072;
            digestLen = 32;
        } else if (blk[1] == 3) {
            digestLen = blk[2] == 1 ? 48 : 32;
            scheme = SigningScheme.ofCurveId(blk[4 + digestLen] & 0xFF);
            if (scheme == null || scheme.digestLength() != digestLen) {
                return null;
            }
        } else {
            return null;
        }
        int keyLen = scheme.isRsa() ? 776 : 1 + pointFieldLength(scheme);
        int sigLen = scheme.isRsa() ? 384 : pointFieldLength(scheme);
        int keyOff = 4 + digestLen;
        return new SignatureBlock(scheme, Arrays.copyOfRange(blk, 4, keyOff),
                Arrays.copyOfRange(blk, keyOff, keyOff + keyLen),
                Arrays.copyOfRange(blk, keyOff + keyLen, keyOff + keyLen + sigLen));
    }

    public SigningScheme scheme() {
        return scheme;
    }

    /** Digest of the signed data recorded in the block. */
    public byte[] imageDigest() {
        return imageDigest.clone();
    }

    /** SHA-256 of the block's public key (the eFuse value). */
    public byte[] keyDigest() {
        return sha256(keyMaterial);
    }

    /** True when the block carries this public key. */
    public boolean hasKey(PublicKey key) {
        return SigningScheme.of(key) == scheme && Arrays.equals(keyMaterial(key), keyMaterial);
    }

    /** The public key recorded in the block. */
    public PublicKey publicKey() {
        try {
            if (scheme.isRsa()) {
                BigInteger n = Jca.fromLittleEndian(keyMaterial, 0, 384);
                BigInteger e = Jca.fromLittleEndian(keyMaterial, 384, 4);
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
            }
            int n = scheme.size();
            ECNamedCurveParameterSpec spec = ECNamedCurveTable.getParameterSpec(scheme.curveName());
            var point = spec.getCurve().createPoint(Jca.fromLittleEndian(keyMaterial, 1, n),
                    Jca.fromLittleEndian(keyMaterial, 1 + n, n));
            return Jca.preferJdk(KeyFactory.getInstance("EC", Jca.BC).generatePublic(new ECPublicKeySpec(point, spec)));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new EspsecureException("The public key in a signature block is not a valid " + scheme.displayName() + " key.");
        }
    }

    /** The signature in JCA form: RSA big-endian, ECDSA r||s big-endian. */
    byte[] signatureBigEndian() {
        if (scheme.isRsa()) {
            return Jca.reversed(signature);
        }
        int n = scheme.size();
        byte[] out = new byte[2 * n];
        System.arraycopy(Jca.reversed(Arrays.copyOfRange(signature, 0, n)), 0, out, 0, n);
        System.arraycopy(Jca.reversed(Arrays.copyOfRange(signature, n, 2 * n)), 0, out, n, n);
        return out;
    }

    static byte[] sha256(byte[] data) {
        return digest("SHA-256", data, 0, data.length);
    }

    static byte[] digest(String algorithm, byte[] data, int offset, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            md.update(data, offset, length);
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
