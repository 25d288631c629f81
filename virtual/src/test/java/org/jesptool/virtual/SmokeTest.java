package org.jesptool.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.zip.Deflater;

import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void esp32c3RomSyncMagicAndSecurityInfo() throws Exception {
        try (Host h = new Host("virtual://esp32c3")) {
            h.classicReset();
            assertThat(h.noiseText()).contains("boot:0x5 (DOWNLOAD(USB/UART0/1))").contains("waiting for download");
            h.send(Opcode.SYNC, Opcode.syncPayload());
            List<byte[]> sync = h.frames();
            assertThat(sync).hasSize(8);
            assertThat(Host.hex(sync.get(0))).isEqualTo("010804000707122000000000");
            assertThat(Host.hex(h.command(Opcode.READ_REG, Packet.words(0x40001000)))).isEqualTo("010a04006f50311b00000000");
            assertThat(Host.hex(h.command(Opcode.GET_SECURITY_INFO, new byte[0])))
                    .isEqualTo("01141800" + "6f50311b" + "00000000" + "00" + "0000000000000c" + "05000000" + "03000000" + "00000000");
        }
    }

    @Test
    void esp32UnsupportedSecurityInfoRepeatsPreviousHeader() throws Exception {
        try (Host h = new Host("virtual://esp32")) {
            h.send(Opcode.SYNC, Opcode.syncPayload());
            h.frames();
            h.send(Opcode.GET_SECURITY_INFO, new byte[0]);
            List<byte[]> got = h.frames();
            assertThat(got).hasSize(8);
            assertThat(Host.hex(got.get(7))).isEqualTo("010804000707122001050000");
        }
    }

    @Test
    void stubUploadWriteCompressedAndReadBack() throws Exception {
        try (Host h = new Host("virtual://esp32c3")) {
            h.send(Opcode.SYNC, Opcode.syncPayload());
            h.frames();
            byte[] text = new byte[0x100];
            h.command(Opcode.MEM_BEGIN, Packet.words(text.length, 1, 0x1800, 0x40380000));
            h.dataCommand(Opcode.MEM_DATA, text, 0);
            h.send(Opcode.MEM_END, Packet.words(0, 0x403806D0));
            List<byte[]> got = h.frames();
            assertThat(got).hasSize(2);
            assertThat(new String(got.get(1))).isEqualTo("OHAI");

            byte[] image = new byte[256 * 1024];
            for (int i = 0; i < image.length; i++) {
                image[i] = (byte) (i * 7 + (i >> 10));
            }
            Deflater d = new Deflater(9);
            d.setInput(image);
            d.finish();
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            while (!d.finished()) {
                z.write(buf, 0, d.deflate(buf));
            }
            byte[] comp = z.toByteArray();
            int blocks = (comp.length + 0x3FFF) / 0x4000;
            assertThat(Host.hex(h.command(Opcode.FLASH_DEFL_BEGIN, Packet.words(image.length, blocks, 0x4000, 0x10000))))
                    .isEqualTo("01100200000000000000");
            for (int i = 0; i < blocks; i++) {
                byte[] block = java.util.Arrays.copyOfRange(comp, i * 0x4000, Math.min(comp.length, (i + 1) * 0x4000));
                assertThat(Host.hex(h.dataCommand(Opcode.FLASH_DEFL_DATA, block, i))).isEqualTo("01110200000000000000");
            }
            byte[] md5 = h.command(Opcode.SPI_FLASH_MD5, Packet.words(0x10000, image.length, 0, 0));
            assertThat(md5).hasSize(8 + 18);
            assertThat(java.util.Arrays.copyOfRange(md5, 8, 24))
                    .isEqualTo(java.security.MessageDigest.getInstance("MD5").digest(image));

            h.send(Opcode.READ_FLASH, Packet.words(0x10000, 0x2000, 0x1000, 64));
            assertThat(Host.hex(h.frame())).isEqualTo("01d20200000000000000");
            byte[] first = h.frame();
            assertThat(first).isEqualTo(java.util.Arrays.copyOfRange(image, 0, 0x1000));
            h.sendRaw(org.jesptool.protocol.Slip.encode(Packet.words(0x1000)));
            byte[] second = h.frame();
            assertThat(second).isEqualTo(java.util.Arrays.copyOfRange(image, 0x1000, 0x2000));
            h.sendRaw(org.jesptool.protocol.Slip.encode(Packet.words(0x2000)));
            assertThat(h.frame()).isEqualTo(java.security.MessageDigest.getInstance("MD5")
                    .digest(java.util.Arrays.copyOfRange(image, 0, 0x2000)));
        }
    }
}
