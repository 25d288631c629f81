package org.jesptool.image.uf2;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.jesptool.image.ImageException;

/**
 * Builds UF2 files as the reference's merge-bin does: 512-byte blocks with the family id flag, optional MD5
 * checksum part after the payload, block numbers restarting for each added file.
 */
public final class Uf2Writer {
    public static final int FIRST_MAGIC = 0x0A324655;
    public static final int SECOND_MAGIC = 0x9E5D5157;
    public static final int FINAL_MAGIC = 0x0AB16F30;
    public static final int FLAG_FAMILY_ID = 0x00002000;
    public static final int FLAG_MD5 = 0x00004000;
    private static final int DATA_SIZE = 476;
    private static final int MD5_PART = 24;

    private final long familyId;
    private final boolean md5;
    private final int chunkSize;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /**
     * @param chunkSize payload bytes per block, or 0 for the default (452 with MD5, 476 without)
     */
    public Uf2Writer(long familyId, int chunkSize, boolean md5) {
        this.familyId = familyId;
        this.md5 = md5;
        int max = DATA_SIZE - (md5 ? MD5_PART : 0);
        this.chunkSize = chunkSize == 0 ? max : chunkSize;
        if (this.chunkSize <= 0 || (this.chunkSize & 3) != 0) {
            throw new ImageException("Chunk size should be a 4-byte aligned number.");
        }
        if (this.chunkSize > max) {
            throw new ImageException("Chunk size " + this.chunkSize + " is too large: at most " + max
                    + " bytes fit in a UF2 block" + (md5 ? " with MD5 (use --md5-disable for up to 476)" : ""));
        }
    }

    /** Adds one file at flash address {@code address}. */
    public void addFile(long address, byte[] image) {
        int blocks = (image.length + chunkSize - 1) / chunkSize;
        long addr = address;
        for (int i = 0; i < blocks; i++) {
            int off = i * chunkSize;
            int len = Math.min(chunkSize, image.length - off);
            ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(FIRST_MAGIC).putInt(SECOND_MAGIC).putInt(FLAG_FAMILY_ID | (md5 ? FLAG_MD5 : 0))
                    .putInt((int) addr).putInt(len).putInt(i).putInt(blocks).putInt((int) familyId);
            b.put(image, off, len);
            if (md5) {
                b.putInt((int) addr).putInt(len).put(md5(image, off, len));
            }
            b.putInt(508, FINAL_MAGIC);
            out.writeBytes(b.array());
            addr += len;
        }
    }

    /** The UF2 file so far. */
    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private static byte[] md5(byte[] data, int off, int len) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(data, off, len);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
