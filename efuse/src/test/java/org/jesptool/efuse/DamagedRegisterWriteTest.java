package org.jesptool.efuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A register write damaged on the line (WRITE_REG has no checksum) must not burn other bits than planned: the
 * program registers are read back before the burn starts, and on a mismatch nothing is burned. The fault soak
 * found blocks burned with wrong bits this way.
 */
class DamagedRegisterWriteTest {

    @ParameterizedTest
    @ValueSource(strings = {"esp32", "esp32c3", "esp32s3"})
    void aDamagedProgramRegisterWriteBurnsNothing(String chip) throws IOException {
        EfuseChip c = EfuseChips.byName(chip);
        VirtualEfuseController inner = VirtualEfuseController.open(c, null);
        int[] damaged = {0};
        int second = (c.esp32Controller ? c.blocks.get(3).wrOffset() : c.pgmData) + 4;
        EfuseController ctl = new RecordingController(inner) {
            @Override
            public void write(int offset, int value) throws IOException {
                // the second data word of BLOCK3 (not the clearing zeros) arrives with one bit flipped
                super.write(offset, offset == second && value != 0 && damaged[0]++ == 0 ? value ^ 0x10 : value);
            }
        };
        Efuses ef = Efuses.read(c, ctl, null);
        byte[][] before = blocks(ef);
        byte[] data = new byte[32];
        Arrays.fill(data, (byte) 0x21);
        BurnPlan plan = new BurnPlan(ef, line -> { });
        new EfuseOperations(plan, line -> { }).burnBlockData(List.of("BLOCK3"), List.of(data), 0);
        assertThatThrownBy(() -> plan.burnAll(". ", a -> true)).isInstanceOf(IOException.class)
                .hasMessageContaining("reads back").hasMessageContaining("Nothing was burned");
        assertThat(damaged[0]).isPositive();
        ef.refresh();
        assertThat(blocks(ef)).isDeepEqualTo(before);
    }

    private static byte[][] blocks(Efuses ef) {
        byte[][] b = new byte[ef.chip.blocks.size()][];
        for (int i = 0; i < b.length; i++) {
            b[i] = ef.blockBytes(i);
        }
        return b;
    }
}
