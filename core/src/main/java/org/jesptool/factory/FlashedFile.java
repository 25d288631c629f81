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
}
