package org.jesptool.virtual;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.jesptool.protocol.SecurityInfo;

/** The GET_SECURITY_INFO payload: flags, flash_crypt_cnt, key purposes [, chip id, API version]. */
final class SecurityInfoBlock {
    private SecurityInfoBlock() {
    }

    static byte[] build(Chip chip, DeviceConfig config) {
        ByteBuffer b = ByteBuffer.allocate(SecurityInfo.LENGTH_FULL).order(ByteOrder.LITTLE_ENDIAN);
        int flags = 0;
        if (config.secureBoot) {
            flags |= SecurityInfo.SECURE_BOOT_EN;
        }
        if (config.secureDownload) {
            flags |= SecurityInfo.SECURE_DOWNLOAD_ENABLE;
        }
        b.putInt(flags);
        b.put((byte) config.flashCryptCnt);
        b.put(chip.keyPurposes(config));
        b.putInt(chip.imageChipId);
        b.putInt(chip.securityApiVersion);
        byte[] all = b.array();
        byte[] out = new byte[chip.securityInfoLength];
        System.arraycopy(all, 0, out, 0, out.length);
        return out;
    }
}
