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
    /**
     * SPI_BOOT_CRYPT_CNT (3 bits) and SECURE_BOOT_EN as {offset from the eFuse base, first bit}: the S2 layout
     * (RD_REPEAT_DATA1[20:18] and DATA2[20]) unless the chip's eFuse table says otherwise.
     */
    int[] cryptCountAt = {0x34, 18};
    int[] secureBootAt = {0x38, 20};
    /**
     * KEY_PURPOSE_0..5 as first bits counted from RD_REPEAT_DATA1 (32 and up are in DATA2), and their width:
     * S2 layout 24, 28, 32.., 4 bits; ESP32-C5 22, 27, 32.., 5 bits; ESP32-C61 0, 4, .. 20 in DATA1.
     */
    int[] keyPurposeBits = {24, 28, 32, 36, 40, 44};
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
        setField(regs, efuseBase + cryptCountAt[0], cryptCountAt[1], 3, config.flashCryptCnt);
        setField(regs, efuseBase + secureBootAt[0], secureBootAt[1], 1, config.secureBoot ? 1 : 0);
        setField(regs, efuseBase + 0x30, manualEncryptBit, 1, config.manualEncryptDisabled ? 1 : 0);
        int[] purposes = keyBlockPurposes(config); // KEY_PURPOSE_0 and _1
        for (int i = 0; i < purposes.length; i++) {
            setField(regs, keyPurposeWord(i), keyPurposeBits[i] % 32, keyPurposeWidth, purposes[i]);
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
        return EfuseLayout.modern(efuseBase, 0x1D4, 0x1C0).withKeyPurposeGuards(keyPurposeBits, keyPurposeWidth);
    }

    @Override
    int[] securityFuses(java.util.function.IntUnaryOperator fuse) {
        return new int[] {fuse.applyAsInt(efuseBase + cryptCountAt[0]) >>> cryptCountAt[1] & 7,
                fuse.applyAsInt(efuseBase + secureBootAt[0]) >>> secureBootAt[1] & 1};
    }

    /** The BLOCK0 word holding KEY_PURPOSE_{@code n}. */
    private int keyPurposeWord(int n) {
        return efuseBase + 0x34 + keyPurposeBits[n] / 32 * 4;
    }

    int keyPurpose(java.util.function.IntUnaryOperator fuse, int n) {
        int mask = (1 << keyPurposeWidth) - 1;
        return fuse.applyAsInt(keyPurposeWord(n)) >>> keyPurposeBits[n] % 32 & mask;
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
