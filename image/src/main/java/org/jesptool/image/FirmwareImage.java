package org.jesptool.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A firmware image read from bytes: ESP8266 v1 ({@code 0xE9}) and v2 ({@code 0xEA}) images and ESP32-family
 * images with their extended header, checksum and optional SHA-256 digest. Parsing is strict: a truncated
 * image, a bad magic byte or more than 16 segments is an {@link ImageException}.
 */
public final class FirmwareImage {
    /** First byte of every loadable image. */
    public static final int ESP_IMAGE_MAGIC = 0xE9;
    /** First byte of an ESP8266 "v2" (rboot / Espressif bootloader) image. */
    public static final int ESP8266_V2_MAGIC = 0xEA;
    /** Initial value of the image checksum. */
    public static final int CHECKSUM_MAGIC = 0xEF;
    /** Value of the WP pin field meaning "not used". */
    public static final int WP_PIN_DISABLED = 0xEE;

    private final ImageChip chip;
    private int version = 1;
    private int flashMode;
    private int flashSizeFreq;
    private long entryPoint;
    private final List<Segment> segments = new ArrayList<>();
    private int storedChecksum;
    private final List<String> warnings = new ArrayList<>();
    // ESP32 family only
    private int wpPin = WP_PIN_DISABLED;
    private final int[] drives = new int[6]; // clk, q, d, cs, hd, wp
    private int chipId;
    private int minRev;
    private int minRevFull;
    private int maxRevFull;
    private boolean appendDigest;
    private byte[] storedDigest;
    private byte[] calculatedDigest;
    private int dataLength = -1;

    private FirmwareImage(ImageChip chip) {
        this.chip = chip;
    }

    /** Parses {@code data} as an image for {@code chip}. */
    public static FirmwareImage parse(byte[] data, ImageChip chip) {
        FirmwareImage image = new FirmwareImage(chip);
        Reader r = new Reader(data);
        if (data.length == 0) {
            throw new ImageException("Image is empty.");
        }
        if (!chip.hasExtendedHeader()) {
            int magic = data[0] & 0xFF;
            if (magic == ESP_IMAGE_MAGIC) {
                image.readV1(r);
            } else if (magic == ESP8266_V2_MAGIC) {
                image.readV2(r);
            } else {
                throw new ImageException("Invalid image magic number: " + magic);
            }
        } else {
            image.readEsp32(r, data);
        }
        if (image.segments.size() > 16) {
            throw new ImageException("Invalid segment count " + image.segments.size()
                    + " (max 16). Usually this indicates a linker script problem.");
        }
        return image;
    }

    private int readCommonHeader(Reader r, int expectedMagic) {
        int magic = r.u8("image header");
        int count = r.u8("image header");
        flashMode = r.u8("image header");
        flashSizeFreq = r.u8("image header");
        entryPoint = r.u32("image header");
        if (magic != expectedMagic) {
            throw new ImageException(String.format("Invalid firmware image magic=0x%x", magic));
        }
        return count;
    }

    private Segment readSegment(Reader r, boolean iromSegment) {
        int headerOffset = r.pos;
        long addr = r.u32("segment header");
        long size = r.u32("segment header");
        if (!iromSegment && !chip.hasExtendedHeader() && (addr > 0x40200000L || addr < 0x3FFE0000L || size > 65536)) {
            warnings.add(String.format("Suspicious segment 0x%x, length %d", addr, size));
        }
        if (size > r.remaining()) {
            throw new ImageException(String.format("End of file reading segment 0x%x, length %d (actual length %d)",
                    addr, size, r.remaining()));
        }
        Segment s = new Segment(addr, r.bytes((int) size), null, headerOffset);
        segments.add(s);
        return s;
    }

    private void readChecksum(Reader r) {
        int skip = 15 - (r.pos % 16);
        r.pos += skip;
        if (r.pos >= r.data.length) {
            throw new ImageException(String.format("Image is truncated: no checksum byte at offset 0x%x", r.pos));
        }
        storedChecksum = r.u8("checksum");
    }

    private void readV1(Reader r) {
        int count = readCommonHeader(r, ESP_IMAGE_MAGIC);
        for (int i = 0; i < count; i++) {
            readSegment(r, false);
        }
        readChecksum(r);
    }

    private void readV2(Reader r) {
        version = 2;
        int count = readCommonHeader(r, ESP8266_V2_MAGIC);
        if (count != 4) {
            warnings.add("V2 header has unexpected \"segment\" count " + count + " (usually 4)");
        }
        Segment irom = readSegment(r, true);
        irom.setAddress(0);
        irom.setIncludedInChecksum(false);
        int firstMode = flashMode;
        int firstSizeFreq = flashSizeFreq;
        long firstEntry = entryPoint;
        count = readCommonHeader(r, ESP_IMAGE_MAGIC);
        if (firstMode != flashMode) {
            warnings.add(String.format("Flash mode value in first header (0x%02x) disagrees with second (0x%02x)."
                    + " Using second value.", firstMode, flashMode));
        }
        if (firstSizeFreq != flashSizeFreq) {
            warnings.add(String.format("Flash size/freq value in first header (0x%02x) disagrees with second"
                    + " (0x%02x). Using second value.", firstSizeFreq, flashSizeFreq));
        }
        if (firstEntry != entryPoint) {
            warnings.add(String.format("Entrypoint address in first header (0x%08x) disagrees with second header"
                    + " (0x%08x). Using second value.", firstEntry, entryPoint));
        }
        for (int i = 0; i < count; i++) {
            readSegment(r, false);
        }
        readChecksum(r);
    }

