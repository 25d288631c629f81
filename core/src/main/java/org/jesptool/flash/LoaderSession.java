package org.jesptool.flash;

import java.io.IOException;
import org.jesptool.loader.Loader;

/** The loader in use and the one-time link recovery, shared with the other operations. */
final class LoaderSession {
    Loader loader;
    final LinkRecovery recovery;
    boolean recovered;
    /**
     * The stub takes no "encrypted" word in FLASH_BEGIN (esptool 4.x's): encrypted data goes with
     * FLASH_ENCRYPT_DATA, uncompressed.
     */
    boolean stubWithoutEncryptedWord;
    /** Why the reconnect failed, when it did. */
    String recoveryFailure;

    LoaderSession(Loader loader, LinkRecovery recovery) {
        this.loader = loader;
        this.recovery = recovery;
    }

    /** Reconnects once per session; false when that is not possible any more. */
    boolean recover(ProgressListener listener, IOException cause) {
        if (recovery == null || recovered) {
            return false;
        }
        recovered = true;
        listener.message("Lost the link to the chip (" + cause.getMessage() + "): reconnecting to resume.");
        try {
            loader = recovery.reconnect();
            return true;
        } catch (IOException e) {
            listener.message("Reconnecting failed: " + e.getMessage());
            recoveryFailure = e.getMessage();
            return false;
        }
    }
}
