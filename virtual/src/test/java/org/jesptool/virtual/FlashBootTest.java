package org.jesptool.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the ROM prints when the chip boots from flash (strap in run mode), computed from the bootloader in
 * flash (monitor facts 1.2 - 1.6), checked line by line; then the application output played from a file.
 */
class FlashBootTest {
    @TempDir
    Path dir;

    private static final Path CORE_FLASH = Path.of("..", "test-support", "src", "main", "resources", "org", "jesptool", "testsupport", "flash"); // the shared fixtures

    @Test
    void esp32WithAnIdfBootloader() throws Exception {
        assertThat(boot("esp32", CORE_FLASH.resolve("bootloader_esp32.bin"), "")).containsExactly(
                "ets Jun  8 2016 00:22:57", "",
                "rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)",
                "configsip: 0, SPIWP:0x00",
                "clk_drv:0x00,q_drv:0x00,d_drv:0x00,cs0_drv:0x00,hd_drv:0x00,wp_drv:0x00",
                "mode:DIO, clock div:2",
                "load:0x3ffc0000,len:0",
                "load:0x3ffc0000,len:2876",
                "load:0x40078000,len:4200",
                "load:0x40098000,len:740",
                "entry 0x4009816c");
    }

    @Test
    void esp32c3WithAnIdfBootloader() throws Exception {
        assertThat(boot("esp32c3", CORE_FLASH.resolve("bootloader_esp32c3.bin"), "")).containsExactly(
                "ESP-ROM:esp32c3-api1-20210207", "Build:Feb  7 2021",
                "rst:0x1 (POWERON),boot:0xc (SPI_FAST_FLASH_BOOT)",
                "SPIWP:0xee",
                "mode:DIO, clock div:2",
                "load:0x3fcd6100,len:0x14",
                "load:0x3fcd6114,len:0x1864",
                "load:0x403c0000,len:0xde4",
                "load:0x403c2000,len:0x1e8c",
                "entry 0x403c0000");
    }

    @Test
    void esp8266At74880WithRoomTailAndChecksums() throws Exception {
        // segments 1396, 776, 540 bytes: room 16 -> tail (1396-16)%16 = 4, room 12, header -> 4;
        // 776: tail (776-4)%16 = 4, room 12 -> 4; 540: tail (540-4)%16 = 8
        assertThat(boot("esp8266", CORE_FLASH.resolve("bootloader_esp8266.bin"), "&baud=74880")).containsExactly(
                "", " ets Jan  8 2013,rst cause:2, boot mode:(3,6)", "",
                "load 0x40100000, len 1396, room 16 ", "tail 4", "chksum 0x89",
                "load 0x3ffe8000, len 776, room 4 ", "tail 4", "chksum 0xe8",
                "load 0x3ffe8308, len 540, room 4 ", "tail 8", "chksum 0xc0",
                "csum 0xc0");
    }

    @Test
    void esp32HoTailRoomLineWhenASegmentHeaderStraddlesTheBuffer() throws Exception {
        // facts 1.3: segments of 8188, 14840, 3960 bytes give "ho 0 tail 12 room 4" between them
        byte[] image = image(0xE9, 0x40080694L, 24, new long[] {0x3fff0030L, 0x40078000L, 0x40080400L},
                new int[] {8188, 14840, 3960});
        image[8] = (byte) 0xEE;
        assertThat(boot("esp32", write(image), "")).containsSequence(
                "mode:DIO, clock div:2",
                "load:0x3fff0030,len:8188", "ho 0 tail 12 room 4",
                "load:0x40078000,len:14840", "ho 0 tail 12 room 4",
                "load:0x40080400,len:3960",
                "entry 0x40080694");
    }

    @Test
    void checksumAndChipIdFailuresEndInTheRomsFatalLine() throws Exception {
        byte[] image = image(0xE9, 0x403c0000L, 24, new long[] {0x3fcd6100L}, new int[] {16});
        image[12] = 5; // chip id: ESP32-C3
        image[image.length - 1] ^= 1;
        assertThat(boot("esp32c3", write(image), "")).endsWith(
                "load:0x3fcd6100,len:0x10", "Checksum failure. Calculated 0x%02x stored 0x%02x".formatted(
                        (image[image.length - 1] ^ 1) & 0xFF, image[image.length - 1] & 0xFF), "ets_main.c 333 ");
        image[image.length - 1] ^= 1;
        image[12] = 9;
        assertThat(boot("esp32c3", write(image), "")).endsWith(
                "mode:DIO, clock div:2", "Invalid chip id. Expected 5 read 9. Bootloader for wrong chip?",
                "ets_main.c 333 ");
    }

