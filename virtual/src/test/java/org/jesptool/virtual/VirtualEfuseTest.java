package org.jesptool.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The virtual eFuse controller at register level (ESP32-C3 layout, and the ESP32's own). */
class VirtualEfuseTest {
    static final int BASE = 0x60008800;
    static final int CONF = BASE + 0x1CC;
    static final int CMD = BASE + 0x1D4;
    static final int KEY0 = BASE + 0x9C;
    static final int RD_WR_DIS = BASE + 0x2C;
    static final int RD_DIS = BASE + 0x30;
    static final int RS_ERR0 = BASE + 0x1C0;

    @TempDir
    Path dir;

    static VirtualEfuse c3(Path file) {
        return new VirtualEfuse(new Esp32C3().efuseLayout(), Map.of(), file);
    }

    /** Programs block {@code id} with the 8 data words and 3 check words, then READs, as a host does. */
    static void program(VirtualEfuse e, int id, int[] data, int[] check) {
        for (int k = 0; k < 8; k++) {
            e.write(BASE + 4 * k, data[k], -1);
        }
        for (int k = 0; k < check.length; k++) {
            e.write(BASE + 0x20 + 4 * k, check[k], -1);
        }
        e.write(CONF, 0x5A5A, -1);
        e.write(CMD, 2 | id << 2, -1);
        assertThat(e.read(CMD)).as("CMD clears at once").isZero();
        e.write(CONF, 0x5AA5, -1);
        e.write(CMD, 1, -1);
    }

    static int[] key() {
        int[] w = new int[8];
        for (int k = 0; k < 8; k++) {
            w[k] = 0x04030201 + 0x04040404 * k;
        }
        return w;
    }

    /** The Reed-Solomon check words of data 01..20 (facts sheet vector). */
    static final int[] CHECK = {0xBA1742F1, 0x8FA489CE, 0xCAD585C8};

    @Test
    void programmingNeedsTheMagicValueAndOnlySetsBits() {
        VirtualEfuse e = c3(null);
        for (int k = 0; k < 8; k++) {
            e.write(BASE + 4 * k, key()[k], -1);
        }
        e.write(CONF, 0x1234, -1);
        e.write(CMD, 2 | 4 << 2, -1);
        e.write(CONF, 0x5AA5, -1);
        e.write(CMD, 1, -1);
        assertThat(e.read(KEY0)).as("no PGM without CONF 0x5A5A").isZero();
        program(e, 4, key(), CHECK);
        assertThat(e.read(KEY0)).isEqualTo(0x04030201);
        assertThat(e.read(RS_ERR0)).as("matching check words: no error").isZero();
        program(e, 4, new int[8], new int[3]);
        assertThat(e.read(KEY0)).as("bits never go back to 0").isEqualTo(0x04030201);
        e.write(KEY0, 0, -1);
        assertThat(e.read(KEY0)).as("read registers are read-only").isEqualTo(0x04030201);
    }

    @Test
    void wrongReedSolomonCheckSetsTheBlockError() {
        VirtualEfuse e = c3(null);
        program(e, 4, key(), new int[] {1, 2, 3});
        // BLOCK_KEY0 is block 4: RS_ERR0 bits [14:12] count, bit 15 fail.
        assertThat(e.read(RS_ERR0) >>> 12 & 0xF).isEqualTo(0xF);
    }

    @Test
    void writeAndReadProtection() {
        VirtualEfuse e = c3(null);
        program(e, 0, new int[] {1 << 23, 1, 0, 0, 0, 0, 0, 0}, new int[0]); // WR_DIS bit 23 (KEY0), RD_DIS bit 0
        program(e, 4, key(), CHECK);
        assertThat(e.read(KEY0)).as("write-protected block keeps its bits").isZero();
        VirtualEfuse f = c3(null);
        program(f, 4, key(), CHECK);
        program(f, 0, new int[] {0, 1, 0, 0, 0, 0, 0, 0}, new int[0]);
        assertThat(f.read(KEY0)).as("read-protected block reads as zeros").isZero();
        assertThat(f.fuse(KEY0)).as("the fuses keep the key").isEqualTo(0x04030201);
        assertThat(f.read(RD_DIS)).isEqualTo(1);
        // RD_DIS is itself protected by WR_DIS bit 0.
        program(f, 0, new int[] {1, 0, 0, 0, 0, 0, 0, 0}, new int[0]);
        program(f, 0, new int[] {0, 2, 0, 0, 0, 0, 0, 0}, new int[0]);
        assertThat(f.read(RD_DIS)).isEqualTo(1);
    }

    @Test
    void stateIsKeptInTheFile() throws Exception {
        Path file = dir.resolve("e.bin");
        VirtualEfuse e = c3(file);
        program(e, 4, key(), CHECK);
        program(e, 0, new int[] {0, 1, 0, 0, 0, 0, 0, 0}, new int[0]);
        assertThat(Files.size(file)).isEqualTo(512);
        VirtualEfuse again = c3(file);
        assertThat(again.read(KEY0)).isZero();
        assertThat(again.fuse(KEY0)).isEqualTo(0x04030201);
        assertThat(again.read(RD_WR_DIS + 4)).isEqualTo(1);
    }

    @Test
    void esp32ProgramsAllWriteDataSetsAndClearsThemOnRead() {
        VirtualEfuse e = new VirtualEfuse(new Esp32().efuseLayout(), Map.of(), null);
        int base = Esp32.EFUSE;
        e.write(base + 0xD8, 0xCAFE, -1); // BLOCK3 WDATA0
        e.write(base + 0xFC, 0x5A5A, -1);
        e.write(base + 0x104, 2, -1);
        e.write(base + 0xFC, 0x5AA5, -1);
        e.write(base + 0x104, 1, -1);
        assertThat(e.read(base + 0x78)).isEqualTo(0xCAFE);
        assertThat(e.read(base + 0xD8)).as("WDATA cleared by READ").isZero();
    }
}
