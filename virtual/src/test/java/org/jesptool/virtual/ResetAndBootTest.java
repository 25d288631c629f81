package org.jesptool.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.junit.jupiter.api.Test;

/** DTR/RTS wiring, strapping, boot banners, and what the chip does when it is not in download mode. */
class ResetAndBootTest {
    @Test
    void classicResetEntersDownloadModeOnlyWithTheStrapLine() throws Exception {
        try (Host h = new Host("virtual://esp32?boot=app")) {
            assertThat(h.noiseText()).contains("rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)")
                    .contains("flash read err, 1000");
            h.send(Opcode.SYNC, Opcode.syncPayload());
            assertThat(h.frames()).isEmpty(); // the "application" does not speak the protocol
            h.clearNoise();
            h.classicReset();
            assertThat(h.noiseText()).isEqualTo("ets Jun  8 2016 00:22:57\r\n\r\n"
                    + "rst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\nwaiting for download\r\n");
            h.send(Opcode.SYNC, Opcode.syncPayload());
            assertThat(h.frames()).hasSize(8);
            // hard reset: RTS pulse with DTR released
            h.clearNoise();
            h.port.setRts(true);
            h.send(Opcode.SYNC, Opcode.syncPayload());
            assertThat(h.frames()).isEmpty(); // held in reset
            h.port.setRts(false);
            assertThat(h.noiseText()).contains("boot:0x13 (SPI_FAST_FLASH_BOOT)");
        }
    }

    @Test
    void classicResetWithSeparateLineWritesStillEntersDownloadMode() throws Exception {
        // pyserial sets DTR and RTS one after the other: (0,1) -> (1,1) releases reset with the strap high
        // for a moment; the strap is sampled later, when EN has risen through its RC delay
        try (Host h = new Host("virtual://esp32s3?boot=app&reset-delay=2000")) {
            h.port.setDtr(false);
            h.port.setRts(true);
            h.port.setDtr(true);
            h.port.setRts(false);
            h.clearNoise();
            h.send(Opcode.SYNC, Opcode.syncPayload());
            assertThat(h.frames()).hasSize(8);
        }
    }

    @Test
    void unixTightResetSequence() throws Exception {
        try (Host h = new Host("virtual://esp32c3?boot=app")) {
            h.port.setDtrRts(false, false);
            h.port.setDtrRts(true, true);
            h.port.setDtrRts(false, true);
            h.port.setDtrRts(true, false);
            h.port.setDtrRts(false, false);
            h.port.setDtr(false);
            assertThat(h.noiseText()).endsWith("ESP-ROM:esp32c3-api1-20210207\r\nBuild:Feb  7 2021\r\n"
                    + "rst:0x1 (POWERON),boot:0x5 (DOWNLOAD(USB/UART0/1))\r\nwaiting for download\r\n");
        }
    }

    @Test
    void usbJtagSerialResetSequence() throws Exception {
        try (Host h = new Host("virtual://esp32c3?boot=app&usb=jtag")) {
            h.clearNoise();
            h.port.setDtrRts(false, false);
            h.port.setDtr(true);
            h.port.setRts(false);
            h.port.setRts(true);
            h.port.setDtr(false);
            h.port.setRts(true);
            h.port.setDtrRts(false, false);
            assertThat(h.noiseText()).contains("rst:0x15 (USB_UART_CHIP_RESET),boot:0x5 (DOWNLOAD(USB/UART0/1))");
            // a plain RTS pulse on the USB-Serial/JTAG port boots the application
            h.clearNoise();
            h.port.setRts(true);
            h.port.setRts(false);
            assertThat(h.noiseText()).contains("boot:0xc (SPI_FAST_FLASH_BOOT)").contains("invalid header: 0xffffffff");
        }
    }

    @Test
    void esp8266BannerIsPrintedAt74880Baud() throws Exception {
        try (Host h = new Host("virtual://esp8266?boot=app")) {
            h.port.setBaudRate(74880);
            h.clearNoise();
            h.classicReset();
            assertThat(h.noiseText()).isEqualTo("\r\n ets Jan  8 2013,rst cause:2, boot mode:(1,7)\r\n\r\n");
            h.port.setBaudRate(115200);
            h.send(Opcode.SYNC, Opcode.syncPayload()); // the ROM detects the host's baud rate from SYNC
            assertThat(h.frames()).hasSize(8);
            h.clearNoise();
            h.classicReset(); // at 115200 the banner arrives garbled, as on a real board
            assertThat(h.noiseText()).doesNotContain("ets Jan")
                    .hasSize("\r\n ets Jan  8 2013,rst cause:2, boot mode:(1,7)\r\n\r\n".length());
        }
    }

