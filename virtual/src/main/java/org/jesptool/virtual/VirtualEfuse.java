package org.jesptool.virtual;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The virtual chip's eFuse controller at register level: the fuses themselves (bits only go from 0 to 1), the
 * read registers that a READ command refreshes from them (read-protected blocks read as zeros), the program
 * registers, CONF/CMD with the magic values (write 0x5A5A + PGM, read 0x5AA5 + READ; CMD clears at once), the
 * timing registers (just stored), write protection (WR_DIS bits keep blocks and guarded BLOCK0 fields as they
 * are), and a Reed-Solomon check of every programmed block that sets the block's error bits when the check
 * words do not match. Optionally kept in a file (the register window, fuses unhidden, stored reversed as
 * espefuse's --path-efuse-file does), which survives the board like a flash image.
 */
final class VirtualEfuse {
    final EfuseLayout layout;
    private final int[] fuses;
    private final int[] regs;
    private final Path file;

    VirtualEfuse(EfuseLayout layout, Map<Integer, Integer> initial, Path file) {
        this.layout = layout;
        this.file = file;
        this.fuses = new int[layout.memSize() / 4];
        this.regs = new int[layout.memSize() / 4];
        boolean loaded = false;
        if (file != null && Files.isRegularFile(file)) {
            try {
                byte[] b = Files.readAllBytes(file);
                if (b.length != layout.memSize()) {
                    throw new IllegalArgumentException("efuse file " + file + " holds " + b.length + " bytes; the "
                            + "chip's eFuse window is " + layout.memSize() + " bytes: give another file");
                }
                for (int k = 0; k < fuses.length; k++) {
                    int w = 0;
                    for (int j = 0; j < 4; j++) {
                        w |= (b[layout.memSize() - 1 - (4 * k + j)] & 0xFF) << (8 * j);
                    }
                    if (isFuseWord(4 * k)) {
                        fuses[k] = w;
                    }
                }
                loaded = true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!loaded) {
            for (Map.Entry<Integer, Integer> e : initial.entrySet()) {
                int off = e.getKey() - layout.base();
                if (layout.contains(e.getKey()) && isFuseWord(off)) {
                    fuses[off / 4] |= e.getValue();
                }
            }
            save();
        }
        refresh();
    }

    private boolean isFuseWord(int off) {
        for (int[] b : layout.blocks()) {
            if (off >= b[0] && off < b[0] + 4 * b[1]) {
                return true;
            }
        }
        return false;
    }

    /** A raw fuse word (what the bits are, read protection ignored): the chip's own hardware sees these. */
    int fuse(int absolute) {
        return fuses[(absolute - layout.base()) / 4];
    }

    synchronized int read(int absolute) {
        return regs[(absolute - layout.base()) / 4];
    }

    synchronized void write(int absolute, int value, int mask) {
        int off = absolute - layout.base();
        int k = off / 4;
        if (isFuseWord(off)) {
            return; // read registers are read-only
        }
        regs[k] = (regs[k] & ~mask) | (value & mask);
        if (off == layout.cmd()) {
            command(regs[k]);
            regs[k] = 0;
        }
    }

    private int wrDis() {
        return layout.esp32() ? fuses[0] & 0xFFFF : fuses[layout.blocks().get(0)[0] / 4];
    }

    private int rdDis() {
        return layout.esp32() ? fuses[0] >>> 16 & 0xF : fuses[layout.blocks().get(0)[0] / 4 + 1];
    }

    private void command(int cmd) {
        int conf = regs[layout.conf() / 4];
        if (layout.esp32()) {
            if (cmd == 2 && conf == EfuseLayout.WRITE_OPCODE) {
                for (int id = 0; id < layout.blocks().size(); id++) {
                    int[] b = layout.blocks().get(id);
                    int[] data = new int[b[1]];
                    for (int w = 0; w < b[1]; w++) {
                        data[w] = regs[b[5] / 4 + w];
                    }
                    if (id > 0 && (fuses[6] & 3) == 1) {
                        data = decode34(data);
                    }
                    program(id, data);
                }
                save();
            } else if (cmd == 1 && conf == EfuseLayout.READ_OPCODE) {
                for (int[] b : layout.blocks()) {
                    for (int w = 0; w < (b[5] == 0x1C ? 7 : 8); w++) {
                        regs[b[5] / 4 + w] = 0;
                    }
                }
                refresh();
            }
            return;
        }
        if ((cmd & 2) != 0 && conf == EfuseLayout.WRITE_OPCODE) {
            int id = cmd >>> 2 & 0xF;
            if (id < layout.blocks().size()) {
                int[] data = new int[8];
                for (int w = 0; w < 8; w++) {
                    data[w] = regs[(layout.pgmData() + 4 * w) / 4];
                }
                if (id > 0) {
                    checkReedSolomon(id, data);
                }
                program(id, data);
                save();
            }
        } else if ((cmd & 1) != 0 && conf == EfuseLayout.READ_OPCODE) {
            refresh();
        }
    }

    private void program(int id, int[] data) {
        int[] b = layout.blocks().get(id);
        int wr = wrDis();
        if (b[2] >= 0 && (wr >>> b[2] & 1) != 0) {
            return;
        }
        for (int w = 0; w < b[1] && w < data.length; w++) {
            int keep = 0;
            if (id == 0) {
                for (int[] g : layout.block0Guards()) {
                    if (g[1] == w && (wr >>> g[0] & 1) != 0) {
                        keep |= g[2];
                    }
                }
            }
            fuses[b[0] / 4 + w] |= data[w] & ~keep;
        }
    }

    /** READ: the read registers show the fuses, read-protected blocks (or halves) as zeros. */
    private void refresh() {
        int rd = rdDis();
        for (int[] b : layout.blocks()) {
            for (int w = 0; w < b[1]; w++) {
                boolean hidden = b[4] >= 0
                        ? (w < b[1] / 2 ? (rd >>> b[3] & 1) != 0 : (rd >>> b[4] & 1) != 0)
                        : b[3] >= 0 && (rd >>> b[3] & 1) != 0;
                regs[b[0] / 4 + w] = hidden ? 0 : fuses[b[0] / 4 + w];
            }
        }
        if (layout.esp32() && (rd & 8) != 0) {
            regs[3] &= ~(1 << 14);
            regs[5] &= 0x0FFFFFFF;
            regs[6] &= ~(3 | 1 << 10);
        }
    }

    /** Reed-Solomon RS(44,32) check words of block {@code id}: a mismatch marks the block failed. */
    private void checkReedSolomon(int id, int[] data) {
        if (layout.rsErr() < 0) {
            return;
        }
        byte[] msg = new byte[32];
        for (int i = 0; i < 32; i++) {
            msg[i] = (byte) (data[i / 4] >>> (8 * (i % 4)));
        }
        byte[] check = ReedSolomon44.check(msg);
        boolean ok = true;
        for (int j = 0; j < 12; j++) {
            int word = regs[(layout.pgmCheck() + 4 * (j / 4)) / 4];
            ok &= (byte) (word >>> (8 * (j % 4))) == check[j];
        }
        if (!ok) {
            int reg = id <= 8 ? layout.rsErr() : layout.rsErr() + 4;
            int shift = id <= 8 ? 4 * (id - 1) : 4 * (id - 9);
            regs[reg / 4] |= 0xF << shift; // error count 7, fail flag set
        }
    }

    private static int[] decode34(int[] words) {
        byte[] raw = new byte[32];
        for (int i = 0; i < 32; i++) {
            raw[i] = (byte) (words[i / 4] >>> (8 * (i % 4)));
        }
        int[] out = new int[8];
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < 6; i++) {
                int pos = c * 6 + i;
                out[pos / 4] |= (raw[c * 8 + i] & 0xFF) << (8 * (pos % 4));
            }
        }
        return out;
    }

    private void save() {
        if (file == null) {
            return;
        }
        byte[] out = new byte[layout.memSize()];
        for (int k = 0; k < regs.length; k++) {
            int w = isFuseWord(4 * k) ? fuses[k] : regs[k];
            for (int j = 0; j < 4; j++) {
                out[layout.memSize() - 1 - (4 * k + j)] = (byte) (w >>> (8 * j));
            }
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, ".efuse", ".tmp");
            try {
                Files.write(tmp, out);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the eFuse file " + file + ": " + e.getMessage(), e);
        }
    }
}
