package org.jesptool.efuse;

import java.io.IOException;

/**
 * Programs one block through the controller registers, the way the reference does: timing set-up, program
 * registers (data, plus Reed-Solomon check words on S2+ blocks 1..n, or the 3/4 code on ESP32), CONF/CMD with
 * the magic values, then READ cycles and the error registers.
 */
final class Programmer {
    private static final int WRITE_OPCODE = 0x5A5A;
    private static final int READ_OPCODE = 0x5AA5;
    private final EfuseChip chip;
    private final EfuseController ctl;
    private int burnCommands;

    Programmer(EfuseChip chip, EfuseController ctl) {
        this.chip = chip;
        this.ctl = ctl;
    }

    /** How many burn commands were sent, or may have been (counted before the command goes out). */
    int burnCommands() {
        return burnCommands;
    }

    /** Checks the crystal and writes the timing registers. */
    void setTiming() throws IOException {
        int xtal = ctl.crystalMhz();
        boolean ok = false;
        for (int x : chip.xtalAccepted) {
            ok |= x == xtal;
        }
        if (!ok) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < chip.xtalAccepted.length; i++) {
                s.append(i == 0 ? "" : " and ").append(chip.xtalAccepted[i]).append('M');
            }
            throw new EfuseException("The eFuse supports only xtal=" + s + " (xtal was " + xtal + ")");
        }
        for (int[] t : chip.timing) {
            int value = t[2];
            if (chip.esp32Controller && xtal == 26) {
                value = t[0] == 0x118 ? 52 : t[1] == 0xFF ? 250 : 255;
            } else if (!chip.esp32Controller && xtal == 26 && t[1] == 0xFF00 && t[2] == 200) {
                value = 130;
            }
            ctl.updateField(t[0], t[1], value);
        }
    }

    /** Programs {@code image} (the staged bits of the block, in block byte order) and runs the read cycles. */
    void program(BlockDef b, byte[] image, boolean threeQuarter) throws IOException {
        setTiming();
        if (chip.esp32Controller) {
            byte[] payload = threeQuarter && b.id() > 0 ? Coding34.encode(java.util.Arrays.copyOf(image, 24)) : image;
            int[] w = Bytes.toWords(payload);
            int n = b.id() == 0 ? 7 : 8;
            int[] staged = new int[n];
            for (int k = 0; k < n; k++) {
                staged[k] = k < w.length ? w[k] : 0;
                ctl.write(b.wrOffset() + 4 * k, staged[k]);
            }
            checkStaged(b, b.wrOffset(), staged);
            ctl.write(chip.conf, WRITE_OPCODE);
            burnCommands++;
            ctl.write(chip.cmd, 2);
            waitIdle();
            read();
            for (int i = 0; i < 5; i++) {
                read();
            }
            return;
        }
        waitIdle();
        clearProgramRegisters();
        waitIdle();
        int[] w = Bytes.toWords(java.util.Arrays.copyOf(image, 32));
        for (int k = 0; k < 8; k++) {
            ctl.write(chip.pgmData + 4 * k, w[k]);
        }
        int[] check = null;
        if (b.id() > 0) {
            check = Bytes.toWords(ReedSolomon.checkBytes(java.util.Arrays.copyOf(image, 32)));
            for (int k = 0; k < 3; k++) {
                ctl.write(chip.pgmCheck + 4 * k, check[k]);
            }
        }
        checkStaged(b, chip.pgmData, w);
        if (check != null) {
            checkStaged(b, chip.pgmCheck, check);
        }
        waitIdle();
        ctl.write(chip.conf, WRITE_OPCODE);
        burnCommands++;
        ctl.write(chip.cmd, 2 | b.id() << 2);
        waitIdle();
        clearProgramRegisters();
        for (int i = 0; i < 6; i++) {
            read();
        }
    }

    /**
     * Reads the program registers back before the burn is started: a register write has no checksum, so a byte
     * damaged on the line would otherwise burn other bits than planned, for ever. On a mismatch the registers
     * are cleared and nothing is burned.
     */
    private void checkStaged(BlockDef b, int offset, int[] words) throws IOException {
        for (int k = 0; k < words.length; k++) {
            int got = ctl.read(offset + 4 * k);
            if (got != words[k]) {
                for (int j = 0; j < words.length; j++) {
                    ctl.write(offset + 4 * j, 0);
                }
                throw new IOException(String.format("The eFuse program register 0x%03x reads back 0x%08x instead of "
                        + "0x%08x (damaged on the serial line?). Nothing was burned in %s; check the connection and "
                        + "run the command again.", offset + 4 * k, got, words[k], b.name()));
            }
        }
    }

    private void clearProgramRegisters() throws IOException {
        for (int k = 0; k < 8; k++) {
            ctl.write(chip.pgmData + 4 * k, 0);
        }
    }

    private void read() throws IOException {
        waitIdle();
        ctl.write(chip.conf, READ_OPCODE);
        ctl.write(chip.cmd, 1);
        waitIdle();
    }

    private void waitIdle() throws IOException {
        long deadline = System.nanoTime() + 250_000_000L;
        while (true) {
            int c = ctl.read(chip.cmd);
            if (chip.esp32Controller ? c == 0 : (c & 3) == 0 && (ctl.read(chip.cmd) & 3) == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new EfuseException("Timed out waiting for eFuse controller command to complete");
            }
        }
    }
}
