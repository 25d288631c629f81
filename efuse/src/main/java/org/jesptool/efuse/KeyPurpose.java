package org.jesptool.efuse;

/**
 * A key purpose: its name, the value burned into KEY_PURPOSE_n (-1 for the "virtual" purposes that expand into
 * two blocks), whether the key bytes are reversed before burning, whether the block must be read-protected, and
 * whether the purpose takes a digest (burn-key-digest).
 */
public record KeyPurpose(String name, int value, boolean reverse, boolean readProtect, boolean digest) {
    static KeyPurpose of(String name, int value, String flags) {
        return new KeyPurpose(name, value, flags.contains("R"), flags.contains("P"), flags.contains("D"));
    }
}
