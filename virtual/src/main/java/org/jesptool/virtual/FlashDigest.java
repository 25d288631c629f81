package org.jesptool.virtual;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** MD5 over a flash range, as SPI_FLASH_MD5 and READ_FLASH compute it. */
final class FlashDigest {
    /** Reading and hashing speed of the chip (about 5 MB/s), for the real-time model. */
    static final long NANOS_PER_BYTE = 200;

    private FlashDigest() {
    }

    static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] md5(NorFlash flash, long addr, long size) {
        MessageDigest md = newMd5();
        byte[] buf = new byte[65536];
        long done = 0;
        while (done < size) {
            int n = (int) Math.min(buf.length, size - done);
            flash.read(addr + done, buf, 0, n);
            md.update(buf, 0, n);
            done += n;
        }
        return md.digest();
    }

    static long nanos(long size) {
        return size * NANOS_PER_BYTE;
    }
}
