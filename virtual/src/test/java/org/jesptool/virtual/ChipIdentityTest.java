package org.jesptool.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Per-chip identity as a host reads it: status layout, magic / security info, MAC words, flash id. */
class ChipIdentityTest {
    static final String[] CHIPS = {"esp8266", "esp32", "esp32s2", "esp32s3", "esp32c2", "esp32c3", "esp32c5",
            "esp32c6", "esp32c61", "esp32h2", "esp32p4"};

    /** IMAGE_CHIP_ID from the facts table. */
    static final Map<String, Integer> CHIP_ID = Map.of("esp32s3", 9, "esp32c2", 12, "esp32c3", 5, "esp32c5", 23,
            "esp32c6", 13, "esp32c61", 20, "esp32h2", 16, "esp32p4", 18);

    /** MAC register (mac0) of S2 and later, from the facts table. */
    static final Map<String, Integer> MAC_REG = Map.of("esp32s2", 0x3F41A044, "esp32s3", 0x60007044, "esp32c2", 0x60008840,
            "esp32c3", 0x60008844, "esp32c5", 0x600B4844, "esp32c6", 0x600B0844, "esp32c61", 0x600B4844,
            "esp32h2", 0x600B0844, "esp32p4", 0x5012D044);

    static Host synced(String url) throws Exception {
        Host h = new Host(url);
        h.frames();
        h.send(Opcode.SYNC, Opcode.syncPayload());
        List<byte[]> replies = h.frames();
        assertThat(replies).hasSize(8);
        return h;
    }

    @ParameterizedTest
    @ValueSource(strings = {"esp8266", "esp32", "esp32s2", "esp32s3", "esp32c2", "esp32c3", "esp32c5", "esp32c6",
            "esp32c61", "esp32h2", "esp32p4"})
    void syncStatusLayoutAndIdentity(String chip) throws Exception {
        try (Host h = new Host("virtual://" + chip + "?mac=24:6f:28:ab:cd:ef&jedec=c84017&flash=8MB")) {
            h.frames();
            h.send(Opcode.SYNC, Opcode.syncPayload());
            List<byte[]> sync = h.frames();
            int status = chip.equals("esp8266") ? 2 : 4;
            assertThat(sync).hasSize(8).allSatisfy(f -> assertThat(f).hasSize(8 + status));
            assertThat(Host.hex(sync.get(0))).startsWith("0108" + (status == 2 ? "0200" : "0400") + "07071220");

            byte[] sec;
            h.send(Opcode.GET_SECURITY_INFO, new byte[0]);
            List<byte[]> secReplies = h.frames();
            switch (chip) {
                case "esp8266":
                case "esp32":
                    // unsupported: eight copies of the previous (SYNC) reply header with status 01 05
                    assertThat(secReplies).hasSize(8);
                    assertThat(Host.hex(secReplies.get(0))).isEqualTo("0108" + (status == 2 ? "0200" : "0400")
                            + "07071220" + "0105" + (status == 4 ? "0000" : ""));
                    break;
                case "esp32s2":
                    assertThat(secReplies).hasSize(1);
                    assertThat(secReplies.get(0)).hasSize(8 + 12 + 4);
                    break;
                default:
                    assertThat(secReplies).hasSize(1);
                    sec = secReplies.get(0);
                    assertThat(sec).hasSize(8 + 20 + 4);
                    assertThat(Packet.u32(sec, 8 + 12)).isEqualTo(CHIP_ID.get(chip));
            }
            int magic = SpiCommand.readReg(h, 0x40001000);
            if (chip.equals("esp8266")) {
                assertThat(magic).isEqualTo(0xFFF0C101);
            } else if (chip.equals("esp32")) {
                assertThat(magic).isEqualTo(0x00F01D83);
            } else if (chip.equals("esp32s2")) {
                assertThat(magic).isEqualTo(0x000007C6);
            }
            assertThat(decodeMac(h, chip)).isEqualTo("24:6f:28:ab:cd:ef");
            assertThat(new SpiCommand(chip).rdid(h)).isEqualTo(0x1740C8);
        }
    }

