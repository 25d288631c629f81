package org.jesptool.loader;

import org.jesptool.protocol.SecurityInfo;

/**
 * The GET_SECURITY_INFO reply.
 *
 * @param flags security flags (bits as {@link SecurityInfo})
 * @param flashCryptCount the FLASH_CRYPT_CNT / SPI_BOOT_CRYPT_CNT eFuse value
 * @param keyPurposes the 7 key purposes
 * @param chipId the chip id, or -1 when the reply has none (ESP32-S2)
 * @param apiVersion the ROM API version, or -1 when absent
 */
public record SecurityState(int flags, int flashCryptCount, byte[] keyPurposes, int chipId, int apiVersion) {

    public boolean secureBootEnabled() {
        return (flags & SecurityInfo.SECURE_BOOT_EN) != 0;
    }

    public boolean secureDownloadMode() {
        return (flags & SecurityInfo.SECURE_DOWNLOAD_ENABLE) != 0;
    }

    /** Flash encryption is on when the crypt counter has an odd number of bits set. */
    public boolean flashEncryptionEnabled() {
        return Integer.bitCount(flashCryptCount) % 2 == 1;
    }
}
