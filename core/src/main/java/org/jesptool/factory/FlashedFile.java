package org.jesptool.factory;

/**
 * A file a board received.
 *
 * @param name the file name as given
 * @param address flash offset
 * @param size bytes of the file
 * @param md5 MD5 of the file's bytes, lower-case hex
 * @param verified whether flash was confirmed to hold it (MD5 read back from the chip)
 */
public record FlashedFile(String name, long address, long size, String md5, boolean verified) {

    /** The record of {@code data} written at {@code address}, its MD5 computed here. */
    public static FlashedFile of(String name, long address, byte[] data, boolean verified) {
        return new FlashedFile(name, address, data.length, md5(data), verified);
    }

    /** MD5 of {@code data}, lower-case hex. */
    public static String md5(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 missing from the JDK", e);
        }
    }
}
