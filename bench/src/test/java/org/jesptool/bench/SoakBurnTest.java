package org.jesptool.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jesptool.efuse.EfuseChip;
import org.jesptool.efuse.EfuseChips;
import org.jesptool.efuse.Efuses;
import org.jesptool.efuse.VirtualEfuseController;
import org.jesptool.loader.ConnectOptions;
import org.jesptool.loader.Device;
import org.jesptool.transport.Transport;
import org.jesptool.transport.Transports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The soak's eFuse judge reads the board's eFuse file: a burn it did not ask for, or half a burn, is caught. */
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
        assertThat(SoakBurn.check("esp32c3", before, efuse, target, true)).isNull();
        // another board, burned with other data
        byte[] other = data.clone();
        other[0] = 0x11;
        Path wrong = SoakBurn.prepare("esp32c3", image, dir.resolve("other.efuse"));
        burnOnBoard("esp32c3", image, dir.resolve("other.efuse"), SoakBurn.Job.BLOCK_DATA, other);
        assertThat(SoakBurn.check("esp32c3", before, dir.resolve("other.efuse"), target, true))
                .startsWith("success reported, but BLOCK");
        assertThat(SoakBurn.check("esp32c3", before, dir.resolve("other.efuse"), target, false))
                .contains("half burned");
        assertThat(wrong).exists();
        // nothing burned at all: a failure may leave that, a success may not
        assertThat(SoakBurn.check("esp32c3", before, before, target, false)).isNull();
        assertThat(SoakBurn.check("esp32c3", before, before, target, true)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"esp32", "esp32c3", "esp32s3"})
    void aKeyBurnTouchesTheKeyBlockAndBlockZeroAndAFailureMayLeaveEitherAsItWas(String chip) throws Exception {
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
        assertThat(SoakBurn.check(chip, before, efuse, target, true)).isNull();

        // the key block burned, BLOCK0 not (a failure between the two): a clean failure may leave that
        Path half = dir.resolve("half.efuse");
        Files.copy(before, half);
        VirtualEfuseController ctl = VirtualEfuseController.open(ec, half);
        writeBlock(ec, ctl, half, keyBlock, stored);
        assertThat(SoakBurn.check(chip, before, half, target, false)).isNull();
        assertThat(SoakBurn.check(chip, before, half, target, true)).startsWith("success reported, but BLOCK");
        // a key block with one bit missing is half burned
        stored = stored.clone();
        int i = 0;
        while (stored[i] == 0) {
            i++;
        }
        stored[i] &= (byte) (stored[i] - 1); // its lowest bit set is missing
        writeBlock(ec, ctl, half, keyBlock, stored);
        assertThat(SoakBurn.check(chip, before, half, target, false)).contains("half burned");
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
