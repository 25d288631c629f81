package org.jesptool.secure;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Something that signs image data for a signature block: a private key file, a signature made elsewhere
 * (e.g. by a signing server) or an HSM. Signatures are returned in JCA form: RSA big-endian, ECDSA r||s
 * big-endian, each half as long as a curve coordinate.
 */
public interface ImageSigner {
    /** The public half of the signing key. */
    PublicKey publicKey();

    /** Signs {@code data}: RSA-PSS (SHA-256, MGF1-SHA-256, 32-byte salt) or ECDSA with the scheme's digest. */
    byte[] sign(byte[] data);

    /** Signs with a private key held in memory (random ECDSA nonces). */
    static ImageSigner of(KeyPair pair) {
        return jca(pair.getPublic(), pair.getPrivate(), null);
    }

    /**
     * Signs through any JCA private key, e.g. one from a PKCS#11 key store; {@code provider} null lets the
     * JCA choose.
     */
    static ImageSigner jca(PublicKey publicKey, PrivateKey privateKey, java.security.Provider provider) {
        SigningScheme scheme = SigningScheme.of(publicKey);
        return new ImageSigner() {
            @Override
            public PublicKey publicKey() {
                return publicKey;
            }

            @Override
            public byte[] sign(byte[] data) {
                try {
                    Signature s;
                    if (provider != null) {
                        s = scheme.isRsa() ? Signature.getInstance("RSASSA-PSS", provider)
                                : Signature.getInstance(scheme.digestAlgorithm().replace("-", "") + "withECDSA", provider);
                        if (scheme.isRsa()) {
                            s.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                                    java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
                        }
                    } else {
                        s = scheme.isRsa() ? Jca.rsaPss() : Jca.ecdsa(scheme, false);
                    }
                    s.initSign(privateKey);
                    s.update(data);
                    byte[] sig = s.sign();
                    return scheme.isRsa() ? sig : Jca.derToRaw(sig, scheme.size());
                } catch (GeneralSecurityException e) {
                    throw new EspsecureException("Signing with the " + scheme.displayName() + " key failed: " + e.getMessage(), e);
                }
            }
        };
    }

    /**
     * A signature made elsewhere over the data: RSA as raw big-endian bytes (openssl dgst -sign with PSS),
     * ECDSA as DER (openssl dgst -sign) or raw r||s. It is checked against the data before use.
     */
    static ImageSigner precomputed(PublicKey publicKey, byte[] signatureFile) {
        SigningScheme scheme = SigningScheme.of(publicKey);
        byte[] sig;
        if (scheme.isRsa()) {
            if (signatureFile.length != 384) {
                throw new EspsecureException("RSA-3072 signature file must be 384 bytes, it is " + signatureFile.length + ".");
            }
            sig = signatureFile.clone();
        } else if (signatureFile.length == 2 * scheme.size() && signatureFile[0] != 0x30) {
            sig = signatureFile.clone();
        } else {
            sig = Jca.derToRaw(signatureFile, scheme.size());
        }
        return new ImageSigner() {
            @Override
            public PublicKey publicKey() {
                return publicKey;
            }

            @Override
            public byte[] sign(byte[] data) {
                if (!Verifier.verify(publicKey, data, sig)) {
                    throw new EspsecureException("The pre-calculated signature does not match the data and the public key "
                            + "(was it made over the padded image with the matching private key?).");
                }
                return sig.clone();
            }
        };
    }
}
