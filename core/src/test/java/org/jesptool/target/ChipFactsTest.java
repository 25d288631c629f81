package org.jesptool.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** eFuse decoding and per-chip rules, from register values. */
class ChipFactsTest {
    static RegisterReader regs(Map<Integer, Integer> m) {
        return a -> m.getOrDefault(a, 0);
    }

    @Test
    void namesAreNormalisedAndEveryChipHasItsOwnDetectionValue() {
        assertThat(Chips.byName("ESP32-S3").orElseThrow().name()).isEqualTo("esp32s3");
        assertThat(Chips.byName("esp32(c6)").orElseThrow().name()).isEqualTo("esp32c6");
        assertThat(Chips.all()).hasSize(11);
        assertThat(Chips.byMagic(0xFFF0C101).orElseThrow().name()).isEqualTo("esp8266");
        assertThat(Chips.byMagic(0x00F01D83).orElseThrow().name()).isEqualTo("esp32");
        assertThat(Chips.byMagic(0x000007C6).orElseThrow().name()).isEqualTo("esp32s2");
        assertThat(Chips.byMagic(0x1B31506F).orElseThrow().name()).isEqualTo("esp32c3");
        for (int[] e : new int[][] {{9, 0}, {12, 0}, {5, 0}, {23, 0}, {13, 0}, {20, 0}, {16, 0}, {18, 0}}) {
            assertThat(Chips.byChipId(e[0])).isPresent();
        }
        assertThat(Chips.byChipId(0)).isEmpty(); // ESP32 is found by magic
        assertThat(Chips.isRemovedBetaChipId(4)).isTrue();
    }

    @Test
    void esp8266MacUsesTheOuiChosenByOtpBitsOrWord3() throws Exception {
        Chip c = new Esp8266();
        byte[] mac = c.readMac(regs(Map.of(0x3FF00050, 0xA1000000, 0x3FF00054, 0x0001B2C3)));
        assertThat(hex(mac)).isEqualTo("acd074b2c3a1");
        mac = c.readMac(regs(Map.of(0x3FF00050, 0xA1000000, 0x3FF00054, 0x0000B2C3)));
        assertThat(hex(mac)).isEqualTo("18fe34b2c3a1");
        mac = c.readMac(regs(Map.of(0x3FF00050, 0xA1000000, 0x3FF00054, 0x0000B2C3, 0x3FF0005C, 0x00112233)));
        assertThat(hex(mac)).isEqualTo("112233b2c3a1");
        assertThat(c.chipId(regs(Map.of(0x3FF00050, 0xA1000000, 0x3FF00054, 0x0000B2C3))))
                .hasValue(0x00B2C3A1);
        assertThat(new Esp32c3().chipId(regs(Map.of()))).isEmpty();
    }

    @Test
    void eui64InsertsMacExtInTheMiddle() throws Exception {
        Chip c6 = new Esp32c6();
        RegisterReader r = regs(Map.of(0x600B0844, 0x12345678, 0x600B0848, 0xFFFE9ABC));
        assertThat(hex(c6.readMac(r))).isEqualTo("9abc12345678");
        assertThat(hex(c6.readEui64(r))).isEqualTo("9abc12fffe345678");
        assertThat(new Esp32c3().readEui64(r)).isNull();
    }

    @Test
    void revisionsFromEfuseFields() throws Exception {
        assertThat(new Esp32c3().chipRevision(regs(Map.of(0x60008850, 3 << 18, 0x60008858, 1 << 23 | 1 << 24))))
                .isEqualTo(111);
        assertThat(new Esp32c6().chipRevision(regs(Map.of(0x600B0850, 2 << 22 | 5 << 18)))).isEqualTo(205);
        assertThat(new Esp32p4().chipRevision(regs(Map.of(0x5012D04C, 1 << 23 | 1 << 4 | 2)))).isEqualTo(502);
        assertThat(new Esp32s2().chipRevision(regs(Map.of(0x3F41A050, 1 << 18 | 1 << 20, 0x3F41A054, 2 << 4))))
                .isEqualTo(110);
        assertThat(new Esp32().chipRevision(regs(Map.of(0x3FF5A00C, 1 << 15, 0x3FF5A014, 1 << 20 | 1 << 24,
                0x3FF6607C, 1 << 31)))).isEqualTo(301);
        assertThat(new Esp32().chipRevision(regs(Map.of(0x3FF5A00C, 1 << 15)))).isEqualTo(100);
    }

    @Test
    void esp8266RomEraseSizeWorkaround() {
        Chip c = new Esp8266();
        assertThat(c.romEraseSize(0, 0x1000)).isEqualTo(0x1000);
        assertThat(c.romEraseSize(0, 0x10000)).isEqualTo(0x8000);
        assertThat(c.romEraseSize(0x1000, 0x40000)).isEqualTo(0x31000);
        assertThat(new Esp32c3().romEraseSize(0x1000, 0x40000)).isEqualTo(0x40000);
    }

    @Test
    void esp32SpiPadsFromEfuse() throws Exception {
        assertThat(new Esp32().defaultSpiAttach(regs(Map.of()))).isZero();
        int cfg = 6 | 17 << 5 | 8 << 10 | 16 << 15;
        assertThat(new Esp32().defaultSpiAttach(regs(Map.of(0x3FF5A014, cfg, 0x3FF5A00C, 9 << 4))))
                .isEqualTo(9 << 24 | 16 << 18 | 8 << 12 | 17 << 6 | 6);
    }

    static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}
