package org.jesptool.flash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** MD5 helpers. */
final class Md5 {
    private Md5() {
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 missing from the JDK", e);
        }
    }

    static byte[] of(byte[] data) {
        return digest().digest(data);
    }

    static byte[] of(byte[] data, int off, int len) {
        MessageDigest md = digest();
        md.update(data, off, len);
        return md.digest();
    }

    static byte[] ofFill(byte value, long length) {
        MessageDigest md = digest();
        byte[] chunk = new byte[65536];
        java.util.Arrays.fill(chunk, value);
        for (long left = length; left > 0; left -= chunk.length) {
            md.update(chunk, 0, (int) Math.min(left, chunk.length));
        }
        return md.digest();
    }

    static String hex(byte[] md5) {
        return HexFormat.of().formatHex(md5);
    }
}
