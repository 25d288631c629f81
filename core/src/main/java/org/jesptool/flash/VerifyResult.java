package org.jesptool.flash;

import java.util.List;

/**
 * The outcome of comparing one file with flash.
 *
 * @param name file name
 * @param address flash offset
 * @param length bytes compared
 * @param matches whether the MD5s matched
 * @param differences differing byte offsets (flash addresses) when a diff was asked for, else empty
 */
public record VerifyResult(String name, long address, int length, boolean matches, List<Long> differences) {
}
