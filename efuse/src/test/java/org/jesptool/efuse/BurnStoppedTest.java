package org.jesptool.efuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A key burn runs in three steps (the key block, BLOCK0's key purpose, then BLOCK0's protection bits); a link
 * lost between them leaves some burned and others not, and the error says which. The fault soak found such
 * burns failing with nothing to tell the user what was already burned.
 */
class BurnStoppedTest {
    private static final int KEY_BLOCK = 4;

    /** Throws where the {@code n}th burn command goes out; {@code sent} says whether it reaches the chip first. */
    private static EfuseController losingTheLinkAtBurn(EfuseChip c, EfuseController inner, int n, boolean sent) {
        int[] seen = {0};
        return new RecordingController(inner) {
            @Override
            public void write(int offset, int value) throws IOException {
                if (offset == c.cmd && (value & 2) != 0 && ++seen[0] == n) {
                    if (sent) {
                        super.write(offset, value);
                    }
                    throw new IOException("Timed out waiting for the reply to WRITE_REG after 0.4 s");
                }
                super.write(offset, value);
            }
        };
    }

    private static Efuses burnKey(EfuseChip c, EfuseController ctl) throws IOException {
        Efuses ef = Efuses.read(c, ctl, null);
        BurnPlan plan = new BurnPlan(ef, line -> { });
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        new KeyOperations(plan, line -> { }).burnKeys(List.of(new KeyOperations.KeyGroup("BLOCK_KEY0", key,
                "XTS_AES_128_KEY")), false, false, false, false);
        plan.burnAll(". ", a -> true);
        return ef;
    }

    @Test
    void aLinkLostAtTheProtectionStepSaysTheKeyAndPurposeAreBurnedAndTheProtectionMayBe() throws IOException {
        EfuseChip c = EfuseChips.byName("esp32c3");
        VirtualEfuseController chip = VirtualEfuseController.open(c, null);
        BurnStopped e = catchThrowableOfType(() -> burnKey(c, losingTheLinkAtBurn(c, chip, 3, true)),
                BurnStopped.class);

        assertThat(e.steps()).extracting(BurnStopped.Step::toString).containsExactly(
                "BLOCK_KEY0: burned",
                "BLOCK0 (KEY_PURPOSE_0): burned",
                "BLOCK0 (WR_DIS, RD_DIS): may be burned (it stopped while burning them: each bit is either as before "
                        + "or burned)");
        assertThat(e.getMessage()).startsWith("Timed out waiting for the reply to WRITE_REG after 0.4 s\n")
                .contains("The burn stopped before it finished. eFuse state:\n  BLOCK_KEY0: burned\n")
                .endsWith("Run 'espefuse summary' to see which eFuses are burned now, then burn the ones still "
                        + "missing.");
        // the command reached the chip: everything is burned, as "may be" allows
        Efuses now = Efuses.read(c, chip, null);
        assertThat(now.blockBytes(0)[11] & 0xF).as("KEY_PURPOSE_0").isEqualTo(4);
        assertThat(readProtected(now)).isTrue();
    }

    @Test
    void aLinkLostBeforeTheProtectionStepsCommandLeavesItNotBurned() throws IOException {
        EfuseChip c = EfuseChips.byName("esp32c3");
        VirtualEfuseController chip = VirtualEfuseController.open(c, null);
        Efuses before = Efuses.read(c, chip, null);
        byte[] block0Before = before.blockBytes(0);
        BurnStopped e = catchThrowableOfType(() -> burnKey(c, losingTheLinkAtBurn(c, chip, 2, false)),
                BurnStopped.class);

        assertThat(e.steps()).extracting(BurnStopped.Step::state).containsExactly(BurnStopped.State.BURNED,
                BurnStopped.State.MAYBE_BURNED, BurnStopped.State.NOT_BURNED);
        Efuses now = Efuses.read(c, chip, null);
        assertThat(now.blockBytes(KEY_BLOCK)).isEqualTo(e.steps().get(0).bits());
        assertThat(now.blockBytes(0)).as("the purpose's command never reached the chip").isEqualTo(block0Before);
        assertThat(readProtected(now)).isFalse();
    }

    @Test
    void aLinkLostBeforeAnyBurnCommandThrowsTheCauseAlone() throws IOException {
        EfuseChip c = EfuseChips.byName("esp32c3");
        EfuseController ctl = new RecordingController(VirtualEfuseController.open(c, null)) {
            @Override
            public void write(int offset, int value) throws IOException {
                if (offset == c.pgmData && value != 0) {
                    throw new IOException("Timed out waiting for the reply to WRITE_REG after 0.4 s");
                }
                super.write(offset, value);
            }
        };
        Throwable e = catchThrowableOfType(() -> burnKey(c, ctl), IOException.class);
        assertThat(e).isNotInstanceOf(BurnStopped.class).hasMessage(
                "Timed out waiting for the reply to WRITE_REG after 0.4 s");
    }

    private static boolean readProtected(Efuses ef) {
        return (ef.blockBytes(0)[4] & 1) != 0; // RD_DIS bit 0: BLOCK_KEY0
    }
}
