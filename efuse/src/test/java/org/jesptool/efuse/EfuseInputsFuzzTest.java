package org.jesptool.efuse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzz targets for what espefuse reads from outside: eFuse files ({@code --virt --path-efuse-file}), custom
 * field tables ({@code --extend-efuse-table}), the values of {@code burn-efuse FIELD VALUE} for every field of
 * every chip's real table, and the data of {@code burn-block-data} / {@code burn-key}. The contract: the library
 * returns or throws {@link EfuseException} (or, for a number that is not one, {@link NumberFormatException}
 * quoting it, as Python's int() does), with a message; nothing else. Regression inputs under
 * {@code EfuseInputsFuzzTestInputs/}; docs/fuzzing.md says how to fuzz.
 */
class EfuseInputsFuzzTest {
    private static final List<String> CHIPS = EfuseChips.names();
    private static final Map<String, Efuses> BLANK = new HashMap<>();
    private static Path dir;

    private static Path file(String name, byte[] data) throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("fuzz-efuse");
            dir.toFile().deleteOnExit();
        }
        Path p = dir.resolve(name);
        Files.write(p, data);
        p.toFile().deleteOnExit();
        return p;
    }

    private static EfuseChip chip(FuzzedDataProvider in) {
        return EfuseChips.byName(CHIPS.get(in.consumeInt(0, CHIPS.size() - 1)));
    }

    /** A chip's eFuses as read from a blank emulated controller (shared: staging never writes to it). */
    private static Efuses blank(EfuseChip chip) throws IOException {
        Efuses e = BLANK.get(chip.name());
        if (e == null) {
            e = Efuses.read(chip, VirtualEfuseController.open(chip, null), null);
            BLANK.put(chip.name(), e);
        }
        return e;
    }

    /** Everything summary and dump show of the fields. */
    private static void showAll(Efuses ef) {
        for (FieldDef f : ef.fields()) {
            Object v = ef.value(f);
            assertThat(String.valueOf(v)).isNotNull();
            ef.rawHex(f);
            ef.bitsText(f);
            ef.readable(f);
            ef.writeable(f);
        }
        for (int b = 0; b < ef.chip().blocks().size(); b++) {
            ef.blockBytes(b);
            ef.errorCount(b);
        }
        ef.hasErrors();
        if (ef.chip().hasFlashVoltage()) {
            ef.flashVoltageText();
        }
    }

    @FuzzTest(maxDuration = "30m")
    void efuseFile(FuzzedDataProvider in) throws IOException {
        EfuseChip chip = chip(in);
        byte[] data = in.consumeRemainingAsBytes();
        Path p = file("efuse.bin", data);
        try {
            VirtualEfuseController ctl = VirtualEfuseController.open(chip, p);
            Efuses ef = Efuses.read(chip, ctl, null);
            showAll(ef);
            assertThat(Files.size(p)).isGreaterThanOrEqualTo(Math.min(data.length, chip.memSize()));
        } catch (EfuseException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @FuzzTest(maxDuration = "30m")
    void customTable(FuzzedDataProvider in) throws IOException {
        EfuseChip chip = chip(in);
        Path csv = file("custom.csv", in.consumeRemainingAsBytes());
        try {
            Efuses ef = Efuses.read(chip, VirtualEfuseController.open(chip, null), csv);
            showAll(ef);
        } catch (EfuseException | IOException e) {
            assertThat(e.getMessage()).contains(csv.toString());
        }
    }

    @FuzzTest(maxDuration = "30m")
    void fieldValues(FuzzedDataProvider in) throws IOException {
        EfuseChip chip = chip(in);
        Efuses ef = blank(chip);
        List<FieldDef> fields = ef.fields();
        FieldDef f = fields.get(in.consumeInt(0, fields.size() - 1));
        String text = in.consumeBoolean() ? null : in.consumeRemainingAsString();
        BurnPlan plan = new BurnPlan(ef, line -> { });
        EfuseOperations ops = new EfuseOperations(plan, line -> { });
        try {
            Object v = ops.parseValue(f, text);
            if (v instanceof byte[] b) {
                assertThat(b.length * 8).isEqualTo(f.bitLength());
            } else if (v instanceof BigInteger n) {
                assertThat(n.bitLength()).isLessThanOrEqualTo(f.bitLength());
            }
            Map<FieldDef, Object> values = new java.util.LinkedHashMap<>();
            values.put(f, v);
            ops.burnEfuses(values);
            plan.check();
        } catch (EfuseException e) {
            assertThat(e.getMessage()).isNotBlank();
        } catch (NumberFormatException e) {
            assertThat(e.getMessage()).contains(text.trim());
        }
    }

    @FuzzTest(maxDuration = "30m")
    void blockDataAndKeys(FuzzedDataProvider in) throws IOException {
        EfuseChip chip = chip(in);
        Efuses ef = blank(chip);
        List<BlockDef> blocks = chip.blocks();
        String block = in.consumeBoolean() ? blocks.get(in.consumeInt(0, blocks.size() - 1)).name()
                : in.consumeString(24);
        int mode = in.consumeInt(0, 2);
        BurnPlan plan = new BurnPlan(ef, line -> { });
        try {
            if (mode == 0) {
                int offset = in.consumeInt(-4, 80);
                byte[] data = in.consumeRemainingAsBytes();
                new EfuseOperations(plan, line -> { }).burnBlockData(List.of(block), List.of(data), offset);
            } else if (mode == 1) {
                String purpose = in.consumeBoolean() && !chip.purposes().isEmpty()
                        ? chip.purposes().get(in.consumeInt(0, chip.purposes().size() - 1)).name()
                        : in.consumeString(32);
                boolean digest = in.consumeBoolean();
                byte[] key = in.consumeRemainingAsBytes();
                KeyOperations keys = new KeyOperations(plan, line -> { });
                if (chip.isEsp32()) {
                    if (digest) {
                        keys.burnDigestEsp32(key, false, true);
                    } else {
                        keys.burnKeysEsp32(List.of(block), List.of(key), false, true);
                    }
                } else {
                    keys.burnKeys(List.of(new KeyOperations.KeyGroup(block, key, purpose)), false, false, true,
                            digest);
                }
            } else {
                List<Integer> bits = new ArrayList<>();
                int n = in.consumeInt(0, 40);
                for (int i = 0; i < n; i++) {
                    bits.add(in.consumeInt(-2, 600));
                }
                new EfuseOperations(plan, line -> { }).burnBits(block, bits);
            }
            plan.check();
        } catch (EfuseException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