    @Test
    void erasedFlashLoopsOnInvalidHeaderUntilTheWatchdogResets() throws Exception {
        try (Host h = new Host("virtual://esp32c3?boot=app")) {
            String text = h.awaitNoise("RTCWDT_RTC_RST");
            List<String> lines = Arrays.asList(text.split("\r\n", -1));
            assertThat(lines.subList(0, 12)).containsExactly("ESP-ROM:esp32c3-api1-20210207", "Build:Feb  7 2021",
                    "rst:0x1 (POWERON),boot:0xc (SPI_FAST_FLASH_BOOT)",
                    "invalid header: 0xffffffff", "invalid header: 0xffffffff", "invalid header: 0xffffffff",
                    "invalid header: 0xffffffff", "invalid header: 0xffffffff", "invalid header: 0xffffffff",
                    "invalid header: 0xffffffff", "invalid header: 0xffffffff", "ESP-ROM:esp32c3-api1-20210207");
            assertThat(lines.get(13)).isEqualTo("rst:0x10 (RTCWDT_RTC_RST),boot:0xc (SPI_FAST_FLASH_BOOT)");
        }
    }

    @Test
    void erasedEsp32AndEsp8266() throws Exception {
        try (Host h = new Host("virtual://esp32?boot=app")) {
            assertThat(h.awaitNoise("RTCWDT_RTC_RESET")).startsWith("ets Jun  8 2016 00:22:57\r\n\r\n"
                    + "rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\nflash read err, 1000\r\nets_main.c 371 \r\n"
                    + "ets Jun  8 2016 00:22:57\r\n\r\nrst:0x10 (RTCWDT_RTC_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n");
        }
        try (Host h = new Host("virtual://esp8266?boot=app&baud=74880")) {
            Thread.sleep(500);
            assertThat(h.noiseText()).isEqualTo("\r\n ets Jan  8 2013,rst cause:2, boot mode:(3,6)\r\n\r\nets_main.c ");
        }
        try (Host h = new Host("virtual://esp32c5?boot=app")) { // the C5 ROM retries three times, then fails
            assertThat(h.awaitNoise("RTC_WDT_SYS")).contains("(SPI_FAST_FLASH_BOOT)\r\n"
                    + "invalid header: 0xffffffff\r\n".repeat(3) + "ESP-ROM:");
        }
    }

    @Test
    void wildBootloadersOfTheOtherChips() throws Exception {
        Path wild = Shared.dir().resolve("conformance").resolve("wild");
        assertThat(boot("esp32c6", wild.resolve("esp32c6-zigbeepzem-bootloader.bin"), "")).containsExactly(
                "ESP-ROM:esp32c6-20220919", "Build:Sep 19 2022", "rst:0x1 (POWERON),boot:0xc (SPI_FAST_FLASH_BOOT)",
                "SPIWP:0xee", "mode:DIO, clock div:2", "load:0x40875720,len:0x1804", "load:0x4086c410,len:0xe58",
                "load:0x4086e610,len:0x2e20", "entry 0x4086c41a");
        assertThat(boot("esp32h2", wild.resolve("esp32h2-arduinoblink-bootloader.bin"), "")).containsSequence(
                "SPIWP:0xee", "mode:DIO, clock div:1", "load:0x4083cfd0,len:0xc3c", "load:0x4083efd0,len:0x2df8",
                "load:0x408460e8,len:0x10d8", "entry 0x4083cfd0");
        assertThat(boot("esp32c5", wild.resolve("esp32c5-espflash-bootloader.bin"), "")).containsSequence(
                "rst:0x1 (POWERON),boot:0x1c (SPI_FAST_FLASH_BOOT)", "SPIWP:0xee", "SPI mode:DIO, clock div:1",
                "load:0x408556c0,len:0x15a0", "load:0x4084bba0,len:0xdc0", "load:0x4084e5a0,len:0x3268",
                "entry 0x4084bbaa");
        assertThat(boot("esp32p4", wild.resolve("esp32p4-espflash-bootloader.bin"), "")).containsSequence(
                "SPI mode:DIO, clock div:1", "load:0x4ffb60d0,len:0x1508", "load:0x4ffab2c0,len:0x1114",
                "load:0x4ffadfc0,len:0x36c8", "entry 0x4ffab2ca");
        // the ESP32-C2's ROM prints at 74880 with its usual 26 MHz crystal
        assertThat(boot("esp32c2", wild.resolve("esp32c2-espflash-bootloader.bin"), "&baud=74880")).containsSequence(
                "rst:0x1 (POWERON),boot:0xc (SPI_FAST_FLASH_BOOT)", "SPIWP:0xee", "mode:DIO, clock div:1",
                "load:0x3fcd5c80,len:0x1580", "load:0x403ac370,len:0xc50", "load:0x403aeb70,len:0x2acc",
                "entry 0x403ac37a");
        assertThat(boot("esp32", wild.resolve("esp32-idf331broadcaster-bootloader.bin"), "")).containsSequence(
                "mode:DIO, clock div:2", "load:0x3fff0018,len:4", "load:0x3fff001c,len:6760",
                "load:0x40078000,len:12072", "load:0x40080400,len:6708", "entry 0x40080778");
    }

