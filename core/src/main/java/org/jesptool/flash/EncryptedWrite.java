package org.jesptool.flash;

import java.util.ArrayList;
import java.util.List;
import org.jesptool.loader.Loader;
import org.jesptool.target.Chip;
import org.jesptool.target.FlashSecurity;

/**
 * The checks before an encrypted write (the reference's, facts 2.10 and 5.5): the loader must be able to
 * encrypt (not ESP8266, not the ESP32 ROM, whose FLASH_BEGIN has no "encrypted" word), every encrypted file must
 * start on the chip's encryption block (32 bytes on ESP32, 16 on later chips), download-mode encryption must
 * not be disabled, and a key must be programmed (ESP32: with FLASH_CRYPT_CONFIG 0xF). The last two eFuse checks
 * can be overridden (--ignore-flash-enc-efuse); the others cannot, because the chip would refuse or write
 * garbage.
 */
final class EncryptedWrite {
    private EncryptedWrite() {
    }

    static void check(Loader loader, List<FlashFile> encrypted, boolean ignoreEfuse, ProgressListener out)
            throws FlashException {
        Chip chip = loader.chip();
        if (!chip.hasFlashSecurity()) {
            throw new FlashException(chip.displayName() + " has no flash encryption: drop --encrypt / "
                    + "--encrypt-files. Nothing was written.");
        }
        if (!loader.isStub() && !chip.romTakesEncryptedFlag()) {
            throw new FlashException("The " + chip.displayName() + " ROM loader cannot write encrypted data: only "
                    + "the flasher stub can. " + loader.romModeHint() + " Nothing was written.");
        }
        if (loader.isOwnStub()) {
            // it refuses the "encrypted" word rather than write plaintext (STUB-CONTRACT-CHANGES)
            throw new FlashException("JEsptool's flasher stub does not write encrypted data yet: run the command "
                    + "with --no-stub (the " + chip.displayName() + " ROM loader takes encrypted writes). Nothing was "
                    + "written.");
        }
        int align = chip.flashEncryptionWriteAlignment();
        for (FlashFile f : encrypted) {
            if (f.address() % align != 0) {
                throw new FlashException(String.format("%s (address 0x%x) is not %d byte aligned, so it cannot be "
                        + "written encrypted: the %s encrypts flash in %d-byte blocks. Use an address that is a "
                        + "multiple of %d. Nothing was written.", f.name(), f.address(), align, chip.displayName(),
                        align, align));
            }
        }
        FlashSecurity fs = SecurityGuard.read(loader);
        if (fs == null) {
            return; // Secure Download Mode: eFuse cannot be read, the ROM decides
        }
        if (fs.manualEncryptDisabled()) {
            throw new FlashException("This chip has encrypted writes in UART download mode disabled "
                    + "(DIS_DOWNLOAD_MANUAL_ENCRYPT): this is the flash encryption configuration for Release mode, "
                    + "not Development mode. Nothing was written.");
        }
        List<String> problems = new ArrayList<>();
        if (fs.cryptConfig() >= 0 && fs.cryptConfig() != 0xF) {
            problems.add(String.format("Unexpected FLASH_CRYPT_CONFIG value: 0x%x (expected 0xf).", fs.cryptConfig()));
        }
        if (!fs.keyValid()) {
            problems.add("Flash encryption key is not programmed.");
        }
        if (problems.isEmpty()) {
            return;
        }
        if (ignoreEfuse) {
            for (String p : problems) {
                out.message("Warning: " + p + " Writing encrypted anyway (--ignore-flash-enc-efuse).");
            }
            return;
        }
        throw new FlashException(String.join(" ", problems) + " Can't perform encrypted flash write: consult the "
                + "Flash Encryption documentation, or use --ignore-flash-enc-efuse to write anyway. Nothing was "
                + "written.");
    }
}
