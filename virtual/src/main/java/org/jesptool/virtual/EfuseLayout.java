package org.jesptool.virtual;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a chip's eFuse controller keeps things (offsets from {@link #base}): the read registers of each block,
 * the program registers, CONF/CMD, the error registers, and which WR_DIS/RD_DIS bits protect what. A compact
 * register model of the virtual device's own, independent of the host's field tables.
 *
 * @param blocks       per block {read offset, words, WR_DIS bit (-1: none), RD_DIS bit (-1: none), second RD_DIS
 *                     bit hiding the upper half (-1: none), ESP32 write-data offset}
 * @param block0Guards per guarded BLOCK0 field {WR_DIS bit, word, mask}
 */
record EfuseLayout(int base, int memSize, boolean esp32, List<int[]> blocks, int pgmData, int pgmCheck, int conf,
                   int cmd, int rsErr, int decStatus, List<int[]> block0Guards) {
    static final int WRITE_OPCODE = 0x5A5A;
    static final int READ_OPCODE = 0x5AA5;

    /** The S2-and-later layout (BLOCK0, BLOCK1 of 6 words, BLOCK2..BLOCK10 of 8 words). */
    static EfuseLayout modern(int base, int cmd, int rsErr) {
        List<int[]> b = new ArrayList<>();
        b.add(new int[] {0x2C, 6, -1, -1, -1, 0});
        b.add(new int[] {0x44, 6, 20, -1, -1, 0});
        b.add(new int[] {0x5C, 8, 21, -1, -1, 0});
        b.add(new int[] {0x7C, 8, 22, -1, -1, 0});
        for (int k = 0; k < 6; k++) {
            b.add(new int[] {0x9C + 0x20 * k, 8, 23 + k, k, -1, 0});
        }
        b.add(new int[] {0x15C, 8, 29, 6, -1, 0});
        List<int[]> guards = new ArrayList<>();
        guards.add(new int[] {0, 1, 0x7F}); // RD_DIS (BLOCK0 word 1) is protected by WR_DIS bit 0
        return new EfuseLayout(base, 0x200, false, b, 0, 0x20, 0x1CC, cmd, rsErr, -1, guards);
    }

    /**
     * Adds the KEY_PURPOSE_0..5 guards (WR_DIS bits 8..13) for fields of {@code width} bits starting at
     * {@code bits} counted from BLOCK0 word 2 (RD_REPEAT_DATA1; 32 and up are in word 3).
     */
    EfuseLayout withKeyPurposeGuards(int[] bits, int width) {
        List<int[]> g = new ArrayList<>(block0Guards);
        for (int k = 0; k < bits.length; k++) {
            g.add(new int[] {8 + k, 2 + bits[k] / 32, ((1 << width) - 1) << (bits[k] % 32)});
        }
        return new EfuseLayout(base, memSize, esp32, blocks, pgmData, pgmCheck, conf, cmd, rsErr, decStatus, g);
    }

    static EfuseLayout c2(int base) {
        List<int[]> b = new ArrayList<>();
        b.add(new int[] {0x2C, 2, -1, -1, -1, 0});
        b.add(new int[] {0x34, 3, 5, -1, -1, 0});
        b.add(new int[] {0x40, 8, 6, -1, -1, 0});
        b.add(new int[] {0x60, 8, 7, 0, 1, 0});
        List<int[]> guards = new ArrayList<>();
        guards.add(new int[] {0, 1, 0x3});
        return new EfuseLayout(base, 0x200, false, b, 0, 0x20, 0x8C, 0x94, 0x84, -1, guards);
    }

    static EfuseLayout esp32(int base) {
        List<int[]> b = new ArrayList<>();
        b.add(new int[] {0x00, 7, -1, -1, -1, 0x1C});
        b.add(new int[] {0x38, 8, 7, 0, -1, 0x98});
        b.add(new int[] {0x58, 8, 8, 1, -1, 0xB8});
        b.add(new int[] {0x78, 8, 9, 2, -1, 0xD8});
        List<int[]> guards = new ArrayList<>();
        guards.add(new int[] {0, 0, 0x000F0000}); // RD_DIS
        guards.add(new int[] {1, 0, 0x0000FFFF}); // WR_DIS itself
        return new EfuseLayout(base, 0x120, true, b, 0, 0, 0xFC, 0x104, -1, 0x11C, guards);
    }

    /** True if {@code addr} (absolute) is inside the controller's window. */
    boolean contains(int addr) {
        return Integer.compareUnsigned(addr - base, memSize) < 0;
    }
}