    @Test
    void applicationOutputIsPlayedAfterTheRomAndAPanicResetsTheChip() throws Exception {
        Path log = dir.resolve("app.log");
        Files.writeString(log, "I (31) boot: ESP-IDF v5.3.1 2nd stage bootloader\r\nGuru Meditation Error: Core  0 panic'ed"
                + " (Store access fault). Exception was unhandled.\r\nRebooting...\r\n");
        Path flash = write(Files.readAllBytes(CORE_FLASH.resolve("bootloader_esp32c3.bin")), 0);
        try (Host h = new Host("virtual://esp32c3?boot=app&image=" + flash + "&app-log=" + log + "&app-reset=panic")) {
            String text = h.awaitNoise("rst:0xc");
            Thread.sleep(300);
            text = h.noiseText();
            assertThat(text).contains("entry 0x403c0000\r\nI (31) boot: ESP-IDF v5.3.1 2nd stage bootloader\r\n"
                    + "Guru Meditation Error")
                    .contains("Rebooting...\r\nESP-ROM:esp32c3-api1-20210207\r\nBuild:Feb  7 2021\r\n"
                            + "rst:0xc (RTC_SW_CPU_RST),boot:0xc (SPI_FAST_FLASH_BOOT)\r\nSPIWP:0xee\r\n");
            // played once per hard reset: the reboot after the panic shows the ROM only
            assertThat(text.split("Guru Meditation", -1)).hasSize(2);
            h.clearNoise();
            h.port.setRts(true);
            h.port.setRts(false);
            assertThat(h.awaitNoise("Rebooting")).contains("rst:0x1 (POWERON)").contains("Guru Meditation");
        }
    }

    @Test
    void noReplyBoardSendsNothing() throws Exception {
        try (Host h = new Host("virtual://esp32?boot=app&no-reply=1")) {
            Thread.sleep(100);
            h.port.setRts(true);
            h.port.setRts(false);
            Thread.sleep(100);
            assertThat(h.noiseText()).isEmpty();
        }
    }

    private List<String> boot(String chip, Path bootloader, String options) throws Exception {
        Assumptions.assumeTrue(Files.exists(bootloader) || Shared.required(), "missing " + bootloader);
        Path flash = write(Files.readAllBytes(bootloader), Chips.byName(chip).bootloaderOffset);
        try (Host h = new Host("virtual://" + chip + "?boot=app&image=" + flash + options)) {
            Thread.sleep(150);
            String text = h.noiseText();
            List<String> lines = Arrays.asList(text.split("\r\n", -1));
            assertThat(lines.get(lines.size() - 1)).isEmpty(); // every line ends in CR LF
            return lines.subList(0, lines.size() - 1);
        }
    }

    /** A file holding just the image (boot() puts it at the chip's bootloader offset). */
    private Path write(byte[] image) throws IOException {
        Path p = Files.createTempFile(dir, "image", ".bin");
        Files.write(p, image);
        return p;
    }

    private Path write(byte[] image, int offset) throws IOException {
        byte[] f = new byte[1 << 20];
        Arrays.fill(f, (byte) 0xFF);
        System.arraycopy(image, 0, f, offset, image.length);
        Path p = Files.createTempFile(dir, "flash", ".bin");
        Files.write(p, f);
        return p;
    }

    /** An image with the given segments (zero-filled data), checksum in place, as esptool lays it out. */
    static byte[] image(int magic, long entry, int headerLen, long[] addrs, int[] lens) {
        int size = headerLen;
        for (int l : lens) {
            size += 8 + l;
        }
        int padded = (size + 16) & ~15;
        byte[] b = new byte[padded];
        b[0] = (byte) magic;
        b[1] = (byte) addrs.length;
        b[2] = 2;
        b[3] = 0x20;
        putU32(b, 4, entry);
        int pos = headerLen;
        int sum = 0xEF;
        for (int i = 0; i < addrs.length; i++) {
            putU32(b, pos, addrs[i]);
            putU32(b, pos + 4, lens[i]);
            for (int k = 0; k < lens[i]; k++) {
                b[pos + 8 + k] = (byte) (k * 7 + i);
                sum ^= b[pos + 8 + k] & 0xFF;
            }
            pos += 8 + lens[i];
        }
        b[padded - 1] = (byte) sum;
        return b;
    }

    private static void putU32(byte[] b, int off, long v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >> (8 * i));
        }
    }

    /** Where ../shared is (beside the repository), and whether its absence is a failure (CI=true). */
    static final class Shared {
        static Path dir() {
            Path p = Path.of(System.getProperty("jesptool.shared", "../../shared"));
            Assumptions.assumeTrue(Files.isDirectory(p) || required(), "../shared is not beside the repository");
            return p;
        }

        static boolean required() {
            return "true".equals(System.getenv("CI"));
        }
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
