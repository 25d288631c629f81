package org.jesptool.virtual;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.jesptool.protocol.SecurityInfo;

/** The GET_SECURITY_INFO payload: flags, flash_crypt_cnt, key purposes [, chip id, API version]. */
final class SecurityInfoBlock {
    private SecurityInfoBlock() {
    }

    /** The payload as the eFuses now say (burned fuses count), or from the configuration without a controller. */
    static byte[] build(Device device) {
        if (device.efuse == null) {
            return build(device.chip, device.config);
        }
        java.util.function.IntUnaryOperator fuse = device.efuse::fuse;
        int[] sec = device.chip.securityFuses(fuse);
        return build(device.chip, device.config.secureDownload, sec[1] != 0, sec[0], device.chip.keyPurposes(fuse));
    }

    static byte[] build(Chip chip, DeviceConfig config) {
        return build(chip, config.secureDownload, config.secureBoot, config.flashCryptCnt, chip.keyPurposes(config));
    }

    private static byte[] build(Chip chip, boolean secureDownload, boolean secureBoot, int cryptCnt, byte[] purposes) {
        ByteBuffer b = ByteBuffer.allocate(SecurityInfo.LENGTH_FULL).order(ByteOrder.LITTLE_ENDIAN);
        int flags = 0;
        if (secureBoot) {
            flags |= SecurityInfo.SECURE_BOOT_EN;
        }
        if (secureDownload) {
            flags |= SecurityInfo.SECURE_DOWNLOAD_ENABLE;
        }
        b.putInt(flags);
        b.put((byte) cryptCnt);
        b.put(purposes);
        b.putInt(chip.imageChipId);
        b.putInt(chip.securityApiVersion);
        byte[] all = b.array();
        byte[] out = new byte[chip.securityInfoLength];
        System.arraycopy(all, 0, out, 0, out.length);
        return out;
    }
}
