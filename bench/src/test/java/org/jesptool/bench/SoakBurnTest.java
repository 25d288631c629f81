package org.jesptool.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jesptool.efuse.BurnStopped;
import org.jesptool.efuse.EfuseChip;
import org.jesptool.efuse.EfuseChips;
import org.jesptool.efuse.EfuseController;
import org.jesptool.efuse.Efuses;
import org.jesptool.efuse.LoaderEfuseController;
import org.jesptool.efuse.VirtualEfuseController;
import org.jesptool.loader.ConnectOptions;
import org.jesptool.loader.Device;
import org.jesptool.transport.Transport;
import org.jesptool.transport.Transports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The soak's eFuse judge reads the board's eFuse file: a burn it did not ask for, half a burn, or a state other
 * than the error reports, is caught.
 */
class SoakBurnTest {
    @TempDir
    Path dir;

    private Path burnOnBoard(String chip, Path image, Path efuse, SoakBurn.Job job, byte[] data) throws Exception {
        String port = "virtual://" + chip + "?flash=1MB&image=" + image + "&efuse=" + efuse;
        try (Transport t = Transports.open(port, 115200)) {
            SoakBurn.burn(Device.open(t, ConnectOptions.of(port)).loader(), chip, job, data);
        }
        return efuse;
    }

    @Test
    void theJudgeSeesWhatTheBoardsEfuseFileHolds() throws Exception {
        Path image = dir.resolve("board.bin");
        Files.write(image, new byte[1 << 20]);
        Path efuse = dir.resolve("board.efuse");
        Path before = SoakBurn.prepare("esp32c3", image, efuse);
        byte[] data = new byte[32];
        Arrays.fill(data, (byte) 0x5A);
        Path target = SoakBurn.expected("esp32c3", image, before, SoakBurn.Job.BLOCK_DATA, data);
        burnOnBoard("esp32c3", image, efuse, SoakBurn.Job.BLOCK_DATA, data);
        assertThat(SoakBurn.check("esp32c3", before, efuse, target, null)).isNull();
        // another board, burned with other data: bits the job never sets
        byte[] other = data.clone();
        other[0] = 0x11;
        Path wrong = SoakBurn.prepare("esp32c3", image, dir.resolve("other.efuse"));
        burnOnBoard("esp32c3", image, dir.resolve("other.efuse"), SoakBurn.Job.BLOCK_DATA, other);
        assertThat(SoakBurn.check("esp32c3", before, dir.resolve("other.efuse"), target, null))
                .contains("holds bits the burn never sets");
        assertThat(SoakBurn.check("esp32c3", before, dir.resolve("other.efuse"), target, new IOException("lost")))
                .contains("holds bits the burn never sets");
        assertThat(wrong).exists();
        // nothing burned at all: a failure may leave that, a success may not
        assertThat(SoakBurn.check("esp32c3", before, before, target, new IOException("lost"))).isNull();
        assertThat(SoakBurn.check("esp32c3", before, before, target, null)).startsWith("success reported, but BLOCK");
        // BLOCK3 burned, and an error that names no state (or says it is not burned) is untrue
        assertThat(SoakBurn.check("esp32c3", before, efuse, target, new IOException("lost")))
                .contains("the error names no eFuse state, yet BLOCK_USR_DATA changed");
        BurnStopped.Step step = new BurnStopped.Step(3, "BLOCK_USR_DATA", data, List.of("BLOCK_USR_DATA"),
                BurnStopped.State.NOT_BURNED);
        assertThat(SoakBurn.check("esp32c3", before, efuse, target, new BurnStopped(new IOException("lost"),
                List.of(step)))).contains("is untrue for BLOCK_USR_DATA");
    }

