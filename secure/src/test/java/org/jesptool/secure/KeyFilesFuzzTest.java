package org.jesptool.secure;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * PEM key files from outside, and the DER inside them: {@link KeyFiles} either reads a key or throws an
 * {@link EspsecureException} naming the file; nothing else escapes. Regression inputs under
 * {@code KeyFilesFuzzTestInputs/}.
 */
class KeyFilesFuzzTest {
    private static final String[] LABELS = {"PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY", "PUBLIC KEY",
        "RSA PUBLIC KEY", "ENCRYPTED PRIVATE KEY", "EC PARAMETERS", "CERTIFICATE"};

    @FuzzTest(maxDuration = "30m")
    void pemAndDer(FuzzedDataProvider in) {
        int mode = in.consumeInt(0, LABELS.length);
        byte[] body = in.consumeRemainingAsBytes();
        byte[] file = mode == LABELS.length ? body : ("-----BEGIN " + LABELS[mode] + "-----\n"
                + Base64.getMimeEncoder().encodeToString(body) + "\n-----END " + LABELS[mode] + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
        try {
            KeyFiles.readPrivateKey(file, "fuzz.pem");
        } catch (EspsecureException e) {
            assertThat(e.getMessage()).contains("fuzz.pem");
        }
        try {
            KeyFiles.readPublicKey(file, "fuzz.pem");
        } catch (EspsecureException e) {
            assertThat(e.getMessage()).contains("fuzz.pem");
        }
    }
}
