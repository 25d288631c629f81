package org.jesptool.efuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every refusal leaves the controller untouched: not one register write (program data, CONF, CMD, timing)
 * happens, and the eFuse bits read back as before.
 */
class RefusalTest {
    interface Step {
        void run(EfuseOperations ops, KeyOperations keys, BurnPlan plan) throws IOException;
    }

    static final class Fixture {
        final RecordingController ctl;
        Efuses ef;
        final List<String> log = new ArrayList<>();

        Fixture(String chip) throws IOException {
            ctl = new RecordingController(VirtualEfuseController.open(EfuseChips.byName(chip), null));
            ef = Efuses.read(EfuseChips.byName(chip), ctl, null);
        }

        /** Stages and burns (confirmed) as a successful command would. */
        void burn(Step s) throws IOException {
            BurnPlan plan = new BurnPlan(ef, log::add);
            s.run(new EfuseOperations(plan, log::add), new KeyOperations(plan, log::add), plan);
            assertThat(plan.burnAll(". ", a -> true)).isTrue();
        }

        /** The step (staging plus burn) must throw with the message, and nothing may reach the controller. */
        void refuse(Step s, String message) throws IOException {
            byte[][] before = blocks();
            ctl.writes.clear();
            BurnPlan plan = new BurnPlan(ef, log::add);
            assertThatThrownBy(() -> {
                s.run(new EfuseOperations(plan, log::add), new KeyOperations(plan, log::add), plan);
                plan.burnAll(". ", a -> true);
            }).isInstanceOf(EfuseException.class).hasMessageContaining(message);
            assertThat(ctl.writes).as("register writes after a refusal").isEmpty();
            ef.refresh();
            assertThat(blocks()).isDeepEqualTo(before);
        }

        byte[][] blocks() {
            byte[][] b = new byte[ef.chip.blocks.size()][];
            for (int i = 0; i < b.length; i++) {
                b[i] = ef.blockBytes(i);
            }
            return b;
        }

        void set(EfuseOperations ops, String name, String value) {
            FieldDef f = ops.fieldForBurn(name);
            ops.burnEfuses(new java.util.LinkedHashMap<>(java.util.Map.of(f, ops.parseValue(f, value))));
        }
    }

    static byte[] key(int n) {
        byte[] k = new byte[n];
        for (int i = 0; i < n; i++) {
            k[i] = (byte) (i + 1);
        }
        return k;
    }

    @Test
    void writeProtectedFieldIsNotBurned() throws IOException {
        Fixture f = new Fixture("esp32c3");
        f.burn((ops, keys, plan) -> ops.writeProtect(List.of("FLASH_TPUW")));
        f.refuse((ops, keys, plan) -> f.set(ops, "FLASH_TPUW", "2"), "FLASH_TPUW is write-protected");
    }

    @Test
    void valueThatDoesNotFitIsRefused() throws IOException {
        Fixture f = new Fixture("esp32s3");
        f.burn((ops, keys, plan) -> f.set(ops, "DIS_USB_JTAG", "1"));
        f.refuse((ops, keys, plan) -> f.set(ops, "WDT_DELAY_SEL", "4"), "too large an unsigned integer");
        f.refuse((ops, keys, plan) -> f.set(ops, "WDT_DELAY_SEL", "0"), "should not be 0");
        f.refuse((ops, keys, plan) -> f.set(ops, "DIS_USB_JTAG", "2"), "will always burn 0->1");
        f.refuse((ops, keys, plan) -> f.set(ops, "OPTIONAL_UNIQUE_ID", "0x0102"), "The length of eFuse");
    }

    @Test
    void bitsThatWouldGoFromOneToZeroAreRefused() throws IOException {
        Fixture f = new Fixture("esp32c6");
        f.burn((ops, keys, plan) -> f.set(ops, "WDT_DELAY_SEL", "2"));
        f.refuse((ops, keys, plan) -> f.set(ops, "WDT_DELAY_SEL", "1"), "bits that cannot be cleared");
    }

