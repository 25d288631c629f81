package org.jesptool.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.jesptool.monitor.symbols.Symbolizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The boot-log and crash decoders line by line, and the DWARF reader against addr2line over many addresses. */
class DecoderTest {
    @TempDir
    Path dir;

    @Test
    void bootLinesInWords() {
        BootLogDecoder d = new BootLogDecoder();
        assertThat(d.decode("rst:0xf (BROWNOUT_RST),boot:0x8 (SPI_FAST_FLASH_BOOT)")).containsExactly(
                "rst cause 15 (BROWNOUT_RST): brown-out: the supply voltage dropped too low; check the power supply and USB cable",
                "boot mode 0x8 (SPI_FAST_FLASH_BOOT): flash boot (the boot strap, GPIO0 / GPIO9, was high): the ROM runs"
                        + " the bootloader from flash");
        assertThat(d.decode("rst:0x15 (USB_UART_HPSYS),boot:0x4 (DOWNLOAD(USB/UART0/SDIO_FEI_FEO))").get(1))
                .isEqualTo("boot mode 0x4 (DOWNLOAD(USB/UART0/SDIO_FEI_FEO)): download mode (the boot strap, GPIO0 /"
                        + " GPIO9, was low at reset): the ROM waits for esptool");
        assertThat(d.downloadMode()).isTrue();
        assertThat(d.decode(" ets Jan  8 2013,rst cause:4, boot mode:(3,6)")).containsExactly(
                "rst cause 4: hardware watchdog: the app hung", "boot mode (3,6): flash boot (GPIO0 high at reset)");
        // the invalid-header loop is explained once per boot
        assertThat(d.decode("invalid header: 0xffffffff")).singleElement().asString().startsWith("no bootloader where");
        assertThat(d.decode("invalid header: 0xffffffff")).isEmpty();
        assertThat(d.invalidHeaders()).isEqualTo(2);
        d.decode("rst:0x10 (RTCWDT_RTC_RST),boot:0xc (SPI_FAST_FLASH_BOOT)");
        assertThat(d.decode("invalid header: 0x00000000")).singleElement().asString()
                .contains("not a bootloader image (first word 0x00000000)");
        assertThat(d.decode("ets_main.c 333 ")).singleElement().asString().contains("ets_main.c line 333");
        assertThat(d.decode("Brownout detector was triggered")).singleElement().asString().startsWith("brown-out");
        assertThat(d.decode("Guru Meditation Error: Core  1 panic'ed (StoreProhibited). Exception was unhandled."))
                .singleElement().asString().startsWith("crash on core 1: the code wrote to an address");
        assertThat(d.decode("Exception (28):")).singleElement().asString().contains("LoadProhibited");
        assertThat(d.decode("I (318) main_task: Calling app_main()")).isEmpty();
    }

    @Test
    void crashLinesWithTheElf() throws Exception {
        Path elf = Fixtures.idfElf();
        CrashDecoder c = new CrashDecoder(Symbolizer.load(elf));
        // ESP8266-style stack words without 0x, Xtensa pairs, RISC-V style register dumps: code words only
        assertThat(c.decode("3ffffdf0:  40106a9b 3ffee638 400d0683 00000001 <")).containsExactly(
                "0x40106a9b: " + frame(elf, "0x40106a9b"), "0x400d0683: " + frame(elf, "0x400d0683"));
        assertThat(c.decode("MEPC    : 0x40106a9b  RA      : 0x3ffb5690")).hasSize(1);
        assertThat(c.decode("abort() was called at PC 0x400883f5 on core 0")).containsExactly(
                "0x400883f5: xPortGetCoreID at " + Fixtures.addr2line(elf, "0x400883f5").get(1),
                "    (inlined by) abort at " + Fixtures.addr2line(elf, "0x400883f5").get(3));
        // the ROM's own load lines are not app addresses
        assertThat(c.decode("load:0x40106a9b,len:4")).isEmpty();
        assertThat(c.decode("ELF file SHA256: 0123456789")).singleElement().asString()
                .startsWith("Warning: the app on the chip was not built from esp32-idf331broadcaster-app.elf");
        assertThat(c.decode("Backtrace: 0x40f00000:0x3ffb5690")).singleElement().asString()
                .contains("is not code of esp32-idf331broadcaster-app.elf");
        assertThat(new CrashDecoder(null).decode("Backtrace: 0x40106a9b:0x3ffb5690")).isEmpty();
    }

    private static String frame(Path elf, String pc) throws Exception {
        List<String> a = Fixtures.addr2line(elf, pc);
        return a.get(0) + " at " + a.get(1);
    }

    @Test
    void dwarfAgreesWithAddr2lineOnManyAddresses() throws Exception {
        Path elf = Fixtures.idfElf();
        Symbolizer s = Symbolizer.load(elf);
        Random r = new Random(7);
        int compared = 0;
        for (int i = 0; i < 60; i++) {
            long a = 0x400d0018L + r.nextInt(0x68083);
            List<String> ref = Fixtures.addr2line(elf, String.format("0x%08x", a));
            List<Symbolizer.Frame> ours = s.lookup(a);
            if (ref.get(0).startsWith("_Z")) {
                continue; // C++: addr2line prints the mangled linkage name, we print DW_AT_name
            }
            assertThat(ours).as("0x%08x", a).hasSize(ref.size() / 2);
            for (int k = 0; k < ours.size(); k++) {
                assertThat(ours.get(k).function()).as("0x%08x frame %d", a, k).isEqualTo(ref.get(2 * k));
                assertThat(ours.get(k).file() + ":" + (ours.get(k).line() == 0 ? "?" : ours.get(k).line()))
                        .as("0x%08x frame %d", a, k).isEqualTo(ref.get(2 * k + 1));
            }
            compared++;
        }
        assertThat(compared).isGreaterThan(40);
    }

    @Test
    void notAnElf() throws Exception {
        Path f = dir.resolve("app.bin");
        byte[] image = new byte[256];
        image[0] = (byte) 0xE9; // an app image given where the ELF belongs
        Files.write(f, image);
        assertThatThrownBy(() -> Symbolizer.load(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid ELF magic");
    }
}
