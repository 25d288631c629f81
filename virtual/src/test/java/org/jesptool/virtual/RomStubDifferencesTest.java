package org.jesptool.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.jesptool.protocol.Slip;
import org.junit.jupiter.api.Test;

/** The ROM/stub differences of facts 2.5, asserted on the wire and in flash. */
class RomStubDifferencesTest {
    static Device device(Host h) {
        return ((InProcessPort) h.port).device();
    }

    static Host rom(String chip) throws Exception {
        return ChipIdentityTest.synced("virtual://" + chip);
    }

    static Host stub(String chip) throws Exception {
        Host h = rom(chip);
        byte[] text = new byte[64];
        h.command(Opcode.MEM_BEGIN, Packet.words(text.length, 1, 0x1800, chip.equals("esp32") ? 0x400A8000 : 0x40380000));
        h.dataCommand(Opcode.MEM_DATA, text, 0);
        h.send(Opcode.MEM_END, Packet.words(0, 0x40380400));
        List<byte[]> got = h.frames();
        assertThat(got).hasSize(2);
        assertThat(got.get(1)).isEqualTo("OHAI".getBytes());
        return h;
    }

    static void fill(Host h, int offset, int len, int value) {
        byte[] b = new byte[len];
        Arrays.fill(b, (byte) value);
        NorFlash f = device(h).flash;
        f.eraseRange(offset, len);
        f.program(offset, b, 0, len);
    }

    static byte[] flash(Host h, int offset, int len) {
        return device(h).flash.read(offset, len);
    }

    static byte[] md5(byte[] b) throws Exception {
        return MessageDigest.getInstance("MD5").digest(b);
    }

    @Test
    void romErasesUpFrontStubLazily() throws Exception {
        try (Host h = rom("esp32")) {
            fill(h, 0, 0x3000, 0x00);
            assertThat(Host.hex(h.command(Opcode.FLASH_BEGIN, Packet.words(0x2000, 8, 0x400, 0x1000))))
                    .isEqualTo("010204000000000000000000");
            assertThat(flash(h, 0x1000, 0x2000)).containsOnly((byte) 0xFF);
            assertThat(flash(h, 0, 0x1000)).containsOnly((byte) 0);
        }
        try (Host h = stub("esp32")) {
            fill(h, 0, 0x3000, 0x00);
            assertThat(Host.hex(h.command(Opcode.FLASH_BEGIN, Packet.words(0x2000, 1, 0x4000, 0x1000))))
                    .isEqualTo("01020200000000000000");
            assertThat(flash(h, 0x1000, 0x2000)).containsOnly((byte) 0); // nothing erased yet
            byte[] block = new byte[0x100];
            Arrays.fill(block, (byte) 0x5A);
            h.dataCommand(Opcode.FLASH_DATA, block, 0);
            assertThat(flash(h, 0x1000, 0x100)).containsOnly((byte) 0x5A);
            assertThat(flash(h, 0x1100, 0xF00)).containsOnly((byte) 0xFF); // the sector it wrote into was erased
        }
    }

    @Test
    void md5IsHexTextOnRomAndRawBytesOnStub() throws Exception {
        byte[] zeros = new byte[0x1000];
        try (Host h = rom("esp32c3")) {
            fill(h, 0, 0x1000, 0);
            byte[] r = h.command(Opcode.SPI_FLASH_MD5, Packet.words(0, 0x1000, 0, 0));
            assertThat(r).hasSize(8 + 32 + 4);
            assertThat(new String(r, 8, 32)).isEqualTo(Host.hex(md5(zeros)));
        }
        try (Host h = stub("esp32c3")) {
            fill(h, 0, 0x1000, 0);
            byte[] r = h.command(Opcode.SPI_FLASH_MD5, Packet.words(0, 0x1000, 0, 0));
            assertThat(r).hasSize(8 + 16 + 2);
            assertThat(Packet.u16(r, 2)).isEqualTo(18);
            assertThat(Arrays.copyOfRange(r, 8, 24)).isEqualTo(md5(zeros));
        }
    }

    @Test
    void readFlashSlowRomOnly() throws Exception {
        try (Host h = rom("esp32")) {
            fill(h, 0x100, 0x40, 0x11);
            byte[] r = h.command(Opcode.READ_FLASH_SLOW, Packet.words(0x100, 16));
            assertThat(r).hasSize(8 + 64 + 4);
            assertThat(Arrays.copyOfRange(r, 8, 24)).containsOnly((byte) 0x11);
            assertThat(Host.hex(h.command(Opcode.READ_FLASH_SLOW, Packet.words(0x100, 65))))
                    .endsWith("010a0000");
        }
        try (Host h = rom("esp8266")) {
            h.send(Opcode.READ_FLASH_SLOW, Packet.words(0, 64));
            assertThat(h.frames()).hasSize(8).allSatisfy(f -> assertThat(Host.hex(f)).endsWith("0105"));
        }
        try (Host h = stub("esp32")) {
            assertThat(Host.hex(h.command(Opcode.READ_FLASH_SLOW, Packet.words(0, 64)))).isEqualTo("010e0200" + "00000000" + "ff00");
        }
    }

