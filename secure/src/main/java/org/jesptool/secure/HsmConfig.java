package org.jesptool.secure;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.util.HashMap;
import java.util.Map;

/**
 * A PKCS#11 HSM reached through the JDK's SunPKCS11 provider, configured by the reference's INI file:
 * section {@code [hsm_config]} with {@code pkcs11_lib}, {@code credentials} (user PIN), {@code slot} (slot id)
 * and {@code label} (the key's label). SunPKCS11 shows a private key through its key store only when the
 * token also holds a certificate for it; the certificate (same label) supplies the public key.
 */
public final class HsmConfig {
    private final String library;
    private final String credentials;
    private final String slot;
    private final String label;

    private HsmConfig(String library, String credentials, String slot, String label) {
        this.library = library;
        this.credentials = credentials;
        this.slot = slot;
        this.label = label;
    }

    /** Parses the INI text; every key of section [hsm_config] but label_pubkey is required. */
    public static HsmConfig parse(byte[] ini) {
        Map<String, String> values = new HashMap<>();
        String section = "";
        for (String raw : new String(ini, StandardCharsets.UTF_8).split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                eq = line.indexOf(':');
            }
            if (eq > 0 && section.equals("hsm_config")) {
                values.put(line.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT), line.substring(eq + 1).strip());
            }
        }
        for (String key : new String[] {"pkcs11_lib", "credentials", "slot", "label"}) {
            if (!values.containsKey(key)) {
                throw new EspsecureException("HSM config lacks '" + key + "' in section [hsm_config].");
            }
        }
        return new HsmConfig(values.get("pkcs11_lib"), values.get("credentials"), values.get("slot"), values.get("label"));
    }

    private record Session(Provider provider, KeyStore store) {
    }

    private Session open() {
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new EspsecureException("This Java runtime has no SunPKCS11 provider, so --hsm is unavailable.");
        }
        String config = "--name = espsecure\nlibrary = " + library + "\nslot = " + slot + "\n";
        try {
            Provider p = base.configure(config);
            KeyStore ks = KeyStore.getInstance("PKCS11", p);
            ks.load(null, credentials.toCharArray());
            return new Session(p, ks);
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            throw new EspsecureException("Cannot open the HSM (library " + library + ", slot " + slot + "): "
                    + e.getMessage(), e);
        }
    }

    /** The public key of the configured label (from its certificate on the token). */
    public PublicKey publicKey() {
        return publicKey(open());
    }

    private PublicKey publicKey(Session s) {
        try {
            Certificate cert = s.store().getCertificate(label);
            if (cert == null) {
                throw new EspsecureException("The HSM has no certificate labelled '" + label + "'; SunPKCS11 needs one "
                        + "next to the private key to use it.");
            }
            return Jca.preferJdk(cert.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new EspsecureException("Cannot read the HSM key '" + label + "': " + e.getMessage(), e);
        }
    }

    /** A signer that signs on the token with the key of the configured label. */
    public ImageSigner signer() {
        Session s = open();
        try {
            PublicKey pub = publicKey(s);
            PrivateKey key = (PrivateKey) s.store().getKey(label, null);
            if (key == null) {
                throw new EspsecureException("The HSM has no private key labelled '" + label + "'.");
            }
            return ImageSigner.jca(pub, key, s.provider());
        } catch (GeneralSecurityException e) {
            throw new EspsecureException("Cannot use the HSM key '" + label + "': " + e.getMessage(), e);
        }
    }
}
