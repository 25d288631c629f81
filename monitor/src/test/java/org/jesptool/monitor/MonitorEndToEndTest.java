package org.jesptool.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jesptool.monitor.symbols.Symbolizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor against the virtual device: a real IDF bootloader in flash, the ROM's boot log explained, and
 * an app log with a panic whose backtrace is decoded with the app's real ELF (checked against addr2line).
 */
class MonitorEndToEndTest {
    @TempDir
    Path dir;

    /** Code addresses of the broadcaster app: app_main, main_task, and abort with xPortGetCoreID inlined. */
    static final String[] PCS = {"0x40106a9b", "0x400d0683", "0x400883f5"};

    static String panicLog(Path elf) throws Exception {
        String sha = Symbolizer.load(elf).sha256Hex();
        return "I (29) boot: ESP-IDF v3.3.1 2nd stage bootloader\r\n"
                + "I (206) cpu_start: Pro cpu start user code\r\n"
                + "I (224) app_init: ELF file SHA256:  " + sha.substring(0, 16) + "...\r\n"
                + "Guru Meditation Error: Core  0 panic'ed (LoadProhibited). Exception was unhandled.\r\n"
                + "Core  0 register dump:\r\n"
                + "PC      : " + PCS[0] + "  PS      : 0x00060033  A0      : 0x800d0686  A1      : 0x3ffb5690  \r\n"
                + "\r\n"
                + "Backtrace: " + PCS[0] + ":0x3ffb5690 " + PCS[1] + ":0x3ffb56b0 " + PCS[2] + ":0x3ffb56d0\r\n"
                + "\r\n"
                + "ELF file SHA256: " + sha.substring(0, 9) + "\r\n"
                + "\r\n"
                + "Rebooting...\r\n";
    }

    @Test
    void bootLogAndPanicDecodedThroughVirtualPort() throws Exception {
        Path elf = Fixtures.idfElf();
        Path log = dir.resolve("app.log");
        Files.writeString(log, panicLog(elf));
        Path flash = Fixtures.flash(dir, Fixtures.CORE_FLASH.resolve("bootloader_esp32.bin"), 0x1000);
        MonitorSession.Options o = Fixtures.options("virtual://esp32?boot=app&image=" + flash + "&app-log=" + log
                + "&app-reset=panic", Duration.ofMillis(1500));
        o.elf = elf;
        Fixtures.Run r = Fixtures.run(o, new ByteArrayInputStream(new byte[0]));
        assertThat(r.status()).isZero();
        assertDecoded(r.out(), elf);
    }

    @Test
    void riscvRegisterAndStackDumpDecoded() throws Exception {
        Path elf = Fixtures.wild("esp32c3-pioidf-app.elf");
        String sha = Symbolizer.load(elf).sha256Hex();
        Path log = dir.resolve("app.log");
        Files.writeString(log, "Guru Meditation Error: Core  0 panic'ed (Store access fault). Exception was unhandled.\r\n"
                + "\r\nCore  0 register dump:\r\n"
                + "MEPC    : 0x42000450  RA      : 0x420194b0  SP      : 0x3fc93a80  GP      : 0x3fc8b320  \r\n"
                + "\r\nStack memory:\r\n"
                + "3fc93a80: 0x00000030 0x00000021 0x3fc8aedc 0x40386b40 0xa5a5a5a5 0xa5a5a5a5 0x3fc8aedc 0x00000000\r\n"
                + "\r\nELF file SHA256: " + sha.substring(0, 9) + "\r\n\r\nRebooting...\r\n");
        Path flash = Fixtures.flash(dir, Fixtures.CORE_FLASH.resolve("bootloader_esp32c3.bin"), 0);
        MonitorSession.Options o = Fixtures.options("virtual://esp32c3?boot=app&image=" + flash + "&app-log=" + log
                + "&app-reset=panic", Duration.ofMillis(1200));
        o.elf = elf;
        String out = Fixtures.run(o, new ByteArrayInputStream(new byte[0])).out();
        String[] pcs = {"0x42000450", "0x420194b0", "0x40386b40"};
        String[] lines = new String[pcs.length];
        for (int i = 0; i < pcs.length; i++) {
            List<String> a2l = Fixtures.addr2line(elf, pcs[i]);
            lines[i] = "--- " + pcs[i] + ": " + a2l.get(0) + " at " + a2l.get(1) + "\r\n";
        }
        assertThat(lines[0]).contains("app_main at ");
        Fixtures.assertLinesInOrder(out, "panic'ed (Store access fault)", "--- crash on core 0: the code wrote to an"
                + " address it may not access", "MEPC    : 0x42000450", lines[0], lines[1], "3fc93a80: 0x00000030",
                lines[2], "ELF file SHA256: ", "--- the app's ELF SHA-256 matches esp32c3-pioidf-app.elf",
                "rst:0xc (RTC_SW_CPU_RST),boot:0xc (SPI_FAST_FLASH_BOOT)");
    }

    static void assertDecoded(String out, Path elf) throws Exception {
        Fixtures.assertLinesInOrder(out,
                "rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n",
                "--- rst cause 1 (POWERON_RESET): power-on, or the EN (reset) pin was pulled low",
                "--- boot mode 0x13 (SPI_FAST_FLASH_BOOT): flash boot",
                "load:0x3ffc0000,len:0\r\n",
                "--- the ROM loads the 2nd-stage bootloader from flash",
                "entry 0x4009816c\r\n",
                "--- bootloader loaded; the ROM jumps to its entry point 0x4009816c",
                "ELF file SHA256:  ",
                "--- the app's ELF SHA-256 matches esp32-idf331broadcaster-app.elf",
                "Guru Meditation Error: Core  0 panic'ed (LoadProhibited)",
                "--- crash on core 0: the code read from an address that holds no memory",
                "Backtrace: ");
        // every backtrace PC as addr2line names it, inlined frames included
        int backtrace = out.indexOf("Backtrace: ");
        StringBuilder expected = new StringBuilder();
        for (String pc : PCS) {
            List<String> a2l = Fixtures.addr2line(elf, pc);
            for (int i = 0; i + 1 < a2l.size(); i += 2) {
                expected.append(i == 0 ? "--- " + pc + ": " : "---     (inlined by) ")
                        .append(a2l.get(i)).append(" at ").append(a2l.get(i + 1)).append("\r\n");
            }
        }
        assertThat(expected.toString()).contains("--- 0x40106a9b: app_main at ").contains("(inlined by) abort at ");
        assertThat(out.substring(backtrace)).contains(expected);
        Fixtures.assertLinesInOrder(out.substring(backtrace), "ELF file SHA256: ", "--- the app's ELF SHA-256 matches",
                "Rebooting...", "rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)",
                "--- rst cause 12 (SW_CPU_RESET): software restart of the CPU");
    }
}