    @Test
    void stubSyncAnswersEightTimesWithValueZero() throws Exception {
        try (Host h = stub("esp32s3")) {
            h.send(Opcode.SYNC, Opcode.syncPayload());
            List<byte[]> r = h.frames();
            assertThat(r).hasSize(8).allSatisfy(f -> assertThat(Host.hex(f)).isEqualTo("01080200000000000000"));
        }
    }

    @Test
    void esp8266RomLacksBaudChangeAndDeflate() throws Exception {
        try (Host h = rom("esp8266")) {
            for (int op : new int[] {Opcode.CHANGE_BAUDRATE, Opcode.FLASH_DEFL_BEGIN, Opcode.SPI_FLASH_MD5, Opcode.SPI_ATTACH,
                    Opcode.SPI_SET_PARAMS, Opcode.GET_SECURITY_INFO}) {
                h.send(op, new byte[8]);
                assertThat(h.frames()).hasSize(8);
            }
        }
    }

    @Test
    void esp8266RomEraseSizeQuirk() throws Exception {
        try (Host h = rom("esp8266")) {
            fill(h, 0, 0x20000, 0);
            // esptool wants 5 sectors at 0x3000: head = 16 - 3 = 13, 5 < 2 * 5, so it sends (5 + 1) / 2 sectors
            int sectors = 5;
            int start = 3;
            int head = Math.min(16 - start % 16, sectors);
            int sent = sectors < 2 * head ? (sectors + 1) / 2 * 4096 : (sectors - head) * 4096;
            h.command(Opcode.FLASH_BEGIN, Packet.words(sent, 5, 0x1000, 0x3000));
            assertThat(flash(h, 0x3000, 6 * 4096)).containsOnly((byte) 0xFF); // the ROM erased 2 x 3 sectors
            assertThat(flash(h, 0x9000, 4096)).containsOnly((byte) 0);
            assertThat(flash(h, 0x2000, 4096)).containsOnly((byte) 0);
            // 40 sectors from 0x10000: head 16, so 24 sectors are sent and the ROM erases 24 + 16
            fill(h, 0, 0x60000, 0);
            h.command(Opcode.FLASH_BEGIN, Packet.words((40 - 16) * 4096, 40, 0x1000, 0x10000));
            assertThat(flash(h, 0x10000, 40 * 4096)).containsOnly((byte) 0xFF);
            assertThat(flash(h, 0x10000 + 40 * 4096, 4096)).containsOnly((byte) 0);
        }
    }

    @Test
    void writesProgramOnlyClearBits() throws Exception {
        try (Host h = rom("esp32")) {
            fill(h, 0, 0x1000, 0xF0);
            // FLASH_DATA after a FLASH_BEGIN that erased nothing: NOR programming ANDs
            h.command(Opcode.FLASH_BEGIN, Packet.words(0, 1, 0x400, 0));
            byte[] block = new byte[0x400];
            Arrays.fill(block, (byte) 0x3C);
            assertThat(h.dataCommand(Opcode.FLASH_DATA, block, 0)[9]).isEqualTo((byte) 0);
            assertThat(flash(h, 0, 0x400)).containsOnly((byte) 0x30);
        }
    }

    @Test
    void romRefusesFlashBeginBeyondTheConfiguredSize() throws Exception {
        try (Host h = rom("esp32s3")) {
            // the ROM assumes 4 MB until SPI_SET_PARAMS (esp-idf issue 10959 shows 01 06 for this case)
            assertThat(Host.hex(h.command(Opcode.FLASH_BEGIN, Packet.words(0x1000, 1, 0x400, 0x613000, 0))))
                    .isEqualTo("010204000000000001060000");
            h.command(Opcode.SPI_SET_PARAMS, Packet.words(0, 16 << 20, 0x10000, 0x1000, 0x100, 0xFFFF));
            assertThat(Host.hex(h.command(Opcode.FLASH_BEGIN, Packet.words(0x1000, 1, 0x400, 0x613000, 0))))
                    .isEqualTo("010204000000000000000000");
        }
    }

