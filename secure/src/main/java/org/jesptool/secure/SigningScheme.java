package org.jesptool.secure;

import java.math.BigInteger;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.Locale;

import org.bouncycastle.asn1.x9.ECNamedCurveTable;

/**
 * The signing schemes of Secure Boot V2 (and V1, which is ECDSA P-256 only), each with the facts its
 * signature block needs: curve id, coordinate size and digest.
 */
public enum SigningScheme {
    RSA3072("rsa3072", 0, 384, "SHA-256", null),
    ECDSA192("ecdsa192", 1, 24, "SHA-256", "P-192"),
    ECDSA256("ecdsa256", 2, 32, "SHA-256", "P-256"),
    ECDSA384("ecdsa384", 3, 48, "SHA-384", "P-384");

    private final String cliName;
    private final int curveId;
    private final int size;
    private final String digestAlgorithm;
    private final String curveName;

    SigningScheme(String cliName, int curveId, int size, String digestAlgorithm, String curveName) {
        this.cliName = cliName;
        this.curveId = curveId;
        this.size = size;
        this.digestAlgorithm = digestAlgorithm;
        this.curveName = curveName;
    }

    /** Name on the command line ({@code --scheme}). */
    public String cliName() {
        return cliName;
    }

    /** Scheme for a {@code --scheme} value, case-insensitive. */
    public static SigningScheme ofCliName(String name) {
        for (SigningScheme s : values()) {
            if (s.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new EspsecureException("Unknown signing scheme '" + name + "': use rsa3072, ecdsa192, ecdsa256 or ecdsa384.");
    }

    public boolean isRsa() {
        return this == RSA3072;
    }

    /** Curve id in the signature block (1 = P-192, 2 = P-256, 3 = P-384); 0 for RSA. */
    int curveId() {
        return curveId;
    }

    /** Bytes of one coordinate (ECDSA) or of the modulus (RSA). */
    int size() {
        return size;
    }

    /** JCA name of the digest over the image. */
    String digestAlgorithm() {
        return digestAlgorithm;
    }

    /** Bytes of the image digest in the signature block. */
    int digestLength() {
        return this == ECDSA384 ? 48 : 32;
    }

    /** NIST curve name, e.g. "P-256"; null for RSA. */
    String curveName() {
        return curveName;
    }

    /** The SEC name the JDK's key generator knows, e.g. "secp256r1". */
    String secName() {
        return "secp" + (size * 8) + "r1";
    }

    /** Human-readable name as printed in reports, e.g. "ECDSA (P-256)". */
    public String displayName() {
        return isRsa() ? "RSA" : "ECDSA (" + curveName + ")";
    }

    static SigningScheme ofCurveId(int id) {
        for (SigningScheme s : values()) {
            if (!s.isRsa() && s.curveId == id) {
                return s;
            }
        }
        return null;
    }

    /** The scheme a key belongs to; a clear error for RSA keys that are not 3072 bits or curves the chips lack. */
    public static SigningScheme of(java.security.Key key) {
        if (key instanceof RSAKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits != 3072) {
                throw new EspsecureException("RSA key is " + bits + " bits; Secure Boot V2 needs a 3072-bit RSA key "
                        + "(generate one with: espsecure generate-signing-key --version 2 --scheme rsa3072 FILE).");
            }
            return RSA3072;
        }
        if (key instanceof ECKey ec) {
            BigInteger order = ec.getParams().getOrder();
            for (SigningScheme s : values()) {
                if (!s.isRsa() && ECNamedCurveTable.getByName(s.curveName).getN().equals(order)
                        && ec.getParams().getCurve().getField().getFieldSize() == s.size * 8) {
                    return s;
                }
            }
            throw new EspsecureException("EC key is on an unsupported curve; use NIST P-192, P-256 or P-384.");
        }
        throw new EspsecureException("Unsupported key type " + key.getAlgorithm() + "; use an RSA-3072 or ECDSA key.");
    }
}