    /** MAC decoding exactly as facts 5.1 describes the host side. */
    static String decodeMac(Host h, String chip) throws Exception {
        byte[] mac = new byte[6];
        switch (chip) {
            case "esp8266": {
                int mac0 = SpiCommand.readReg(h, 0x3FF00050);
                int mac1 = SpiCommand.readReg(h, 0x3FF00054);
                int mac3 = SpiCommand.readReg(h, 0x3FF0005C);
                int oui;
                if (mac3 != 0) {
                    oui = mac3;
                } else if ((mac1 >> 16 & 0xFF) == 0) {
                    oui = 0x18FE34;
                } else {
                    oui = 0xACD074;
                }
                mac = new byte[] {(byte) (oui >> 16), (byte) (oui >> 8), (byte) oui, (byte) (mac1 >> 8), (byte) mac1,
                        (byte) (mac0 >>> 24)};
                break;
            }
            case "esp32": {
                int w1 = SpiCommand.readReg(h, 0x3FF5A004);
                int w2 = SpiCommand.readReg(h, 0x3FF5A008);
                byte[] be = Packet.words(Integer.reverseBytes(w2), Integer.reverseBytes(w1));
                mac = java.util.Arrays.copyOfRange(be, 2, 8);
                break;
            }
            default: {
                int reg = MAC_REG.get(chip);
                int mac0 = SpiCommand.readReg(h, reg);
                int mac1 = SpiCommand.readReg(h, reg + 4);
                mac = new byte[] {(byte) (mac1 >> 8), (byte) mac1, (byte) (mac0 >>> 24), (byte) (mac0 >> 16),
                        (byte) (mac0 >> 8), (byte) mac0};
            }
        }
        StringBuilder s = new StringBuilder();
        for (byte b : mac) {
            s.append(s.length() == 0 ? "" : ":").append(String.format("%02x", b & 0xFF));
        }
        return s.toString();
    }

    @Test
    void esp32MacCarriesItsCrc() throws Exception {
        try (Host h = synced("virtual://esp32")) {
            assertThat(SpiCommand.readReg(h, 0x3FF5A008)).isEqualTo(0x00BE240A); // as the ROM emulator recording shows
            assertThat(SpiCommand.readReg(h, 0x3FF5A004)).isEqualTo(0xC4000001);
        }
    }

    @Test
    void esp32c3RevisionFieldsAndMagic() throws Exception {
        try (Host h = synced("virtual://esp32c3?rev=1.1")) {
            int w3 = SpiCommand.readReg(h, 0x60008844 + 12);
            int w5 = SpiCommand.readReg(h, 0x60008844 + 20);
            int minor = (w5 >> 23 & 1) << 3 | (w3 >> 18 & 7);
            int major = w5 >> 24 & 3;
            assertThat(major * 100 + minor).isEqualTo(101);
            assertThat(SpiCommand.readReg(h, 0x40001000)).isEqualTo(0x4361606F);
        }
        try (Host h = synced("virtual://esp32c3")) {
            assertThat(SpiCommand.readReg(h, 0x60008850)).isEqualTo(0x000C0000); // v0.3, as the recordings show
        }
    }

    @Test
    void esp32MajorRevisionUsesApbDateBit() throws Exception {
        try (Host h = synced("virtual://esp32?rev=1.0")) {
            assertThat(SpiCommand.readReg(h, 0x3FF5A00C) & 0x8000).isNotZero();
            assertThat(SpiCommand.readReg(h, 0x3FF5A014) & (1 << 20)).isZero();
            assertThat(SpiCommand.readReg(h, 0x3FF6607C) & 0x80000000).isZero();
        }
    }

    @Test
    void c6MacExtensionIsFffe() throws Exception {
        try (Host h = synced("virtual://esp32c6")) {
            assertThat(SpiCommand.readReg(h, 0x600B0848) >>> 16).isEqualTo(0xFFFE);
        }
    }

    @Test
    void securityFlagsAndCryptCount() throws Exception {
        try (Host h = synced("virtual://esp32s3?secure-boot=1&flash-crypt-cnt=7")) {
            byte[] r = h.command(Opcode.GET_SECURITY_INFO, new byte[0]);
            assertThat(Packet.u32(r, 8)).isEqualTo(1);
            assertThat(r[12]).isEqualTo((byte) 7);
        }
    }

    @Test
    void crystalEstimateFromClockDivider() throws Exception {
        try (Host h = synced("virtual://esp8266")) {
            int div = SpiCommand.readReg(h, 0x60000014) & 0xFFFFF;
            double est = 115200.0 * div / 1e6 / 2;
            assertThat(est).isBetween(25.0, 27.0);
        }
        try (Host h = synced("virtual://esp32?xtal=26")) {
            int div = SpiCommand.readReg(h, 0x3FF40014) & 0xFFFFF;
            assertThat(115200.0 * div / 1e6).isBetween(25.0, 27.0);
        }
    }
}
