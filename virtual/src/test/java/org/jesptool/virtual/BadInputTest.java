package org.jesptool.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.jesptool.protocol.Slip;
import org.junit.jupiter.api.Test;

/** Malformed input: answered as the loader would, never a crash, never a change to flash. */
class BadInputTest {
    @Test
    void badSlipEscapeDropsTheFrame() throws Exception {
        try (Host h = ChipIdentityTest.synced("virtual://esp32c3")) {
            h.sendRaw(new byte[] {(byte) 0xC0, 0x00, 0x0A, (byte) 0xDB, 0x01, 0x00, (byte) 0xC0});
            assertThat(h.frames()).isEmpty();
            assertThat(h.command(Opcode.READ_REG, Packet.words(0x40001000))).hasSize(12);
        }
    }

    @Test
    void checksumErrors() throws Exception {
        try (Host h = ChipIdentityTest.synced("virtual://esp32")) {
            h.command(Opcode.MEM_BEGIN, Packet.words(16, 1, 16, 0x3FFB0000));
            byte[] r = h.command(Opcode.MEM_DATA, Packet.dataPayload(new byte[16], 0), 0x12);
            assertThat(Host.hex(r)).endsWith("01070000");
        }
        try (Host h = RomStubDifferencesTest.stub("esp32")) {
            h.command(Opcode.FLASH_BEGIN, Packet.words(16, 1, 0x4000, 0));
            byte[] r = h.command(Opcode.FLASH_DATA, Packet.dataPayload(new byte[16], 0), 0x12);
            assertThat(Host.hex(r)).endsWith("c100");
            assertThat(RomStubDifferencesTest.flash(h, 0, 16)).containsOnly((byte) 0xFF);
        }
    }

    @Test
    void wrongLengthsAndUnknownOpcodes() throws Exception {
        try (Host h = ChipIdentityTest.synced("virtual://esp32c3")) {
            assertThat(Host.hex(h.command(Opcode.READ_REG, new byte[2]))).endsWith("01050000");
            assertThat(Host.hex(h.command(Opcode.READ_REG, Packet.words(0x40001000)))).startsWith("010a0400");
            h.send(0x42, new byte[0]);
            assertThat(h.frames()).hasSize(8).allSatisfy(f -> assertThat(Host.hex(f)).isEqualTo("010a04006f50311b01050000"));
            h.sendRaw(Slip.encode(new byte[] {0, 8, 0})); // shorter than a header: ignored
            assertThat(h.frames()).isEmpty();
        }
        try (Host h = RomStubDifferencesTest.stub("esp32c3")) {
            assertThat(Host.hex(h.command(0x42, new byte[0]))).isEqualTo("0142020000000000ff00");
            assertThat(Host.hex(h.command(Opcode.ERASE_REGION, new byte[4]))).endsWith("0100");
            assertThat(Host.hex(h.command(Opcode.SPI_ATTACH, new byte[8]))).endsWith("0100"); // the stub wants 4 bytes
            assertThat(Host.hex(h.command(Opcode.WRITE_REG, new byte[10]))).endsWith("c000");
            byte[] big = new byte[FlasherStub.MAX_WRITE_BLOCK + 17];
            assertThat(Host.hex(h.command(Opcode.FLASH_DATA, big))).endsWith("c0ee");
        }
    }

    @Test
    void outOfRangeAccesses() throws Exception {
        try (Host h = ChipIdentityTest.synced("virtual://esp32c3")) {
            assertThat(Host.hex(h.command(Opcode.SPI_FLASH_MD5, Packet.words(0x3FF000, 0x2000, 0, 0)))).endsWith("01090000");
            assertThat(Host.hex(h.command(Opcode.READ_FLASH_SLOW, Packet.words(0x400000, 64)))).endsWith("01090000");
            assertThat(Host.hex(h.command(Opcode.FLASH_DATA, Packet.dataPayload(new byte[4], 0), 0xEF))).endsWith("01010000");
        }
        try (Host h = RomStubDifferencesTest.stub("esp32c3")) {
            assertThat(Host.hex(h.command(Opcode.ERASE_REGION, Packet.words(0x2000000, 0x1000)))).endsWith("0100");
            assertThat(Host.hex(h.command(Opcode.FLASH_END, Packet.words(1)))).endsWith("c600");
        }
    }

    @Test
    void randomGarbageNeverCrashesOrTouchesFlash() throws Exception {
        Random rnd = new Random(42);
        for (String chip : new String[] {"esp8266", "esp32", "esp32c3"}) {
            try (Host h = ChipIdentityTest.synced("virtual://" + chip)) {
                byte[] before = RomStubDifferencesTest.device(h).flash.read(0, 1 << 20);
                for (int i = 0; i < 2000; i++) {
                    byte[] junk = new byte[1 + rnd.nextInt(64)];
                    rnd.nextBytes(junk);
                    if (i % 3 == 0) {
                        junk[0] = 0; // looks like a request; the opcodes that write flash need a valid payload
                        if (junk.length > 1 && (junk[1] == Opcode.FLASH_BEGIN || junk[1] == Opcode.FLASH_DEFL_BEGIN
                                || junk[1] == Opcode.MEM_END || junk[1] == Opcode.FLASH_END || junk[1] == Opcode.FLASH_DEFL_END
                                || junk[1] == Opcode.WRITE_REG || junk[1] == Opcode.CHANGE_BAUDRATE)) {
                            junk[1] = 0x7F;
                        }
                        h.sendRaw(Slip.encode(junk));
                    } else {
                        h.sendRaw(junk);
                    }
                    h.frames();
                }
                h.sendRaw(new byte[] {(byte) 0xC0});
                h.frames();
                assertThat(Arrays.equals(before, RomStubDifferencesTest.device(h).flash.read(0, 1 << 20))).isTrue();
                h.send(Opcode.SYNC, Opcode.syncPayload());
                assertThat(h.frames()).hasSize(8);
            }
        }
    }
}
