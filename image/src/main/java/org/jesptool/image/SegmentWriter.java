package org.jesptool.image;

/**
 * Writes image headers and segments, inserting the ELF file's SHA-256 when its offset falls inside a segment,
 * and enforcing the reference's segment length rules.
 */
final class SegmentWriter {
    static final int SEG_HEADER_LEN = 8;

    private final int flashMode;
    private final int flashSizeFreq;
    private final long entry;
    private final byte[] elfSha256;
    private final long elfSha256Offset;

    SegmentWriter(int flashMode, int flashSizeFreq, long entry, byte[] elfSha256, long elfSha256Offset) {
        this.flashMode = flashMode;
        this.flashSizeFreq = flashSizeFreq;
        this.entry = entry;
        this.elfSha256 = elfSha256;
        this.elfSha256Offset = elfSha256Offset;
    }

    /** Writes the 8-byte common header. */
    void commonHeader(ByteSink f, int magic, int count) {
        f.u8(magic);
        f.u8(count);
        f.u8(flashMode);
        f.u8(flashSizeFreq);
        f.u32(entry);
    }

    /** Writes a segment (patching in the ELF SHA-256 if it falls there) and returns the updated checksum. */
    int save(ByteSink f, Segment segment, int checksum, String name) {
        byte[] data = maybePatchElfSha(f, segment.data());
        if ((data.length & 3) != 0) {
            throw new ImageException(String.format("Invalid %s segment length 0x%x. It has to be multiple of 4.",
                    name == null ? "" : name, data.length));
        }
        if (data.length >= 0x1000000) {
            throw new ImageException(String.format("Invalid %s segment length 0x%x. The 16 MB limit has been exceeded.",
                    name == null ? "" : name, data.length));
        }
        f.u32(segment.address());
        f.u32(data.length);
        f.write(data);
        return FirmwareImage.checksum(data, checksum);
    }

    private byte[] maybePatchElfSha(ByteSink f, byte[] data) {
        long filePos = f.position();
        if (elfSha256 == null || elfSha256Offset < filePos || elfSha256Offset >= filePos + data.length) {
            return data;
        }
        long patch = elfSha256Offset - filePos;
        if (patch < SEG_HEADER_LEN || patch + 32 > data.length) {
            throw new ImageException(String.format("Cannot place SHA256 digest on segment boundary"
                    + "(elf_sha256_offset=%d, file_pos=%d, segment_size=%d)", elfSha256Offset, filePos, data.length));
        }
        int at = (int) patch - SEG_HEADER_LEN;
        for (int i = 0; i < 32; i++) {
            if (data[at + i] != 0) {
                throw new ImageException(String.format("Contents of segment at SHA256 digest offset 0x%x are not all"
                        + " zero. Refusing to overwrite.", elfSha256Offset));
            }
        }
        byte[] out = data.clone();
        System.arraycopy(elfSha256, 0, out, at, 32);
        return out;
    }
}
