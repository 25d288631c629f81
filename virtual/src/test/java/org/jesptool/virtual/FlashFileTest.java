package org.jesptool.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional flash image file: created erased, kept between runs, checked at startup. */
class FlashFileTest {
    @TempDir
    Path dir;

    @Test
    void createdErasedAndPersistent() throws Exception {
        Path f = dir.resolve("flash.bin");
        try (Host h = ChipIdentityTest.synced("virtual://esp32c3?flash=2MB&image=" + f)) {
            assertThat(Files.size(f)).isEqualTo(2 << 20);
            h.command(Opcode.FLASH_BEGIN, Packet.words(0x1000, 4, 0x400, 0x1000, 0));
            byte[] block = new byte[0x400];
            assertThat(h.dataCommand(Opcode.FLASH_DATA, block, 0)[9]).isZero();
        }
        byte[] content = Files.readAllBytes(f);
        assertThat(content[0]).isEqualTo((byte) 0xFF);
        assertThat(content[0x1000]).isEqualTo((byte) 0);
        assertThat(content[0x1400]).isEqualTo((byte) 0xFF);
        // reopened: the size comes from the file when not given, contents are kept
        try (Host h = ChipIdentityTest.synced("virtual://esp32c3?image=" + f)) {
            byte[] md5 = h.command(Opcode.SPI_FLASH_MD5, Packet.words(0x1000, 0x400, 0, 0));
            assertThat(new String(md5, 8, 32)).isEqualTo("0f343b0931126a20f133d67c2b018a3b");
        }
        assertThat(Files.size(f)).isEqualTo(2 << 20);
    }

    @Test
    void wrongSizeIsAClearError() throws Exception {
        Path f = dir.resolve("small.bin");
        Files.write(f, new byte[1 << 20]);
        assertThatThrownBy(() -> VirtualPort.open("virtual://esp32?flash=4MB&image=" + f))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("1048576 bytes")
                .hasMessageContaining("4MB");
        assertThat(Files.size(f)).isEqualTo(1 << 20); // untouched
        Path odd = dir.resolve("odd.bin");
        Files.write(odd, new byte[12345]);
        assertThatThrownBy(() -> VirtualPort.open("virtual://esp32?image=" + odd))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(odd.toString())
                .hasMessageContaining("not a raw flash image");
    }

    @Test
    void optionErrorsNameTheProblem() {
        assertThatThrownBy(() -> VirtualPort.open("virtual://esp99")).hasMessageContaining("unknown chip 'esp99'");
        assertThatThrownBy(() -> VirtualPort.open("virtual://esp32?flash=3MB")).hasMessageContaining("power of two");
        assertThatThrownBy(() -> VirtualPort.open("virtual://esp32?colour=red")).hasMessageContaining("unknown option 'colour'");
        assertThatThrownBy(() -> VirtualPort.open("virtual://esp32?mac=1:2")).hasMessageContaining("mac must look like");
        assertThatThrownBy(() -> VirtualPort.open("virtual://esp32?usb=jtag")).hasMessageContaining("ESP32 has no USB-Serial/JTAG");
        assertThatThrownBy(() -> VirtualPort.open("virtual://esp32c3?usb=otg")).hasMessageContaining("use usb=uart or usb=jtag");
    }
}