    @Test
    void keysOfTheWrongLengthAreRefused() throws IOException {
        Fixture f = new Fixture("esp32c3");
        f.refuse((ops, keys, plan) -> keys.burnKeys(List.of(new KeyOperations.KeyGroup("BLOCK_KEY1", key(24),
                "HMAC_UP")), false, false, false, false), "Incorrect key file size 24");
        Fixture s2 = new Fixture("esp32s2");
        s2.refuse((ops, keys, plan) -> keys.burnKeys(List.of(new KeyOperations.KeyGroup("BLOCK_KEY0", key(32),
                "XTS_AES_256_KEY")), false, false, false, false), "should be 64 bytes");
        Fixture e32 = new Fixture("esp32");
        e32.refuse((ops, keys, plan) -> keys.burnKeysEsp32(List.of("flash_encryption"), List.of(key(24)), false,
                false), "Incorrect key file size 24");
        Fixture c2 = new Fixture("esp32c2");
        c2.refuse((ops, keys, plan) -> keys.burnKeys(List.of(new KeyOperations.KeyGroup("BLOCK_KEY0", key(24),
                "XTS_AES_128_KEY")), false, false, false, false), "Incorrect key file size 24");
    }

    @Test
    void conflictingPurposesAreRefused() throws IOException {
        Fixture f = new Fixture("esp32c3");
        f.burn((ops, keys, plan) -> keys.burnKeys(List.of(new KeyOperations.KeyGroup("BLOCK_KEY0", key(32),
                "XTS_AES_128_KEY")), false, false, false, false));
        // A second flash-encryption key in another block.
        f.refuse((ops, keys, plan) -> keys.burnKeys(List.of(new KeyOperations.KeyGroup("BLOCK_KEY1", key(32),
                "XTS_AES_128_KEY")), false, false, false, false), "already holds a key with purpose XTS_AES_128_KEY");
        // The hardware bug: KEY_PURPOSE_5 cannot be an XTS key on the C3.
        f.refuse((ops, keys, plan) -> keys.burnKeys(List.of(new KeyOperations.KeyGroup("BLOCK_KEY5", key(32),
                "HMAC_UP"), new KeyOperations.KeyGroup("BLOCK_KEY5", key(32), "HMAC_UP")), false, false, false, false),
                "repeated");
        Fixture g = new Fixture("esp32c6");
        g.refuse((ops, keys, plan) -> keys.burnKeys(List.of(new KeyOperations.KeyGroup("BLOCK_KEY5", key(32),
                "XTS_AES_128_KEY")), false, false, false, false), "KEY_PURPOSE_5 can not have XTS_AES_128_KEY");
        // A purpose that is already set (its field write-protected) cannot change.
        f.burn((ops, keys, plan) -> keys.burnKeys(List.of(new KeyOperations.KeyGroup("BLOCK_KEY2", key(32),
                "HMAC_UP")), true, true, false, false));
        f.refuse((ops, keys, plan) -> keys.burnKeys(List.of(new KeyOperations.KeyGroup("BLOCK_KEY2", key(32),
                "HMAC_DOWN_ALL")), true, true, false, false), "write protection bit is set");
        // A read-protected key block cannot take another key.
        f.refuse((ops, keys, plan) -> keys.burnKeys(List.of(new KeyOperations.KeyGroup("BLOCK_KEY0", key(32),
                "XTS_AES_128_KEY")), false, false, false, false), "BLOCK_KEY0 is read-protected");
    }

    @Test
    void readProtectedKeyBlockIsNotBurnedAgain() throws IOException {
        Fixture f = new Fixture("esp32h2");
        f.burn((ops, keys, plan) -> keys.burnKeys(List.of(new KeyOperations.KeyGroup("BLOCK_KEY2", key(32),
                "HMAC_UP")), false, true, false, false));
        f.refuse((ops, keys, plan) -> ops.burnBlockData(List.of("BLOCK_KEY2"), List.of(key(32)), 0),
                "BLOCK_KEY2 is read-protected");
        f.refuse((ops, keys, plan) -> ops.burnBits("BLOCK_KEY2", List.of(255)), "read-protected");
    }

