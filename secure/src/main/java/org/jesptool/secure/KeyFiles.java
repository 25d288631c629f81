package org.jesptool.secure;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveSpec;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Signing keys in PEM as openssl and the reference write them: private keys in PKCS#1 ("RSA PRIVATE KEY"),
 * SEC1 ("EC PRIVATE KEY") or PKCS#8 ("PRIVATE KEY"), public keys as SubjectPublicKeyInfo ("PUBLIC KEY").
 * Error messages name the file but never show key material.
 */
public final class KeyFiles {
    private KeyFiles() {
    }

    /** Reads a private key PEM; the returned pair always holds the matching public key. */
    public static KeyPair readPrivateKey(byte[] pem, String name) {
        Object parsed = parse(pem, name);
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(Jca.BC);
        try {
            if (parsed instanceof PEMKeyPair pair) {
                KeyPair kp = converter.getKeyPair(pair);
                return new KeyPair(Jca.preferJdk(kp.getPublic()), Jca.preferJdk(kp.getPrivate()));
            }
            if (parsed instanceof PrivateKeyInfo info) {
                PrivateKey key = converter.getPrivateKey(info);
                return new KeyPair(Jca.preferJdk(derivePublic(key)), Jca.preferJdk(key));
            }
        } catch (EspsecureException e) {
            throw new EspsecureException(name + ": " + e.getMessage(), e);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new EspsecureException(name + " holds a private key that cannot be read (corrupted or unsupported key).");
        }
        if (parsed instanceof PEMEncryptedKeyPair || parsed instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new EspsecureException(name + " is a password-protected key; decrypt it first (openssl pkey -in KEY -out PLAIN).");
        }
        if (parsed instanceof SubjectPublicKeyInfo) {
            throw new EspsecureException(name + " is a public key; this command needs the private signing key.");
        }
        throw new EspsecureException(name + " does not hold a private key in PEM format.");
    }

    /** Reads a public key PEM; a private key PEM is accepted too and its public half returned. */
    public static PublicKey readPublicKey(byte[] pem, String name) {
        Object parsed = parse(pem, name);
        if (parsed instanceof SubjectPublicKeyInfo info) {
            try {
                return Jca.preferJdk(new JcaPEMKeyConverter().setProvider(Jca.BC).getPublicKey(info));
            } catch (EspsecureException e) {
                throw new EspsecureException(name + ": " + e.getMessage(), e);
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw new EspsecureException(name + " holds a public key that cannot be read (corrupted or unsupported key).");
            }
        }
        return readPrivateKey(pem, name).getPublic();
    }

    /** True when the bytes look like PEM text (so callers can fall back to raw key formats). */
    public static boolean isPem(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
    }

    private static Object parse(byte[] pem, String name) {
        if (!isPem(pem)) {
            throw new EspsecureException(name + " is not a PEM key file (no '-----BEGIN' line).");
        }
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            Object o = parser.readObject();
            if (o == null) {
                throw new EspsecureException(name + " does not hold a PEM key.");
            }
            return o;
        } catch (IOException | RuntimeException e) {
            if (e instanceof EspsecureException ee) {
                throw ee;
            }
            throw new EspsecureException(name + " is a corrupted PEM file (" + e.getClass().getSimpleName() + ").");
        }
    }

    private static PublicKey derivePublic(PrivateKey key) throws GeneralSecurityException {
        if (key instanceof RSAPrivateCrtKey rsa) {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        if (key instanceof org.bouncycastle.jce.interfaces.ECPrivateKey ec) {
            ECParameterSpec spec = ec.getParameters();
            ECPoint q = spec.getG().multiply(ec.getD()).normalize();
            return KeyFactory.getInstance("EC", Jca.BC).generatePublic(new ECPublicKeySpec(q, spec));
        }
        throw new EspsecureException("Unsupported key type " + key.getAlgorithm() + "; use an RSA-3072 or ECDSA key.");
    }

    /** A fresh key pair for the scheme (RSA with exponent 65537). */
    public static KeyPair generate(SigningScheme scheme) {
        try {
            KeyPairGenerator gen;
            if (scheme.isRsa()) {
                gen = KeyPairGenerator.getInstance("RSA");
                gen.initialize(new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4));
            } else {
                gen = scheme == SigningScheme.ECDSA192 ? KeyPairGenerator.getInstance("EC", Jca.BC)
                        : KeyPairGenerator.getInstance("EC");
                gen.initialize(new ECGenParameterSpec(scheme.secName()));
            }
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new EspsecureException("Cannot generate a " + scheme.cliName() + " key: " + e.getMessage(), e);
        }
    }

    /** Private key PEM: PKCS#1 for RSA, SEC1 with the named curve and the public key for EC. */
    public static byte[] privateKeyPem(KeyPair pair) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
            if (pair.getPrivate() instanceof java.security.interfaces.ECPrivateKey ec) {
                SigningScheme scheme = SigningScheme.of(ec);
                ASN1ObjectIdentifier oid = ECNamedCurveTable.getOID(scheme.curveName());
                byte[] pub = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()).getPublicKeyData().getBytes();
                var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(scheme.size() * 8, ec.getS(),
                        new DERBitString(pub), oid);
                return pem("EC PRIVATE KEY", sec1.getEncoded());
            }
            return pem("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Public key PEM (SubjectPublicKeyInfo with a named curve for EC). */
    public static byte[] publicKeyPem(PublicKey key) {
        byte[] der = key.getEncoded();
        if (key instanceof java.security.interfaces.ECPublicKey ec && !(ec.getParams() instanceof ECNamedCurveSpec)) {
            der = namedCurveSpki(ec);
        }
        return pem("PUBLIC KEY", der);
    }

    private static byte[] namedCurveSpki(java.security.interfaces.ECPublicKey ec) {
        try {
            SigningScheme scheme = SigningScheme.of(ec);
            var params = new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                    org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey, ECNamedCurveTable.getOID(scheme.curveName()));
            byte[] point = SubjectPublicKeyInfo.getInstance(ec.getEncoded()).getPublicKeyData().getBytes();
            return new SubjectPublicKeyInfo(params, point).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pem(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter w = new PemWriter(out)) {
            w.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