    /**
     * A key burn runs in steps (key block, BLOCK0's purpose, BLOCK0's protection last); the link is lost at each
     * burn command in turn, before and after it reaches the chip. Every state left is what the error's eFuse state
     * says, and the same state with a step's report turned round is judged untrue.
     */
    @ParameterizedTest
    @ValueSource(strings = {"esp32", "esp32c3", "esp32s3"})
    void aKeyBurnStoppedAtAnyStepIsJudgedByTheStateItsErrorReports(String chip) throws Exception {
        Path image = dir.resolve("board.bin");
        Files.write(image, new byte[1 << 20]);
        Path efuse = dir.resolve("board.efuse");
        Path before = SoakBurn.prepare(chip, image, efuse);
        byte[] key = new byte[32];
        new java.util.Random(17).nextBytes(key);
        Path target = SoakBurn.expected(chip, image, before, SoakBurn.Job.KEY, key);
        EfuseChip ec = EfuseChips.byName(chip);
        Efuses was = Efuses.read(ec, VirtualEfuseController.open(ec, before), null);
        Efuses want = Efuses.read(ec, VirtualEfuseController.open(ec, target), null);
        int keyBlock = chip.equals("esp32") ? 1 : 4;
        byte[] stored = want.blockBytes(keyBlock);
        assertThat(stored).as("the key block, read protection ignored").isIn(key, reversed(key));
        assertThat(want.blockBytes(0)).as("BLOCK0 gets the purpose and protection bits")
                .isNotEqualTo(was.blockBytes(0));
        burnOnBoard(chip, image, efuse, SoakBurn.Job.KEY, key);
        assertThat(SoakBurn.check(chip, before, efuse, target, null)).isNull();

        int between = 0; // stops that left a state neither as before nor as the full burn
        for (int n = 1; n <= 4; n++) {
            for (boolean reaches : new boolean[] {false, true}) {
                Path board = dir.resolve("stop" + n + reaches + ".efuse");
                Files.copy(before, board);
                IOException error = null;
                String port = "virtual://" + chip + "?flash=1MB&image=" + image + "&efuse=" + board;
                try (Transport t = Transports.open(port, 115200)) {
                    EfuseController fuses = new LoaderEfuseController(Device.open(t, ConnectOptions.of(port))
                            .loader(), ec);
                    SoakBurn.burn(losingTheLinkAtBurn(fuses, n, reaches), chip, SoakBurn.Job.KEY, key);
                } catch (IOException e) {
                    error = e;
                }
                String at = "link lost at burn command " + n + (reaches ? " after it reached the chip" : "");
                assertThat(SoakBurn.check(chip, before, board, target, error)).as(at).isNull();
                if (!(error instanceof BurnStopped stopped)) {
                    continue;
                }
                Efuses left = Efuses.read(ec, VirtualEfuseController.open(ec, board), null);
                boolean partial = !Arrays.equals(left.blockBytes(0), was.blockBytes(0))
                        && !Arrays.equals(left.blockBytes(0), want.blockBytes(0));
                if (partial) {
                    between++;
                    assertThat(SoakBurn.check(chip, before, board, target, new IOException("lost"))).as(at)
                            .contains("the error names no eFuse state, yet BLOCK0 changed");
                }
                List<BurnStopped.Step> steps = stopped.steps();
                for (int i = 0; i < steps.size(); i++) {
                    BurnStopped.Step st = steps.get(i);
                    if (st.state() == BurnStopped.State.MAYBE_BURNED) {
                        continue;
                    }
                    List<BurnStopped.Step> turned = new java.util.ArrayList<>(steps);
                    turned.set(i, new BurnStopped.Step(st.block(), st.name(), st.bits(), st.fields(),
                            st.state() == BurnStopped.State.BURNED ? BurnStopped.State.NOT_BURNED
                                    : BurnStopped.State.BURNED));
                    assertThat(SoakBurn.check(chip, before, board, target, new BurnStopped(new IOException("lost"),
                            turned))).as(at + ", step " + st + " turned round").contains("is untrue for " + st.name());
                }
            }
        }
        assertThat(between).as("stops between BLOCK0's two steps").isEqualTo(chip.equals("esp32") ? 0 : 2);

        // a key block with one bit missing is wrong whatever the error says
        Path half = dir.resolve("half.efuse");
        Files.copy(target, half);
        stored = stored.clone();
        int i = 0;
        while (stored[i] == 0) {
            i++;
        }
        stored[i] &= (byte) (stored[i] - 1); // its lowest bit set is missing
        VirtualEfuseController ctl = VirtualEfuseController.open(ec, half);
        writeBlock(ec, ctl, half, keyBlock, stored);
        assertThat(SoakBurn.check(chip, before, half, target, new IOException("lost"))).isNotNull();
    }

    /** Throws where the {@code n}th burn command goes out (the write after a write of the program opcode). */
    private static EfuseController losingTheLinkAtBurn(EfuseController inner, int n, boolean reaches) {
        int[] seen = {0};
        boolean[] armed = {false};
        return (EfuseController) java.lang.reflect.Proxy.newProxyInstance(EfuseController.class.getClassLoader(),
                new Class<?>[] {EfuseController.class}, (proxy, method, args) -> {
                    boolean write = method.getName().equals("write");
                    boolean burn = write && armed[0] && ++seen[0] == n;
                    armed[0] = write && (int) args[1] == 0x5A5A;
                    if (burn && !reaches) {
                        throw new IOException("Timed out waiting for the reply to WRITE_REG after 0.4 s");
                    }
                    Object result;
                    try {
                        result = method.invoke(inner, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (burn) {
                        throw new IOException("Timed out waiting for the reply to WRITE_REG after 0.4 s");
                    }
                    return result;
                });
    }

    private static byte[] reversed(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    /** Puts {@code bytes} into the block's read registers of the file (the judge reads those, unhidden). */
    private static void writeBlock(EfuseChip ec, VirtualEfuseController ctl, Path file, int block, byte[] bytes)
            throws Exception {
        int offset = ec.blocks().get(block).rdOffset();
        for (int w = 0; w < bytes.length / 4; w++) {
            int v = (bytes[4 * w] & 0xFF) | (bytes[4 * w + 1] & 0xFF) << 8 | (bytes[4 * w + 2] & 0xFF) << 16
                    | (bytes[4 * w + 3] & 0xFF) << 24;
            ctl.updateField(offset + 4 * w, -1, v);
        }
        ctl.save();
    }
}
