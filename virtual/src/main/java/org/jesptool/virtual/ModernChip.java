package org.jesptool.virtual;

import java.util.Map;

/**
 * Base of the chips from ESP32-S2 on: MAC in eFuse BLOCK1 words 0 and 1, SPI controller in the S2
 * layout, crypt count and secure boot flag in BLOCK0. Subclasses set where revision and package live.
 */
abstract class ModernChip extends Chip {
    int efuseBase;
    int macReg;
    /** Upper half of the second MAC word (MAC_EXT on chips with an EUI-64). */
    int macExt;
    /** DIS_DOWNLOAD_MANUAL_ENCRYPT's bit in BLOCK0 word 0 (19 on ESP32-S2, 20 on later chips). */
    int manualEncryptBit = 20;
    /** Where KEY_PURPOSE_0 and _1 start in BLOCK0 word 1, and their width (ESP32-C5: 22, 27, 5 bits). */
    int[] keyPurposeShifts = {24, 28};
    int keyPurposeWidth = 4;
    /** FORCE_USE_KEY_MANAGER_KEY's first bit in BLOCK0 word 1 on Key Manager chips (ESP32-C5), else -1. */
    int keyManagerShift = -1;

    /** FORCE_USE_KEY_MANAGER_KEY value selecting the Key Manager's key for XTS-AES flash encryption. */
    static final int KEY_MANAGER_XTS_AES = 2;

    ModernChip() {
        romFlashBeginLength = 20;
        romStatusLength = 4;
    }

    @Override
    void writeEfuses(Map<Integer, Integer> regs, DeviceConfig config) {
        putMac(regs, macReg, config.mac(), macExt);
        setField(regs, efuseBase + 0x34, 18, 3, config.flashCryptCnt);
        setField(regs, efuseBase + 0x38, 20, 1, config.secureBoot ? 1 : 0);
        setField(regs, efuseBase + 0x30, manualEncryptBit, 1, config.manualEncryptDisabled ? 1 : 0);
        int[] purposes = keyBlockPurposes(config); // KEY_PURPOSE_0 and _1 in BLOCK0 word 1
        for (int i = 0; i < purposes.length; i++) {
            setField(regs, efuseBase + 0x34, keyPurposeShifts[i], keyPurposeWidth, purposes[i]);
        }
        if (config.keyManager) {
            if (keyManagerShift < 0) {
                throw new IllegalArgumentException(displayName + " has no Key Manager: drop key-manager");
            }
            setField(regs, efuseBase + 0x34, keyManagerShift, 4, KEY_MANAGER_XTS_AES);
        }
        writeRevision(regs, config.major(), config.minor(), config.pkg);
        writeEmbeddedMemory(regs, config);
    }

    /** The S2-and-later controller; chips with other CMD or RS_ERR offsets override. */
    @Override
    EfuseLayout efuseLayout() {
        return EfuseLayout.modern(efuseBase, 0x1D4, 0x1C0).withKeyPurposeGuards();
    }

    /** Where the crypt count (3 bits) and the secure boot flag are: {address, shift} each. */
    int[] cryptCountField() {
        return new int[] {efuseBase + 0x34, 18};
    }

    int[] secureBootField() {
        return new int[] {efuseBase + 0x38, 20};
    }

    @Override
    int[] securityFuses(java.util.function.IntUnaryOperator fuse) {
        int[] c = cryptCountField();
        int[] s = secureBootField();
        return new int[] {fuse.applyAsInt(c[0]) >>> c[1] & 7, fuse.applyAsInt(s[0]) >>> s[1] & 1};
    }

    /** KEY_PURPOSE_0/1 in BLOCK0 word 2 (the shifts above), KEY_PURPOSE_2..5 packed from bit 0 of word 3. */
    int keyPurpose(java.util.function.IntUnaryOperator fuse, int n) {
        int mask = (1 << keyPurposeWidth) - 1;
        if (n < 2) {
            return fuse.applyAsInt(efuseBase + 0x34) >>> keyPurposeShifts[n] & mask;
        }
        return fuse.applyAsInt(efuseBase + 0x38) >>> ((n - 2) * keyPurposeWidth) & mask;
    }

    @Override
    byte[] keyPurposes(java.util.function.IntUnaryOperator fuse) {
        byte[] p = defaultKeyPurposes.clone();
        for (int n = 0; n < 6; n++) {
            p[n] = (byte) keyPurpose(fuse, n);
        }
        return p;
    }

    @Override
    byte[] flashKeyFromFuses(java.util.function.IntUnaryOperator fuse) {
        byte[] k128 = null;
        byte[] k256lo = null;
        byte[] k256hi = null;
        for (int n = 0; n < 6; n++) {
            byte[] key = reversedBlock(fuse, efuseBase + 0x9C + 0x20 * n, 8);
            if (allZero(key)) {
                continue;
            }
            switch (keyPurpose(fuse, n)) {
                case PURPOSE_XTS_AES_128_KEY -> k128 = k128 == null ? key : k128;
                case PURPOSE_XTS_AES_256_KEY_1 -> k256lo = key;
                case PURPOSE_XTS_AES_256_KEY_2 -> k256hi = key;
                default -> { }
            }
        }
        if (k256lo != null && k256hi != null) {
            byte[] k = new byte[64];
            System.arraycopy(k256lo, 0, k, 0, 32);
            System.arraycopy(k256hi, 0, k, 32, 32);
            return k;
        }
        return k128;
    }

    /** Encodes embedded flash / PSRAM capacity and vendor on chips whose eFuse records them. */
    void writeEmbeddedMemory(Map<Integer, Integer> regs, DeviceConfig config) {
    }

    /** Encodes chip revision and package into the eFuse words. */
    abstract void writeRevision(Map<Integer, Integer> regs, int major, int minor, int pkg);

    /** The BLOCK1 word {@code n} address (MAC is word 0). */
    int block1(int n) {
        return macReg + 4 * n;
    }
}
