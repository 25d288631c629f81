package org.jesptool.flash;

import java.util.function.UnaryOperator;

/** Options of {@link Flasher#write}. Defaults: compression chosen per loader, verify on, nothing else. */
public final class WriteOptions {
    /** The defaults, as esptool writes without options. */
    public WriteOptions() {
    }

    private Boolean compress;
    private boolean verify = true;
    private boolean skipFlashed;
    private boolean eraseAll;
    private boolean force;
    private int padToSize;
    private long flashSize;
    private UnaryOperator<byte[]> bootloaderPatch;
    private java.util.Map<Integer, byte[]> previous = java.util.Map.of();
    private boolean trustFlashContent;
    private boolean encryptAll;
    private java.util.List<FlashFile> encryptFiles = java.util.List.of();
    private boolean ignoreFlashEncryptionEfuse;
    private int encryptionAlignment = 16;

    /** {@code true} forces compression, {@code false} forbids it, {@code null} (default) lets the loader decide. */
    public WriteOptions compress(Boolean compress) {
        this.compress = compress;
        return this;
    }

    /** Verify each file by MD5 after writing (default true). */
    public WriteOptions verify(boolean verify) {
        this.verify = verify;
        return this;
    }

    /** Compare flash MD5s first and write only the parts that differ. */
    public WriteOptions skipFlashed(boolean skipFlashed) {
        this.skipFlashed = skipFlashed;
        return this;
    }

    /** Erase the whole flash before writing. */
    public WriteOptions eraseAll(boolean eraseAll) {
        this.eraseAll = eraseAll;
        return this;
    }

    /** Write images made for another chip or chip revision. */
    public WriteOptions force(boolean force) {
        this.force = force;
        return this;
    }

    /** Pad every file with 0xFF to a multiple of this many bytes (0 = off). */
    public WriteOptions padToSize(int padToSize) {
        this.padToSize = padToSize;
        return this;
    }

    /** Flash size in bytes used for the bounds check (0 = unknown, no check). */
    public WriteOptions flashSize(long flashSize) {
        this.flashSize = flashSize;
        return this;
    }

    /**
     * Rewrites the image at the chip's bootloader offset (flash mode/frequency/size header bytes and SHA-256
     * fix-up); applied after 4-byte padding. Null (default) leaves it as is. A file over 64 KiB that does not
     * start with the image magic 0xE9 is first shown only its first 64 bytes (so it is not loaded whole just to
     * be left as it is); the whole file follows only when the patch changes those.
     */
    public WriteOptions bootloaderPatch(UnaryOperator<byte[]> patch) {
        this.bootloaderPatch = patch;
        return this;
    }

    /**
     * What flash is believed to hold at a file's address (the reference's --diff-with): only segments that differ
     * from it are written, after one MD5 confirms the belief (unless {@link #trustFlashContent}).
     */
    public WriteOptions previousContents(java.util.Map<Integer, byte[]> previousByAddress) {
        this.previous = java.util.Map.copyOf(previousByAddress);
        return this;
    }

    /** Skip the MD5 that confirms {@link #previousContents} really is in flash. */
    public WriteOptions trustFlashContent(boolean trust) {
        this.trustFlashContent = trust;
        return this;
    }

    /**
     * Write every file of {@link Flasher#write} encrypted (the chip's flash encryption applied on the way in;
     * the reference's --encrypt). Encrypted files cannot be verified by MD5 (flash holds ciphertext).
     */
    public WriteOptions encrypt(boolean encryptAll) {
        this.encryptAll = encryptAll;
        return this;
    }

    /** Further files to write encrypted, alongside the plain ones (the reference's --encrypt-files). */
    public WriteOptions encryptFiles(java.util.List<FlashFile> files) {
        this.encryptFiles = java.util.List.copyOf(files);
        return this;
    }

    /**
     * Write encrypted even when eFuse says no key is programmed (or, on ESP32, FLASH_CRYPT_CONFIG is not 0xF):
     * the reference's --ignore-flash-enc-efuse.
     */
    public WriteOptions ignoreFlashEncryptionEfuse(boolean ignore) {
        this.ignoreFlashEncryptionEfuse = ignore;
        return this;
    }

    boolean encryptAll() {
        return encryptAll;
    }

    java.util.List<FlashFile> encryptFiles() {
        return encryptFiles;
    }

    boolean ignoreFlashEncryptionEfuse() {
        return ignoreFlashEncryptionEfuse;
    }

    /** Whether anything is written encrypted. */
    boolean encrypting() {
        return encryptAll || !encryptFiles.isEmpty();
    }

    /** Whether {@code f} (one of the files handed to the write) is written encrypted. */
    boolean encrypted(FlashFile f) {
        return encryptAll || encryptFiles.stream().anyMatch(e -> e == f);
    }

    /** Encrypted files are padded to this multiple (the chip's encryption block). */
    WriteOptions encryptionAlignment(int bytes) {
        this.encryptionAlignment = bytes;
        return this;
    }

    int encryptionAlignment() {
        return encryptionAlignment;
    }

    java.util.Map<Integer, byte[]> previous() {
        return previous;
    }

    boolean trustFlashContent() {
        return trustFlashContent;
    }

    WriteOptions copy() {
        WriteOptions c = new WriteOptions();
        c.compress = compress;
        c.verify = verify;
        c.skipFlashed = skipFlashed;
        c.eraseAll = eraseAll;
        c.force = force;
        c.padToSize = padToSize;
        c.flashSize = flashSize;
        c.bootloaderPatch = bootloaderPatch;
        c.previous = previous;
        c.trustFlashContent = trustFlashContent;
        c.encryptAll = encryptAll;
        c.encryptFiles = encryptFiles;
        c.ignoreFlashEncryptionEfuse = ignoreFlashEncryptionEfuse;
        c.encryptionAlignment = encryptionAlignment;
        return c;
    }

    Boolean compress() {
        return compress;
    }

    boolean verify() {
        return verify;
    }

    boolean skipFlashed() {
        return skipFlashed;
    }

    boolean eraseAll() {
        return eraseAll;
    }

    boolean force() {
        return force;
    }

    int padToSize() {
        return padToSize;
    }

    long flashSize() {
        return flashSize;
    }

    UnaryOperator<byte[]> bootloaderPatch() {
        return bootloaderPatch;
    }
}