    private void readEsp32(Reader r, byte[] data) {
        int count = readCommonHeader(r, ESP_IMAGE_MAGIC);
        wpPin = r.u8("extended header");
        for (int i = 0; i < 3; i++) {
            int b = r.u8("extended header");
            drives[2 * i] = b & 0x0F;
            drives[2 * i + 1] = (b >> 4) & 0x0F;
        }
        // field order in the header: clk|q, d|cs, hd|wp
        chipId = r.u16("extended header");
        if (chipId != chip.imageChipId()) {
            warnings.add("Unexpected chip ID in image. Expected " + chip.imageChipId() + " but value was " + chipId
                    + ". Is this image for a different chip model?");
        }
        minRev = r.u8("extended header");
        minRevFull = r.u16("extended header");
        maxRevFull = r.u16("extended header");
        r.bytes(4);
        int digestFlag = r.u8("extended header");
        if (digestFlag > 1) {
            throw new ImageException(String.format(
                    "Invalid value for append_digest field (0x%02x). Should be 0 or 1.", digestFlag));
        }
        appendDigest = digestFlag == 1;
        for (int i = 0; i < count; i++) {
            readSegment(r, false);
        }
        readChecksum(r);
        if (appendDigest) {
            dataLength = r.pos;
            storedDigest = Arrays.copyOfRange(data, r.pos, Math.min(data.length, r.pos + 32));
            calculatedDigest = sha256(data, 0, dataLength);
        }
    }

    static byte[] sha256(byte[] data, int offset, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, offset, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** XOR checksum of the given bytes starting from {@code state}. */
    static int checksum(byte[] data, int state) {
        int c = state;
        for (byte b : data) {
            c ^= b;
        }
        return c & 0xFF;
    }

    /** The chip this image was parsed for. */
    public ImageChip chip() {
        return chip;
    }

    /** 1 for ordinary images, 2 for ESP8266 v2 images. */
    public int version() {
        return version;
    }

    /** Flash mode code (header byte 2). */
    public int flashMode() {
        return flashMode;
    }

    /** Flash size (high nibble) and frequency (low nibble) byte. */
    public int flashSizeFreq() {
        return flashSizeFreq;
    }

    /** Entry point address, 0 when not set. */
    public long entryPoint() {
        return entryPoint;
    }

    /** Segments in file order. */
    public List<Segment> segments() {
        return Collections.unmodifiableList(segments);
    }

    /** Checksum byte stored in the image. */
    public int storedChecksum() {
        return storedChecksum;
    }

    /** Checksum computed over the segments that count. */
    public int calculatedChecksum() {
        int c = CHECKSUM_MAGIC;
        for (Segment s : segments) {
            if (s.includedInChecksum()) {
                c = checksum(s.data(), c);
            }
        }
        return c;
    }

    /** Warnings noticed while parsing (suspicious segments, chip id mismatch...). */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** WP pin field (ESP32 family). */
    public int wpPin() {
        return wpPin;
    }

    /** SPI pin drive settings clk, q, d, cs, hd, wp (ESP32 family). */
    public int[] driveSettings() {
        return new int[] {drives[0], drives[1], drives[2], drives[3], drives[4], drives[5]};
    }

    /** Chip id in the extended header (ESP32 family). */
    public int chipId() {
        return chipId;
    }

    /** Legacy minimum revision byte. */
    public int minRev() {
        return minRev;
    }

    /** Minimum chip revision, major*100+minor. */
    public int minRevFull() {
        return minRevFull;
    }

    /** Maximum chip revision, major*100+minor (65535 = not set). */
    public int maxRevFull() {
        return maxRevFull;
    }

    /** Whether a SHA-256 digest follows the checksum. */
    public boolean hasAppendedDigest() {
        return appendDigest;
    }

    /** The appended digest as stored (may be shorter than 32 bytes if the file is cut), or null. */
    public byte[] storedDigest() {
        return storedDigest == null ? null : storedDigest.clone();
    }

    /** SHA-256 of everything before the digest, or null without digest. */
    public byte[] calculatedDigest() {
        return calculatedDigest == null ? null : calculatedDigest.clone();
    }

    /** Length of the image up to and including the checksum byte when a digest is appended, else -1. */
    public int dataLength() {
        return dataLength;
    }

    /** Little-endian cursor that fails with a clear message when the image ends early. */
    private static final class Reader {
        final byte[] data;
        int pos;

        Reader(byte[] data) {
            this.data = data;
        }

        int remaining() {
            return data.length - pos;
        }

        private void need(int n, String what) {
            if (n < 0 || n > data.length - pos) { // n from a header may be past 2 GiB (negative as an int)
                throw new ImageException(String.format("Image is truncated: %s at offset 0x%x needs %d bytes,"
                        + " only %d left", what, pos, n & 0xFFFFFFFFL, Math.max(0, data.length - pos)));
            }
        }

        int u8(String what) {
            need(1, what);
            return data[pos++] & 0xFF;
        }

        int u16(String what) {
            need(2, what);
            int v = ByteBuffer.wrap(data, pos, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
            pos += 2;
            return v;
        }

        long u32(String what) {
            need(4, what);
            long v = ByteBuffer.wrap(data, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
            pos += 4;
            return v;
        }

        byte[] bytes(int n) {
            need(n, "data");
            byte[] out = Arrays.copyOfRange(data, pos, pos + n);
            pos += n;
            return out;
        }
    }
}
