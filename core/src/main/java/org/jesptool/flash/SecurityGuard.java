package org.jesptool.flash;

import java.io.IOException;
import java.util.List;
import org.jesptool.loader.Loader;
import org.jesptool.loader.SecurityState;
import org.jesptool.target.Chip;
import org.jesptool.target.FlashSecurity;
import org.jesptool.target.RegisterReader;

/**
 * The reference's safety checks around flash encryption and secure boot (facts 2.10), run before anything is
 * sent: erasing with security features active, writing below the protected bootloader region, writing
 * plaintext to a chip that encrypts, and the eFuse prerequisites of an encrypted write.
 */
final class SecurityGuard {
    /** Secure Boot V1 protects the bootloader and its digest below this address. */
    static final int SECURE_BOOT_V1_PROTECTED = 0x8000;
    /** Flash encryption with the Key Manager protects the region below this address. */
    static final int KEY_MANAGER_PROTECTED = 0x2000;
    private static final String BRICK = "Use --force to override, with caution: it may brick the device.";

    private SecurityGuard() {
    }

    /**
     * The chip's flash security settings, from eFuse where this chip's layout is known, else from
     * GET_SECURITY_INFO; null on chips without them (ESP8266) and in Secure Download Mode, where eFuse cannot be
     * read (the reference skips its checks there too).
     */
    static FlashSecurity read(Loader loader) throws FlashException {
        Chip chip = loader.chip();
        if (!chip.hasFlashSecurity() || loader.secureDownloadMode()) {
            return null;
        }
        try {
            FlashSecurity fs = chip.readFlashSecurity(RegisterReader.memoizing(loader::readReg));
            if (fs != null) {
                return fs;
            }
        } catch (IOException e) {
            throw new FlashException("Could not read the security eFuses of the " + chip.displayName() + " ("
                    + e.getMessage() + "), so the safety checks cannot run. Use --force to skip them. Nothing was "
                    + "changed.", e);
        }
        try {
            return fromSecurityInfo(loader.securityInfo());
        } catch (IOException e) {
            return null; // a stub found running at connect, on a chip whose eFuse layout is not described here
        }
    }

    static FlashSecurity fromSecurityInfo(SecurityState st) {
        byte[] p = st.keyPurposes();
        int[] purposes = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            purposes[i] = p[i] & 0xFF;
        }
        return new FlashSecurity(st.flashEncryptionEnabled(), st.secureBootEnabled(), false, false, -1,
                FlashSecurity.xtsKeyPresent(purposes), false);
    }

    /** erase-flash, erase-region and --erase-all: refused while flash encryption or secure boot is on. */
    static void checkErase(Loader loader, boolean force) throws FlashException {
        if (force) {
            return;
        }
        FlashSecurity fs = read(loader);
        if (fs != null && (fs.flashEncryption() || fs.secureBoot())) {
            throw new FlashException("Active security features detected (" + features(fs) + "): erasing flash is "
                    + "disabled as a safety measure, since the device could not boot again without re-provisioning. "
                    + BRICK + " Nothing was erased.");
        }
    }

    private static String features(FlashSecurity fs) {
        if (fs.flashEncryption() && fs.secureBoot()) {
            return "flash encryption and secure boot enabled";
        }
        return fs.flashEncryption() ? "flash encryption enabled" : "secure boot enabled";
    }

    /**
     * Address rules of a write (skipped with --force): Secure Boot V1 protects everything below 0x8000, flash
     * encryption with the Key Manager everything below 0x2000.
     */
    static void checkWriteAddresses(FlashSecurity fs, List<FlashFile> files) throws FlashException {
        for (FlashFile f : files) {
            long a = f.address() & 0xFFFFFFFFL;
            if (fs.secureBootV1() && a < SECURE_BOOT_V1_PROTECTED) {
                throw new FlashException(String.format("Secure Boot detected: writing %s to 0x%x, below 0x%x, is "
                        + "disabled to protect the bootloader. %s Nothing was written.", f.name(), a,
                        SECURE_BOOT_V1_PROTECTED, BRICK));
            }
            if (fs.flashEncryption() && fs.keyManager() && a < KEY_MANAGER_PROTECTED) {
                throw new FlashException(String.format("Flash encryption with the Key Manager detected: writing %s "
                        + "to 0x%x, below 0x%x, is disabled to protect the region the Key Manager uses. %s Nothing "
                        + "was written.", f.name(), a, KEY_MANAGER_PROTECTED, BRICK));
            }
        }
    }

    /**
     * A write of plaintext only (skipped with --force): refused when the chip encrypts flash and has no way to
     * take encrypted data in download mode (manual encryption disabled), or is in Secure Download Mode with
     * flash encryption on, where it would boot the plaintext as garbage.
     */
    static void checkPlaintextWrite(Loader loader, FlashSecurity fs) throws FlashException {
        if (loader.secureDownloadMode() && loader.chip().hasFlashSecurity()) {
            SecurityState st;
            try {
                st = loader.securityInfo();
            } catch (IOException e) {
                return; // the ESP32 has no GET_SECURITY_INFO; the reference skips the check there
            }
            if (st.flashEncryptionEnabled()) {
                throw new FlashException("Detected flash encryption and Secure Download Mode enabled: flashing a "
                        + "plaintext binary may brick the device. Write it encrypted (--encrypt) or use --force to "
                        + "override. Nothing was written.");
            }
            return;
        }
        if (fs != null && fs.flashEncryption() && fs.manualEncryptDisabled()) {
            throw new FlashException("Detected flash encryption enabled and download manual encrypt disabled: "
                    + "flashing a plaintext binary may brick the device. Use --force to override. Nothing was "
                    + "written.");
        }
    }
}