    @Test
    void stubWriteBeyondChipSizeIsReportedWithTheEnd() throws Exception {
        try (Host h = stub("esp32c3")) {
            h.command(Opcode.SPI_SET_PARAMS, Packet.words(0, 4 << 20, 0x10000, 0x1000, 0x100, 0xFFFF));
            h.command(Opcode.FLASH_BEGIN, Packet.words(0x1000, 1, 0x4000, 0x3FF800));
            byte[] block = new byte[0x1000];
            // acknowledged before it is written
            assertThat(Host.hex(h.dataCommand(Opcode.FLASH_DATA, block, 0))).isEqualTo("01030200000000000000");
            assertThat(Host.hex(h.command(Opcode.FLASH_END, Packet.words(1)))).isEqualTo("0104020000000000c400");
        }
    }

    @Test
    void stubDeflateSizeIsExactAndEndChecksAllDataArrived() throws Exception {
        try (Host h = stub("esp32")) {
            byte[] data = new byte[5000];
            Arrays.fill(data, (byte) 0x42);
            byte[] z = SmokeTestSupport.deflate(data);
            h.command(Opcode.FLASH_DEFL_BEGIN, Packet.words(data.length, 1, 0x4000, 0x8000));
            assertThat(Host.hex(h.dataCommand(Opcode.FLASH_DEFL_DATA, z, 0))).isEqualTo("01110200000000000000");
            assertThat(Host.hex(h.command(Opcode.FLASH_DEFL_END, Packet.words(1)))).isEqualTo("01120200000000000000");
            assertThat(flash(h, 0x8000, 5000)).containsOnly((byte) 0x42);
            assertThat(flash(h, 0x8000 + 5000, 4096 * 2 - 5000)).containsOnly((byte) 0xFF);
            // an END before all data arrived: not enough data
            h.command(Opcode.FLASH_DEFL_BEGIN, Packet.words(data.length * 2, 1, 0x4000, 0x10000));
            h.dataCommand(Opcode.FLASH_DEFL_DATA, z, 0);
            assertThat(Host.hex(h.command(Opcode.FLASH_DEFL_END, Packet.words(1)))).isEqualTo("0112020000000000c800");
        }
        try (Host h = rom("esp32")) {
            byte[] data = new byte[5000];
            byte[] z = SmokeTestSupport.deflate(data);
            // the ROM takes the erase size rounded up to the block size
            h.command(Opcode.FLASH_DEFL_BEGIN, Packet.words(0x1400, 1, 0x400, 0x8000));
            assertThat(Host.hex(h.dataCommand(Opcode.FLASH_DEFL_DATA, z, 0))).isEqualTo("011104000000000000000000");
            assertThat(flash(h, 0x8000, 5000)).containsOnly((byte) 0);
        }
    }

    @Test
    void stubEraseRegionAndEraseFlash() throws Exception {
        try (Host h = stub("esp32c3")) {
            fill(h, 0, 0x20000, 0);
            assertThat(Host.hex(h.command(Opcode.ERASE_REGION, Packet.words(0x1000, 0x2000)))).isEqualTo("01d10200000000000000");
            assertThat(flash(h, 0x1000, 0x2000)).containsOnly((byte) 0xFF);
            assertThat(flash(h, 0x3000, 0x1000)).containsOnly((byte) 0);
            assertThat(Host.hex(h.command(Opcode.ERASE_REGION, Packet.words(0x1000, 0x400)))).isEqualTo("01d10200000000000100");
            assertThat(Host.hex(h.command(Opcode.ERASE_FLASH, new byte[0]))).isEqualTo("01d00200000000000000");
            assertThat(flash(h, 0, 0x20000)).containsOnly((byte) 0xFF);
        }
    }

    @Test
    void stubBaudChangeTakesEffectAfterTheReply() throws Exception {
        try (Host h = stub("esp32c3")) {
            byte[] r = h.command(Opcode.CHANGE_BAUDRATE, Packet.words(921600, 115200));
            assertThat(Host.hex(r)).isEqualTo("010f0200000000000000"); // readable at the old rate
            h.send(Opcode.SYNC, Opcode.syncPayload()); // host still at 115200: the chip cannot read it
            assertThat(h.frames()).isEmpty();
            h.port.setBaudRate(921600);
            h.send(Opcode.SYNC, Opcode.syncPayload());
            assertThat(h.frames()).hasSize(8);
        }
    }

    @Test
    void esp32RomBaudFollowsItsOwnCrystalEstimate() throws Exception {
        // A 26 MHz board whose ROM estimated its crystal right: the value sent is the rate
        try (Host h = ChipIdentityTest.synced("virtual://esp32?xtal=26")) {
            h.command(Opcode.CHANGE_BAUDRATE, Packet.words(460800, 0));
            h.port.setBaudRate(460800);
            h.send(Opcode.SYNC, Opcode.syncPayload());
            assertThat(h.frames()).hasSize(8);
            assertThat(device(h).chipBaud()).isEqualTo(460800);
        }
        // A 40 MHz board whose ROM estimated 42 MHz (8 MHz clock drift): the RTC calibration shows it,
        // and only baud x 42 / 40 gives the wanted rate
        try (Host h = ChipIdentityTest.synced("virtual://esp32?rom-xtal=42")) {
            assertThat(SpiCommand.readReg(h, 0x3FF5F06C) >>> 7).isEqualTo(1344); // 1344 x 15625 x 80 / 40 = 42 MHz
            h.command(Opcode.CHANGE_BAUDRATE, Packet.words(460800 * 42 / 40, 0));
            assertThat(device(h).chipBaud()).isEqualTo(460800);
        }
    }