    @Test
    void reedSolomonBlocksAreWrittenOnce() throws IOException {
        Fixture f = new Fixture("esp32p4");
        f.burn((ops, keys, plan) -> ops.burnBlockData(List.of("BLOCK_USR_DATA"), List.of(new byte[] {1}), 0));
        f.refuse((ops, keys, plan) -> ops.burnBits("BLOCK_USR_DATA", List.of(200)),
                "RS coding scheme does not allow this");
    }

    @Test
    void badNamesValuesAndMacsAreRefused() throws IOException {
        Fixture f = new Fixture("esp32c5");
        f.refuse((ops, keys, plan) -> ops.fieldForBurn("NO_SUCH_EFUSE"), "Invalid eFuse name 'NO_SUCH_EFUSE'");
        f.refuse((ops, keys, plan) -> ops.burnBits("BLOCK99", List.of(1)), "'BLOCK99' is not one of");
        f.refuse((ops, keys, plan) -> ops.burnBits("BLOCK_KEY0", List.of(256)), "bit_number in [0..255]");
        f.refuse((ops, keys, plan) -> ops.burnCustomMac(EfuseOperations.macBytes("01:02:03:04:05:06")), "unicast");
        f.refuse((ops, keys, plan) -> EfuseOperations.macBytes("01:02:03:04:05"), "separated by colons");
        f.refuse((ops, keys, plan) -> EfuseOperations.macBytes("zz:02:03:04:05:06"), "12 hexadecimal");
        f.refuse((ops, keys, plan) -> f.set(ops, "MAC", "00:11:22:33:44:55"), "Factory MAC");
        f.refuse((ops, keys, plan) -> f.set(ops, "KEY_PURPOSE_0", "NOT_A_PURPOSE"), "unknown name");
        f.refuse((ops, keys, plan) -> ops.setFlashVoltage("1.8V"), "No such command 'set-flash-voltage'");
        f.refuse((ops, keys, plan) -> ops.burnBlockData(List.of("BLOCK_USR_DATA"), List.of(new byte[33]), 0),
                "Data does not fit");
    }

    @Test
    void flashVoltageRefusals() throws IOException {
        Fixture f = new Fixture("esp32");
        f.burn((ops, keys, plan) -> ops.setFlashVoltage("3.3V"));
        f.refuse((ops, keys, plan) -> ops.setFlashVoltage("1.8V"), "XPD_SDIO_TIEH eFuse is already burned");
        f.refuse((ops, keys, plan) -> ops.setFlashVoltage("OFF"), "XPD_SDIO_REG eFuse is already burned");
    }

    @Test
    void esp32ThreeQuarterChunksCannotChange() throws IOException {
        Fixture f = new Fixture("esp32");
        f.burn((ops, keys, plan) -> f.set(ops, "CODING_SCHEME", "1"));
        byte[] first = new byte[24];
        first[0] = 1;
        f.burn((ops, keys, plan) -> ops.burnBlockData(List.of("BLOCK3"), List.of(first), 0));
        assertThat(f.ef.blockBytes(3)).startsWith(1).hasSize(24);
        byte[] second = first.clone();
        second[1] = 2;
        f.refuse((ops, keys, plan) -> ops.burnBlockData(List.of("BLOCK3"), List.of(second), 0),
                "3/4 coding scheme does not allow this");
        // Another chunk of the same block may still be written once.
        byte[] third = first.clone();
        third[12] = 7;
        f.burn((ops, keys, plan) -> ops.burnBlockData(List.of("BLOCK3"), List.of(third), 0));
        assertThat(Arrays.copyOfRange(f.ef.blockBytes(3), 12, 13)).containsExactly(7);
    }

    @Test
    void anAcceptedBurnDoesProgramTheController() throws IOException {
        Fixture f = new Fixture("esp32c3");
        f.ctl.writes.clear();
        f.burn((ops, keys, plan) -> f.set(ops, "WDT_DELAY_SEL", "2"));
        assertThat(f.ctl.writes).contains("1cc=00005a5a", "1d4=00000002", "1cc=00005aa5", "1d4=00000001");
        assertThat(f.ef.value(f.ef.field("WDT_DELAY_SEL"))).isEqualTo("160000");
    }
}
