package org.jesptool.efuse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The emulated eFuse controller behind {@code --virt}: the whole register window in memory, all zero at start,
 * optionally loaded from and saved to a {@code --path-efuse-file} in the reference's format (the window as one
 * big-endian number: file byte i = window byte SIZE-1-i). It answers like the reference's emulator: CMD clears
 * at once; PGM ORs the program registers into the block (bits only go 0 to 1, write-protected blocks and BLOCK0
 * fields keep their bits); READ hides read-protected blocks (reads as zeros) and, on ESP32, clears the WDATA
 * registers; field updates store {@code value & mask} without shifting (a quirk the files show).
 */
public final class VirtualEfuseController implements EfuseController {
    private final EfuseChip chip;
    private final int[] mem;
    private final Path file;
    private final BlockZero protection;
    private int writes;

    /** Computes, for BLOCK0 word w, the bits that WR_DIS currently protects (from the chip's field table). */
    interface BlockZero {
        int protectedBits(int word, int wrDis);
    }

    VirtualEfuseController(EfuseChip chip, Path file, BlockZero protection) throws IOException {
        this.chip = chip;
        this.mem = new int[chip.memSize / 4];
        this.file = file;
        this.protection = protection;
        boolean fresh = true;
        if (file != null && Files.exists(file)) {
            byte[] b = Files.readAllBytes(file);
            fresh = b.length < chip.memSize;
            byte[] win = new byte[chip.memSize];
            if (b.length >= chip.memSize) {
                for (int i = 0; i < chip.memSize; i++) {
                    win[chip.memSize - 1 - i] = b[i];
                }
            }
            for (int k = 0; k < mem.length; k++) {
                mem[k] = (win[4 * k] & 0xFF) | (win[4 * k + 1] & 0xFF) << 8 | (win[4 * k + 2] & 0xFF) << 16
                        | (win[4 * k + 3] & 0xFF) << 24;
            }
        }
        if (fresh) {
            save();
        }
    }

    /** Opens the emulated controller of a chip, loading {@code file} if it exists (null: memory only). */
    public static VirtualEfuseController open(EfuseChip chip, Path file) throws IOException {
        java.util.List<FieldDef> fields = new java.util.ArrayList<>();
        for (FieldTables.Raw r : FieldTables.load(chip.table)) {
            fields.add(r.def());
        }
        BlockZero prot = (word, wrDis) -> {
            int bits = 0;
            for (FieldDef f : fields) {
                if (f.block != 0 || f.wrDis < 0 || (wrDis >>> f.wrDis & 1) == 0) {
                    continue;
                }
                for (int b = f.start(); b < f.start() + f.bitLen; b++) {
                    if (b / 32 == word) {
                        bits |= 1 << (b % 32);
                    }
                }
            }
            return bits;
        };
        return new VirtualEfuseController(chip, file, prot);
    }

    @Override
    public int read(int offset) {
        check(offset);
        return mem[offset / 4];
    }

    /** How many register writes (including field updates) this controller has taken. */
    public int writeCount() {
        return writes;
    }

    @Override
    public void write(int offset, int value) throws IOException {
        check(offset);
        writes++;
        mem[offset / 4] = value;
        if (offset == chip.cmd) {
            command(value);
        }
    }

    @Override
    public void updateField(int offset, int mask, int value) {
        check(offset);
        writes++;
        mem[offset / 4] = (mem[offset / 4] & ~mask) | (value & mask);
    }

    @Override
    public int readAbsolute(int address) {
        return 0;
    }

    @Override
    public int crystalMhz() {
        return chip.virtXtalMhz;
    }

    @Override
    public boolean virtual() {
        return true;
    }

    private void check(int offset) {
        if (offset < 0 || offset >= chip.memSize || (offset & 3) != 0) {
            throw new IllegalArgumentException("eFuse register offset 0x" + Integer.toHexString(offset)
                    + " is outside the " + chip.display + " window");
        }
    }