    @Test
    void esp32c2RomBaudQuirkWith26MHzCrystal() throws Exception {
        try (Host h = ChipIdentityTest.synced("virtual://esp32c2")) {
            // the C2's ROM assumes 40 MHz: esptool sends baud x 40 / 26 to get the real rate
            h.command(Opcode.CHANGE_BAUDRATE, Packet.words(460800 * 40 / 26, 0));
            assertThat(device(h).chipBaud()).isBetween(460700, 460900);
        }
    }

    @Test
    void usbSerialJtagIgnoresTheBaudRate() throws Exception {
        try (Host h = stub("esp32c3")) {
            h.command(Opcode.CHANGE_BAUDRATE, Packet.words(921600, 115200));
            h.send(Opcode.SYNC, Opcode.syncPayload());
            assertThat(h.frames()).isEmpty(); // UART: the host is still at 115200
        }
        try (Host h = new Host("virtual://esp32c3?usb=jtag&stub=1")) {
            h.frames();
            h.command(Opcode.CHANGE_BAUDRATE, Packet.words(921600, 115200));
            h.send(Opcode.SYNC, Opcode.syncPayload());
            assertThat(h.frames()).hasSize(8);
        }
    }

    @Test
    void stubReadFlashHonoursMaxInFlightAndEndsWithMd5() throws Exception {
        try (Host h = stub("esp32")) {
            fill(h, 0, 0x3000, 0x77);
            h.send(Opcode.READ_FLASH, Packet.words(0, 0x2800, 0x1000, 0x2000));
            List<byte[]> first = h.frames();
            assertThat(first).hasSize(3); // reply + two packets (8 KiB may be unacknowledged)
            h.sendRaw(Slip.encode(Packet.words(0x1000)));
            assertThat(h.frames()).hasSize(1).allSatisfy(f -> assertThat(f).hasSize(0x800));
            h.sendRaw(Slip.encode(Packet.words(0x2800)));
            List<byte[]> end = h.frames();
            assertThat(end).hasSize(1);
            byte[] all = new byte[0x2800];
            Arrays.fill(all, (byte) 0x77);
            assertThat(end.get(0)).isEqualTo(md5(all));
            // back in command mode
            assertThat(h.command(Opcode.READ_REG, Packet.words(0x40001000))).hasSize(10);
        }
    }

    @Test
    void esp32s3SecureBootStubStartThroughTheRomFunctionPointer() throws Exception {
        try (Host h = ChipIdentityTest.synced("virtual://esp32s3?secure-boot=1")) {
            h.command(Opcode.MEM_BEGIN, Packet.words(64, 1, 0x1800, 0x40378000));
            h.dataCommand(Opcode.MEM_DATA, new byte[64], 0);
            h.command(Opcode.MEM_END, Packet.words(1, 0)); // no jump
            int saved = SpiCommand.readReg(h, 0x3FCEF688);
            SpiCommand.writeReg(h, 0x3FCEF688, 0x40378000);
            h.send(Opcode.READ_FLASH_SLOW, Packet.words(0, 0));
            List<byte[]> got = h.frames();
            assertThat(got).hasSize(1);
            assertThat(new String(got.get(0))).isEqualTo("OHAI");
            SpiCommand.writeReg(h, 0x3FCEF688, saved);
            assertThat(Host.hex(h.command(Opcode.SPI_FLASH_MD5, Packet.words(0, 16, 0, 0)))).hasSize(2 * 26);
        }
    }

    @Test
    void romUnsupportedInSecureDownloadMode() throws Exception {
        try (Host h = ChipIdentityTest.synced("virtual://esp32s2?sdm=1")) {
            h.send(Opcode.READ_REG, Packet.words(0x40001000));
            assertThat(h.frames()).hasSize(8).allSatisfy(f -> assertThat(Host.hex(f)).endsWith("01050000"));
            byte[] sec = h.command(Opcode.GET_SECURITY_INFO, new byte[0]);
            assertThat(Packet.u32(sec, 8) & 4).isEqualTo(4);
            assertThat(h.command(Opcode.FLASH_BEGIN, Packet.words(0x1000, 4, 0x400, 0x10000, 0))[9]).isEqualTo((byte) 0);
        }
    }
}
