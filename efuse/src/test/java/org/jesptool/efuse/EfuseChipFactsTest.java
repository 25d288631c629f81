package org.jesptool.efuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The named per-chip facts that replace chip-name branches point at fields the chip's table really has. */
class EfuseChipFactsTest {
    private static Set<String> fieldNames(EfuseChip c) {
        return FieldTables.load(c.table).stream().map(r -> r.def().name).collect(Collectors.toSet());
    }

    @Test
    void namedFieldsExistInTheChipsTable() {
        for (String n : EfuseChips.names()) {
            EfuseChip c = EfuseChips.byName(n);
            Set<String> fields = fieldNames(c);
            List<String> named = new ArrayList<>(c.hiddenFields);
            c.romExclusiveFields().forEach(named::addAll);
            assertThat(fields).as(n).containsAll(named);
            if (c.key5XtsBug) {
                assertThat(fields).as(n).contains("KEY_PURPOSE_5");
            }
        }
    }

    @Test
    void theFactsSitOnTheChipsTheyDescribe() {
        List<String> split = new ArrayList<>();
        List<String> key5 = new ArrayList<>();
        for (String n : EfuseChips.names()) {
            EfuseChip c = EfuseChips.byName(n);
            if (c.splitKeyBlock()) {
                split.add(n);
                // one key block whose halves are the flash key and the secure boot digest
                assertThat(c.blocks()).filteredOn(b -> b.name().startsWith("BLOCK_KEY")).hasSize(1);
            }
            if (c.key5XtsBug) {
                key5.add(n);
            }
        }
        assertThat(split).containsExactly("esp32c2");
        assertThat(key5).containsExactly("esp32s3", "esp32c3", "esp32c6", "esp32h2");
        assertThat(EfuseChips.byName("esp32s3").romExclusiveFields())
                .containsExactly(List.of("DIS_USB_JTAG", "DIS_USB_SERIAL_JTAG"));
        assertThat(EfuseChips.byName("esp32c3").hiddenFields).containsExactly("JTAG_SEL_ENABLE");
    }
}
