package org.jesptool.cli.secure;

import java.nio.file.Path;
import java.security.PublicKey;

import org.jesptool.secure.EspsecureException;
import org.jesptool.secure.HsmConfig;
import org.jesptool.secure.ImageSigner;

/** --hsm / --hsm-config handling. */
final class Hsm {
    private Hsm() {
    }

    private static HsmConfig config(Path file) {
        if (file == null) {
            throw new EspsecureException("--hsm needs --hsm-config FILE (PKCS#11 library, slot, PIN and key label).");
        }
        return HsmConfig.parse(FileIo.read(file));
    }

    static ImageSigner signer(Path file) {
        return config(file).signer();
    }

    static PublicKey publicKey(Path file) {
        return config(file).publicKey();
    }
}
