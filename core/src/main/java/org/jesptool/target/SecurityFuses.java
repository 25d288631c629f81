package org.jesptool.target;

import java.io.IOException;
import java.util.List;

/**
 * Where a chip's eFuses keep the flash encryption and secure boot settings (the reference's per-chip register
 * facts). A null field means the chip has no such fuse.
 *
 * @param cryptCount SPI_BOOT_CRYPT_CNT / FLASH_CRYPT_CNT
 * @param secureBoot SECURE_BOOT_EN
 * @param manualEncryptDisabled DIS_DOWNLOAD_MANUAL_ENCRYPT
 * @param keyPurposes KEY_PURPOSE_0..5
 * @param keyManager the FORCE_USE_KEY_MANAGER_KEY field (Key Manager chips), or null
 */
public record SecurityFuses(BitField cryptCount, BitField secureBoot, BitField manualEncryptDisabled,
        List<BitField> keyPurposes, BitField keyManager) {

    /** The FORCE_USE_KEY_MANAGER_KEY value that selects the Key Manager for XTS-AES flash encryption. */
    static final int KEY_MANAGER_XTS_AES = 2;

    /**
     * The layout the ESP32-S2 introduced and the S3, C3, C6 and H2 keep (words counted from RD_REPEAT_DATA0,
     * the eFuse tables' word 1): crypt counter in BLOCK0 word 1 bits 18-20, secure boot in word 2 bit 20, key
     * purposes as 4-bit fields from word 1 bit 24, and DIS_DOWNLOAD_MANUAL_ENCRYPT in word 0 at
     * {@code manualEncryptBit}.
     */
    static SecurityFuses s2Layout(int efuseBase, int manualEncryptBit) {
        int w0 = efuseBase + 0x30;
        int w1 = efuseBase + 0x34;
        int w2 = efuseBase + 0x38;
        return new SecurityFuses(new BitField(w1, 18, 3, 0), new BitField(w2, 20, 1, 0),
                new BitField(w0, manualEncryptBit, 1, 0),
                List.of(new BitField(w1, 24, 4, 0), new BitField(w1, 28, 4, 0), new BitField(w2, 0, 4, 0),
                        new BitField(w2, 4, 4, 0), new BitField(w2, 8, 4, 0), new BitField(w2, 12, 4, 0)), null);
    }

    /**
     * The ESP32-C5 layout (its eFuse table): crypt counter in word 1 bits 16-18, secure boot in word 2 bit 25,
     * DIS_DOWNLOAD_MANUAL_ENCRYPT in word 0 bit 20, 5-bit key purposes from word 1 bit 22 (then 27, and word 2
     * bits 0, 5, 10, 15) and FORCE_USE_KEY_MANAGER_KEY in word 1 bits 10-13.
     */
    static SecurityFuses c5Layout(int efuseBase) {
        int w0 = efuseBase + 0x30;
        int w1 = efuseBase + 0x34;
        int w2 = efuseBase + 0x38;
        return new SecurityFuses(new BitField(w1, 16, 3, 0), new BitField(w2, 25, 1, 0), new BitField(w0, 20, 1, 0),
                List.of(new BitField(w1, 22, 5, 0), new BitField(w1, 27, 5, 0), new BitField(w2, 0, 5, 0),
                        new BitField(w2, 5, 5, 0), new BitField(w2, 10, 5, 0), new BitField(w2, 15, 5, 0)),
                new BitField(w1, 10, 4, 0));
    }

    /** Reads the fuses. */
    FlashSecurity read(RegisterReader r) throws IOException {
        int[] purposes = new int[keyPurposes.size()];
        for (int i = 0; i < purposes.length; i++) {
            purposes[i] = keyPurposes.get(i).read(r);
        }
        boolean km = keyManager != null && (keyManager.read(r) & KEY_MANAGER_XTS_AES) != 0;
        return new FlashSecurity(FlashSecurity.oddBits(cryptCount.read(r)), secureBoot.read(r) != 0, false,
                manualEncryptDisabled != null && manualEncryptDisabled.read(r) != 0, -1,
                km || FlashSecurity.xtsKeyPresent(purposes), km);
    }
}
