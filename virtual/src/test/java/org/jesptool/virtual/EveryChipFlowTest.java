package org.jesptool.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.jesptool.protocol.Slip;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A whole esptool-style session for every chip: ROM protocol, then the stub protocol. */
class EveryChipFlowTest {
    static final int OFFSET = 0x20000;

    static byte[] image(int size, long seed) {
        byte[] b = new byte[size];
        Random r = new Random(seed);
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (r.nextInt(3) == 0 ? r.nextInt(256) : i >> 8);
        }
        return b;
    }

    static int status(byte[] reply, int payload) {
        return reply[8 + payload] & 0xFF;
    }

    static String md5Hex(byte[] data) throws Exception {
        return Host.hex(MessageDigest.getInstance("MD5").digest(data));
    }

    @ParameterizedTest
    @ValueSource(strings = {"esp8266", "esp32", "esp32s2", "esp32s3", "esp32c2", "esp32c3", "esp32c5", "esp32c6",
            "esp32c61", "esp32h2", "esp32p4"})
    void romThenStub(String chip) throws Exception {
        boolean esp8266 = chip.equals("esp8266");
        int beginLen = chip.equals("esp8266") || chip.equals("esp32") ? 16 : 20;
        try (Host h = ChipIdentityTest.synced("virtual://" + chip)) {
            // ---- ROM: plain write of 8 KiB in 1 KiB blocks (last block padded as esptool pads it)
            if (!esp8266) {
                assertThat(status(h.command(Opcode.SPI_ATTACH, new byte[8]), 0)).isZero();
                assertThat(status(h.command(Opcode.SPI_SET_PARAMS, Packet.words(0, 4 << 20, 0x10000, 0x1000, 0x100, 0xFFFF)), 0)).isZero();
            }
            byte[] plain = image(8 * 1024 - 100, 1);
            byte[] padded = Arrays.copyOf(plain, 8 * 1024);
            Arrays.fill(padded, plain.length, padded.length, (byte) 0xFF);
            assertThat(status(h.command(Opcode.FLASH_BEGIN, Arrays.copyOf(Packet.words(padded.length, 8, 0x400, OFFSET), beginLen)), 0)).isZero();
            for (int i = 0; i < 8; i++) {
                assertThat(status(h.dataCommand(Opcode.FLASH_DATA, Arrays.copyOfRange(padded, i * 0x400, (i + 1) * 0x400), i), 0)).isZero();
            }
            assertThat(RomStubDifferencesTest.flash(h, OFFSET, padded.length)).isEqualTo(padded);
            if (!esp8266) {
                // ---- ROM: compressed write, MD5, slow read, erase region
                byte[] data = image(12 * 1024, 2);
                byte[] z = SmokeTestSupport.deflate(data);
                int blocks = (z.length + 0x3FF) / 0x400;
                int romSize = (data.length + 0x3FF) / 0x400 * 0x400; // the ROM gets the size rounded to blocks
                assertThat(status(h.command(Opcode.FLASH_DEFL_BEGIN,
                        Arrays.copyOf(Packet.words(romSize, blocks, 0x400, OFFSET + 0x4000), beginLen)), 0)).isZero();
                for (int i = 0; i < blocks; i++) {
                    byte[] block = Arrays.copyOfRange(z, i * 0x400, Math.min(z.length, (i + 1) * 0x400));
                    assertThat(status(h.dataCommand(Opcode.FLASH_DEFL_DATA, block, i), 0)).isZero();
                }
                byte[] md5 = h.command(Opcode.SPI_FLASH_MD5, Packet.words(OFFSET + 0x4000, data.length, 0, 0));
                assertThat(new String(md5, 8, 32)).isEqualTo(md5Hex(data));
                byte[] slow = h.command(Opcode.READ_FLASH_SLOW, Packet.words(OFFSET + 0x4000, 64));
                assertThat(Arrays.copyOfRange(slow, 8, 72)).isEqualTo(Arrays.copyOf(data, 64));
                assertThat(status(h.command(Opcode.FLASH_BEGIN, Arrays.copyOf(Packet.words(0x1000, 4, 0x400, OFFSET + 0x4000), beginLen)), 0)).isZero();
                assertThat(RomStubDifferencesTest.flash(h, OFFSET + 0x4000, 0x1000)).containsOnly((byte) 0xFF);
            }

            // ---- stub upload
            h.command(Opcode.MEM_BEGIN, Packet.words(256, 1, 0x1800, 0x40000000));
            h.dataCommand(Opcode.MEM_DATA, new byte[256], 0);
            h.send(Opcode.MEM_END, Packet.words(0, 0x40000004));
            List<byte[]> ohai = h.frames();
            assertThat(new String(ohai.get(ohai.size() - 1))).isEqualTo("OHAI");

            // ---- stub: compressed write of 100 KiB, MD5, streaming read, erase region, erase flash
            byte[] data = image(100 * 1024, 3);
            byte[] z = SmokeTestSupport.deflate(data);
            int blocks = (z.length + 0x3FFF) / 0x4000;
            assertThat(Host.hex(h.command(Opcode.FLASH_DEFL_BEGIN, Packet.words(data.length, blocks, 0x4000, 0x100000)))).endsWith("0000");
            for (int i = 0; i < blocks; i++) {
                byte[] block = Arrays.copyOfRange(z, i * 0x4000, Math.min(z.length, (i + 1) * 0x4000));
                assertThat(Host.hex(h.dataCommand(Opcode.FLASH_DEFL_DATA, block, i))).endsWith("0000");
            }
            assertThat(Host.hex(h.command(Opcode.FLASH_DEFL_END, Packet.words(1)))).endsWith("0000");
            byte[] md5 = h.command(Opcode.SPI_FLASH_MD5, Packet.words(0x100000, data.length, 0, 0));
            assertThat(Host.hex(Arrays.copyOfRange(md5, 8, 24))).isEqualTo(md5Hex(data));

            h.send(Opcode.READ_FLASH, Packet.words(0x100000, data.length, 0x1000, 64));
            assertThat(Host.hex(h.frame())).endsWith("0000");
            java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
            while (read.size() < data.length) {
                byte[] f = h.frame();
                read.write(f);
                h.sendRaw(Slip.encode(Packet.words(read.size())));
            }
            assertThat(read.toByteArray()).isEqualTo(data);
            assertThat(Host.hex(h.frame())).isEqualTo(md5Hex(data));

            assertThat(Host.hex(h.command(Opcode.ERASE_REGION, Packet.words(0x100000, 0x1000)))).endsWith("0000");
            assertThat(RomStubDifferencesTest.flash(h, 0x100000, 0x1000)).containsOnly((byte) 0xFF);
            assertThat(RomStubDifferencesTest.flash(h, 0x101000, 16)).isEqualTo(Arrays.copyOfRange(data, 0x1000, 0x1010));
            assertThat(Host.hex(h.command(Opcode.ERASE_FLASH, new byte[0]))).endsWith("0000");
            assertThat(RomStubDifferencesTest.flash(h, 0, 4 << 20)).containsOnly((byte) 0xFF);
        }
    }
}