    private void command(int value) throws IOException {
        int conf = mem[chip.conf / 4];
        if (chip.esp32Controller) {
            if (value == 2 && conf == 0x5A5A) {
                for (BlockDef b : chip.blocks) {
                    program(b, b.wrOffset());
                }
            } else if (value == 1 && conf == 0x5AA5) {
                for (BlockDef b : chip.blocks) {
                    for (int k = 0; k < (b.id() == 0 ? 7 : 8); k++) {
                        mem[(b.wrOffset() / 4) + k] = 0;
                    }
                }
                hideReadProtected();
                mem[chip.cmd / 4] = 0;
                save();
            }
        } else {
            if ((value & 2) != 0 && conf == 0x5A5A) {
                int blk = value >>> 2 & 0xF;
                if (blk < chip.blocks.size()) {
                    program(chip.blocks.get(blk), chip.pgmData);
                }
            } else if ((value & 1) != 0 && conf == 0x5AA5) {
                hideReadProtected();
                mem[chip.cmd / 4] = 0;
                save();
            }
        }
        mem[chip.cmd / 4] = 0;
    }

    private int wrDis() {
        return chip.esp32Controller ? mem[0] & 0xFFFF : mem[chip.blocks.get(0).rdOffset() / 4];
    }

    private void program(BlockDef b, int dataOffset) {
        int wr = wrDis();
        if (b.wrDisBit() >= 0 && (wr >>> b.wrDisBit() & 1) != 0) {
            return;
        }
        int[] data = new int[b.words()];
        if (chip.esp32Controller && b.id() > 0 && codingScheme() == 1) {
            int[] raw = new int[8];
            for (int k = 0; k < 8; k++) {
                raw[k] = mem[dataOffset / 4 + k];
            }
            int[] dec = Coding34.decodeWords(raw);
            System.arraycopy(dec, 0, data, 0, 6);
        } else {
            for (int k = 0; k < b.words(); k++) {
                data[k] = mem[dataOffset / 4 + k];
            }
        }
        for (int k = 0; k < b.words(); k++) {
            int keep = b.id() == 0 ? protection.protectedBits(k, wr) : 0;
            mem[b.rdOffset() / 4 + k] |= data[k] & ~keep;
        }
    }

    private int codingScheme() {
        return mem[6] & 3;
    }

    private void hideReadProtected() {
        if (chip.esp32Controller) {
            int rd = mem[0] >>> 16 & 0xF;
            for (BlockDef b : chip.blocks) {
                for (int bit : b.rdDisBits()) {
                    if ((rd >>> bit & 1) != 0) {
                        for (int k = 0; k < b.words(); k++) {
                            mem[b.rdOffset() / 4 + k] = 0;
                        }
                    }
                }
            }
            if ((rd & 8) != 0) {
                // BLK3_PART_RESERVE (w3 bit14), FLASH_CRYPT_CONFIG (w5 [31:28]), CODING_SCHEME (w6 [1:0]) and
                // KEY_STATUS (w6 bit 10) read as zero.
                mem[3] &= ~(1 << 14);
                mem[5] &= 0x0FFFFFFF;
                mem[6] &= ~(3 | 1 << 10);
            }
            return;
        }
        BlockDef b0 = chip.blocks.get(0);
        int rd = mem[b0.rdOffset() / 4 + 1];
        for (BlockDef b : chip.blocks) {
            int[] bits = b.rdDisBits();
            for (int i = 0; i < bits.length; i++) {
                if ((rd >>> bits[i] & 1) == 0) {
                    continue;
                }
                // A block with two RD_DIS bits (C2 BLOCK_KEY0) hides one half per bit.
                int from = bits.length == 1 ? 0 : i * b.words() / bits.length;
                int to = bits.length == 1 ? b.words() : (i + 1) * b.words() / bits.length;
                for (int k = from; k < to; k++) {
                    mem[b.rdOffset() / 4 + k] = 0;
                }
            }
        }
    }

    /** The register window as the reference's file stores it. */
    public byte[] fileImage() {
        byte[] out = new byte[chip.memSize];
        for (int k = 0; k < mem.length; k++) {
            for (int j = 0; j < 4; j++) {
                out[chip.memSize - 1 - (4 * k + j)] = (byte) (mem[k] >>> (8 * j));
            }
        }
        return out;
    }

    /** Writes the window to the file (atomically), if there is one. */
    public void save() throws IOException {
        if (file == null) {
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".efuse", ".tmp");
        try {
            Files.write(tmp, fileImage());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
