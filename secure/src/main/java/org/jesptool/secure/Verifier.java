package org.jesptool.secure;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/** Signature checks in JCA form (RSA big-endian, ECDSA r||s big-endian). */
final class Verifier {
    private Verifier() {
    }

    static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        SigningScheme scheme = SigningScheme.of(key);
        try {
            Signature s = scheme.isRsa() ? Jca.rsaPss() : Jca.ecdsa(scheme, false);
            s.initVerify(key);
            s.update(data);
            return s.verify(scheme.isRsa() ? signature : Jca.rawToDer(signature));
        } catch (java.security.SignatureException e) {
            return false; // malformed signature: not valid
        } catch (GeneralSecurityException e) {
            throw new EspsecureException("Cannot check a " + scheme.displayName() + " signature: " + e.getMessage(), e);
        }
    }
}