    @Test
    void aHeaderAloneFailsTheRomsChecks() throws Exception {
        try (Host h = new Host("virtual://esp32c3?boot=app")) {
            Device d = ((InProcessPort) h.port).device();
            d.flash.program(0, new byte[] {(byte) 0xE9, 3, 2, 0x20}, 0, 4);
            h.clearNoise();
            h.port.setRts(true);
            h.port.setRts(false);
            // the rest of the header is erased: wp pin 0xff, drive strengths 0xf, chip id 0xffff
            assertThat(h.noiseText()).contains("boot:0xc (SPI_FAST_FLASH_BOOT)\r\nSPIWP:0xff\r\n")
                    .endsWith("Invalid chip id. Expected 5 read 65535. Bootloader for wrong chip?\r\nets_main.c 333 \r\n");
        }
    }

    @Test
    void stubFlashEndWithRebootFallsBackToTheRom() throws Exception {
        try (Host h = RomStubDifferencesTest.stub("esp32")) {
            h.command(Opcode.FLASH_BEGIN, Packet.words(0, 0, 0x4000, 0));
            h.clearNoise();
            assertThat(Host.hex(h.command(Opcode.FLASH_END, Packet.words(0)))).isEqualTo("01040200000000000000");
            assertThat(h.noiseText()).contains("rst:0x3 (SW_RESET),boot:0x3 (DOWNLOAD_BOOT");
            h.send(Opcode.SYNC, Opcode.syncPayload());
            List<byte[]> r = h.frames();
            assertThat(r).hasSize(8);
            assertThat(Packet.u32(r.get(0), 4)).isEqualTo(0x20120707); // the ROM again, not the stub
        }
    }

    @Test
    void romFlashEndWithRunLeavesTheLoader() throws Exception {
        try (Host h = ChipIdentityTest.synced("virtual://esp8266")) {
            h.command(Opcode.FLASH_BEGIN, Packet.words(0, 0, 0x400, 0));
            h.command(Opcode.FLASH_END, Packet.words(1));
            h.send(Opcode.SYNC, Opcode.syncPayload());
            assertThat(h.frames()).isEmpty();
        }
    }

    @Test
    void rtcWatchdogResetAsEsptoolDoesIt() throws Exception {
        try (Host h = RomStubDifferencesTest.stub("esp32s3")) {
            Device d = RomStubDifferencesTest.device(h);
            d.config.strapDownload = false; // the strap is free: after the reset the application runs
            SpiCommand.writeReg(h, 0x600080B0, 0x50D83AA1); // unlock
            SpiCommand.writeReg(h, 0x6000809C, 2000);
            SpiCommand.writeReg(h, 0x60008098, (1 << 31) | (5 << 28) | (1 << 8) | 2);
            // lock: the reset follows about 15 ms after arming, so whether this is still answered depends
            // on scheduling (esptool sleeps 0.5 s here and does not rely on it either)
            h.send(Opcode.WRITE_REG, Packet.words(0x600080B0, 0, 0xFFFFFFFF, 0));
            // no clearNoise() here: the reset may already have printed its banner (a race with this thread)
            assertThat(h.awaitNoise("RTCWDT")).contains("rst:0x10 (RTCWDT_RTC_RST),boot:0x8 (SPI_FAST_FLASH_BOOT)");
        }
        try (Host h = new Host("virtual://esp32s3?boot=app")) {
            h.classicReset();
            h.send(Opcode.SYNC, Opcode.syncPayload());
            assertThat(h.frames()).hasSize(8);
            SpiCommand.writeReg(h, 0x6000812C, 1); // RTC_CNTL_OPTION1: force download boot
            SpiCommand.writeReg(h, 0x60008098, (1 << 31) | (5 << 28) | (1 << 8) | 2);
            assertThat(h.awaitNoise("RTCWDT")).contains("rst:0x10 (RTCWDT_RTC_RST),boot:0x0 (DOWNLOAD(USB/UART0))");
        }
    }

    @Test
    void stubAlreadyRunningAnswersSyncWithZero() throws Exception {
        try (Host h = new Host("virtual://esp32s3?stub=1")) {
            assertThat(h.frames()).hasSize(1).allSatisfy(f -> assertThat(new String(f)).isEqualTo("OHAI"));
            h.send(Opcode.SYNC, Opcode.syncPayload());
            assertThat(h.frames()).hasSize(8).allSatisfy(f -> assertThat(Packet.u32(f, 4)).isZero());
        }
    }
}
