package org.jesptool.image;

/** Options of {@link Elf2Image}, defaulting to the reference's defaults. Setters return {@code this}. */
public final class Elf2ImageOptions {
    /** The defaults, as elf2image without options. */
    public Elf2ImageOptions() {
    }

    String version = "1";
    String flashMode = "qio";
    String flashFreq;
    String flashSize = "1MB";
    int minRev;
    int minRevFull;
    int maxRevFull = 65535;
    boolean securePad;
    boolean securePadV2;
    long elfSha256Offset;
    boolean appendDigest = true;
    boolean useSegments;
    String mmuPageSize;
    String padToSize;
    boolean ramOnlyHeader;

    /** ESP8266 image version: "1" (default, two files), "2" (rboot/Espressif bootloader) or "3". */
    public Elf2ImageOptions version(String v) {
        if (!v.equals("1") && !v.equals("2") && !v.equals("3")) {
            throw new ImageException("Image version must be 1, 2 or 3, not '" + v + "'");
        }
        this.version = v;
        return this;
    }

    /** Flash mode written to the header (qio, qout, dio, dout); default qio. */
    public Elf2ImageOptions flashMode(String mode) {
        ImageChip.flashModeCode(mode);
        this.flashMode = mode;
        return this;
    }

    /** Flash frequency, or null to encode 0. */
    public Elf2ImageOptions flashFreq(String freq) {
        this.flashFreq = freq;
        return this;
    }

    /** Flash size written to the header; default 1MB. */
    public Elf2ImageOptions flashSize(String size) {
        this.flashSize = size;
        return this;
    }

    /** Legacy minimum chip revision byte (0-255). */
    public Elf2ImageOptions minRev(int rev) {
        if (rev < 0 || rev > 255) {
            throw new ImageException("--min-rev must be between 0 and 255, not " + rev);
        }
        this.minRev = rev;
        return this;
    }

    /** Minimum chip revision as major*100+minor. */
    public Elf2ImageOptions minRevFull(int rev) {
        if (rev < 0 || rev > 65535) {
            throw new ImageException("--min-rev-full must be between 0 and 65535, not " + rev);
        }
        this.minRevFull = rev;
        return this;
    }

    /** Maximum chip revision as major*100+minor (65535 = not set). */
    public Elf2ImageOptions maxRevFull(int rev) {
        if (rev < 0 || rev > 65535) {
            throw new ImageException("--max-rev-full must be between 0 and 65535, not " + rev);
        }
        this.maxRevFull = rev;
        return this;
    }

    /** Pad for Secure Boot v1 signing (ESP32 only; ignored for other chips). */
    public Elf2ImageOptions securePad(boolean on) {
        this.securePad = on;
        return this;
    }

    /** Pad for Secure Boot v2 signing. */
    public Elf2ImageOptions securePadV2(boolean on) {
        this.securePadV2 = on;
        return this;
    }

    /** Image file offset at which to write the ELF's SHA-256 (0 = automatic). */
    public Elf2ImageOptions elfSha256Offset(long offset) {
        this.elfSha256Offset = offset;
        return this;
    }

    /** Whether to append the SHA-256 of the image (default true; ignored for ESP8266 v1/v2). */
    public Elf2ImageOptions appendDigest(boolean on) {
        this.appendDigest = on;
        return this;
    }

    /** Use ELF program headers (PT_LOAD) instead of sections. */
    public Elf2ImageOptions useSegments(boolean on) {
        this.useSegments = on;
        return this;
    }

    /** MMU page size like "64KB", or null for automatic. */
    public Elf2ImageOptions mmuPageSize(String size) {
        this.mmuPageSize = size;
        return this;
    }

    /** Pad the image with 0xFF to a multiple of this size (e.g. "4MB"), or null. */
    public Elf2ImageOptions padToSize(String size) {
        this.padToSize = size;
        return this;
    }

    /** Only RAM segments are visible in the header (and no digest is appended). */
    public Elf2ImageOptions ramOnlyHeader(boolean on) {
        this.ramOnlyHeader = on;
        return this;
    }
}
