package org.jesptool.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jesptool.target.Chip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's decisions (retry, resume, skip, verify, failure report) against an in-memory loader. */
class FlashWriterLogicTest {
    static final Chip ESP32 = MemoryLoader.chip("esp32");
    static final Chip ESP8266 = MemoryLoader.chip("esp8266");

    static byte[] firmware(int length, long seed) {
        byte[] d = new byte[length];
        Random r = new Random(seed);
        for (int i = 0; i < length; i++) {
            d[i] = (byte) (i % 3 == 0 ? r.nextInt(16) : i >> 6);
        }
        return d;
    }

    private static byte[] flashAt(MemoryLoader l, int address, int length) {
        return Arrays.copyOfRange(l.flash, address, address + length);
    }

    @Test
    void stubWriteLeavesExactBytesAndEndsOnce() throws Exception {
        MemoryLoader l = new MemoryLoader(4 << 20, true, ESP32);
        byte[] app = firmware(0x25003, 1);
        List<FileResult> r = new Flasher(l).write(List.of(new FlashFile(0x10000, app, "app.bin")),
                new WriteOptions());
        assertThat(flashAt(l, 0x10000, app.length)).isEqualTo(app);
        assertThat(flashAt(l, 0x10000 + app.length, 1)).containsExactly(0xFF); // 4-byte pad
        assertThat(r.get(0).verified()).isTrue();
        assertThat(r.get(0).wireBytes()).isLessThan(app.length);
        assertThat(l.log.stream().filter(s -> s.startsWith("FLASH_DEFL_END"))).hasSize(1);
        assertThat(l.log).filteredOn(s -> s.startsWith("FLASH_DEFL_BEGIN")).containsExactly(
                "FLASH_DEFL_BEGIN 10000 25004"); // one stream for the whole file
    }

    @Test
    void romWriteOnEsp8266IsPlainWithoutEndAndUnverified() throws Exception {
        MemoryLoader l = new MemoryLoader(1 << 20, false, ESP8266);
        byte[] app = firmware(0x3000, 2);
        List<String> messages = new ArrayList<>();
        List<FileResult> r = new Flasher(l).listener(new ProgressListener() {
            @Override
            public void message(String text) {
                messages.add(text);
            }
        }).write(List.of(new FlashFile(0, app, "app.bin")), new WriteOptions());
        assertThat(flashAt(l, 0, app.length)).isEqualTo(app);
        assertThat(l.log).noneMatch(s -> s.contains("END") || s.contains("DEFL") || s.startsWith("MD5"));
        assertThat(r.get(0).verified()).isFalse();
        assertThat(messages).anyMatch(m -> m.contains("will NOT be verified"));
        assertThatThrownBy(() -> new Flasher(l).write(List.of(new FlashFile(0, app, "a")),
                new WriteOptions().compress(true))).hasMessageContaining("cannot take compressed data");
    }

    @Test
    void retriesBlocksOnTimeoutAndChecksumErrors() throws Exception {
        MemoryLoader l = new MemoryLoader(4 << 20, true, ESP32);
        l.timeoutAt = i -> i == 1 || i == 2;
        l.corruptAt = i -> i == 5;
        byte[] app = firmware(0x30000, 3);
        new Flasher(l).write(List.of(new FlashFile(0x10000, app, "app.bin")), new WriteOptions().compress(false));
        assertThat(flashAt(l, 0x10000, app.length)).isEqualTo(app);
    }

    @Test
    void rewritesSegmentsThatFailVerification() throws Exception {
        MemoryLoader l = new MemoryLoader(4 << 20, true, ESP32);
        l.flipAt = i -> i == 4; // second segment, silently wrong
        byte[] app = firmware(0x30000, 4);
        List<String> messages = new ArrayList<>();
        new Flasher(l).listener(new ProgressListener() {
            @Override
            public void message(String text) {
                messages.add(text);
            }
        }).write(List.of(new FlashFile(0x10000, app, "app.bin")), new WriteOptions().compress(false));
        assertThat(flashAt(l, 0x10000, app.length)).isEqualTo(app);
        assertThat(messages).anyMatch(m -> m.startsWith("Verification of app.bin failed"));
        // plain units go as one stream; the rewrite sends only the bad 64 KiB unit
        assertThat(l.log).filteredOn(s -> s.startsWith("FLASH_BEGIN")).containsExactly("FLASH_BEGIN 10000 30000",
                "FLASH_BEGIN 20000 10000");
    }

    @Test
    void neverReportsSuccessWhenFlashStaysWrong() {
        MemoryLoader l = new MemoryLoader(4 << 20, true, ESP32);
        l.flipAt = i -> true;
        byte[] boot = firmware(0x5000, 5);
        byte[] app = firmware(0x30000, 6);
        assertThatThrownBy(() -> new Flasher(l).write(List.of(new FlashFile(0x1000, boot, "boot.bin"),
                new FlashFile(0x10000, app, "app.bin")), new WriteOptions().compress(false)))
                .isInstanceOf(FlashException.class)
                .hasMessageContaining("Verification of boot.bin failed")
                .hasMessageContaining("0x00001000-0x00005fff boot.bin: partly written or erased")
                .hasMessageContaining("0x00010000-0x0003ffff app.bin: not written: previous contents kept")
                .hasMessageContaining("To finish the job, run: esptool write-flash --skip-flashed 0x1000 boot.bin "
                        + "0x10000 app.bin");
    }

    @Test
    void flashThatReadsBackEmptyIsReportedAsSuch() {
        MemoryLoader l = new MemoryLoader(4 << 20, true, ESP32);
        l.writeProtected = true;
        assertThatThrownBy(() -> new Flasher(l).write(List.of(new FlashFile(0x10000, firmware(0x8000, 1), "app.bin")),
                new WriteOptions()))
                .hasMessageContaining("Write failed: the flash region 0x00010000-0x00017fff of app.bin reads back "
                        + "empty (all 0xFF) after writing, twice")
                .hasMessageContaining("app.bin: partly written or erased");
    }

    @Test
    void deadLinkWithoutRecoveryReportsWhatIsWritten() {
        MemoryLoader l = new MemoryLoader(4 << 20, true, ESP32);
        byte[] app = firmware(0x280000, 7); // plain: streams of 16, 16 and 8 units
        l.timeoutAt = i -> {
            if (i >= 70) {
                l.dead = true;
            }
            return false;
        };
        assertThatThrownBy(() -> new Flasher(l).write(List.of(new FlashFile(0x10000, app, "app.bin")),
                new WriteOptions().compress(false)))
                .hasMessageContaining("Writing app.bin at 0x00110000 failed: port closed")
                .hasMessageContaining("0x00010000-0x0010ffff app.bin: written, not verified")
                .hasMessageContaining("0x00110000-0x0020ffff app.bin: partly written or erased")
                .hasMessageContaining("0x00210000-0x0028ffff app.bin: not written")
                .hasMessageContaining("write-flash --skip-flashed 0x10000 app.bin");
    }

    @Test
    void lostLinkReconnectsOnceAndResumes() throws Exception {
        MemoryLoader first = new MemoryLoader(4 << 20, true, ESP32);
        MemoryLoader second = new MemoryLoader(4 << 20, true, ESP32);
        byte[] app = firmware(0x60000, 8);
        first.timeoutAt = i -> {
            if (i == 6) {
                first.dead = true;
                // the chip keeps what was written so far
                System.arraycopy(first.flash, 0, second.flash, 0, first.flash.length);
            }
            return false;
        };
        int[] reconnects = {0};
        new Flasher(first, () -> {
            reconnects[0]++;
            return second;
        }).write(List.of(new FlashFile(0x10000, app, "app.bin")), new WriteOptions());
        assertThat(reconnects[0]).isEqualTo(1);
        assertThat(flashAt(second, 0x10000, app.length)).isEqualTo(app);
        // one stream, resumed after the reconnect from the first unit that was not yet in flash
        assertThat(first.log.stream().filter(s -> s.contains("BEGIN"))).containsExactly(
                "FLASH_DEFL_BEGIN 10000 60000");
        assertThat(second.log.stream().filter(s -> s.contains("BEGIN"))).containsExactly(
                "FLASH_DEFL_BEGIN 30000 40000");
    }

    @Test
    void skipFlashedSendsOnlyChangedSegments() throws Exception {
        MemoryLoader l = new MemoryLoader(4 << 20, true, ESP32);
        byte[] app = firmware(0x40000, 9);
        new Flasher(l).write(List.of(new FlashFile(0x10000, app, "app.bin")), new WriteOptions());
        l.log.clear();
        List<FileResult> again = new Flasher(l).write(List.of(new FlashFile(0x10000, app, "app.bin")),
                new WriteOptions().skipFlashed(true));
        assertThat(again.get(0).operation()).isEqualTo("Skipped");
        assertThat(l.log).containsExactly("MD5 10000 40000");
        byte[] changed = app.clone();
        changed[0x2F000] ^= 0x55;
        l.log.clear();
        List<FileResult> partly = new Flasher(l).write(List.of(new FlashFile(0x10000, changed, "app.bin")),
                new WriteOptions().skipFlashed(true));
        assertThat(flashAt(l, 0x10000, app.length)).isEqualTo(changed);
        assertThat(l.log).filteredOn(s -> s.startsWith("FLASH_DEFL_BEGIN")).containsExactly(
                "FLASH_DEFL_BEGIN 30000 10000");
        assertThat(partly.get(0).verified()).isTrue();
    }

    @Test
    void runsEndAtGapsAtChangesOfKindAndAtTheLimit() {
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            todo.add(i);
        }
        todo.add(50);
        todo.add(51);
        boolean[] kind = new boolean[52];
        java.util.Arrays.fill(kind, true);
        kind[5] = false;
        kind[6] = false;
        assertThat(FlashWriter.runs(todo, kind, 16)).extracting(a -> a[0] + "-" + a[1])
                .containsExactly("0-5", "5-7", "7-23", "23-39", "39-40", "50-52");
    }

    @Test
    void stubRunsAreCompressedWhereThatIsSmaller() throws Exception {
        byte[] app = new byte[0x40000];
        new Random(3).nextBytes(app); // incompressible: sent plain
        System.arraycopy(firmware(0x20000, 4), 0, app, 0x20000, 0x20000); // compressible tail
        MemoryLoader stub = new MemoryLoader(4 << 20, true, ESP32);
        new Flasher(stub).write(List.of(new FlashFile(0x10000, app, "app.bin")), new WriteOptions());
        assertThat(flashAt(stub, 0x10000, app.length)).isEqualTo(app);
        assertThat(stub.log).filteredOn(s -> s.contains("BEGIN")).containsExactly("FLASH_BEGIN 10000 20000",
                "FLASH_DEFL_BEGIN 30000 20000");
    }

    @Test
    void diffWithSendsOnlyUnitsThatDifferFromTheKnownFile() throws Exception {
        MemoryLoader l = new MemoryLoader(4 << 20, true, ESP32);
        byte[] v1 = firmware(0x40000, 11);
        new Flasher(l).write(List.of(new FlashFile(0x10000, v1, "v1.bin")), new WriteOptions());
        byte[] v2 = v1.clone();
        v2[0x1F000] ^= 0x10;
        l.log.clear();
        new Flasher(l).write(List.of(new FlashFile(0x10000, v2, "v2.bin")),
                new WriteOptions().previousContents(java.util.Map.of(0x10000, v1)));
        assertThat(flashAt(l, 0x10000, v2.length)).isEqualTo(v2);
        assertThat(l.log).containsExactly("MD5 10000 40000", "FLASH_DEFL_BEGIN 20000 10000", "AWAIT_IDLE",
                "FLASH_DEFL_END", "MD5 10000 40000");
        // a wrong belief about flash falls back to comparing unit by unit
        l.log.clear();
        new Flasher(l).write(List.of(new FlashFile(0x10000, v1, "v1.bin")),
                new WriteOptions().previousContents(java.util.Map.of(0x10000, firmware(0x40000, 12))));
        assertThat(flashAt(l, 0x10000, v1.length)).isEqualTo(v1);
    }

    @Test
    void eraseAllIsStatedInTheFailureReport() {
        MemoryLoader l = new MemoryLoader(4 << 20, true, ESP32);
        l.flipAt = i -> true;
        assertThatThrownBy(() -> new Flasher(l).write(List.of(new FlashFile(0x1000, firmware(0x1000, 1), "a.bin"),
                new FlashFile(0x10000, firmware(0x1000, 2), "b.bin")), new WriteOptions().eraseAll(true)))
                .hasMessageContaining("b.bin: erased (--erase-all), not written");
    }

    @Test
    void eraseRegionChecksAlignment() {
        MemoryLoader l = new MemoryLoader(1 << 20, true, ESP32);
        assertThatThrownBy(() -> new Flasher(l).eraseRegion(0x1001, 0x1000, 1 << 20))
                .hasMessageContaining("multiple of 4096");
        assertThatThrownBy(() -> new Flasher(l).eraseRegion(0x1000, 0x800, 1 << 20))
                .hasMessageContaining("multiple of 4096");
        assertThatThrownBy(() -> new Flasher(l).eraseRegion(0xFF000, 0x2000, 1 << 20))
                .hasMessageContaining("past the 1MB flash");
    }

    @Test
    void readWritesTheFileOnlyWhenComplete(@TempDir Path dir) throws Exception {
        MemoryLoader l = new MemoryLoader(1 << 20, true, ESP32);
        byte[] app = firmware(0x3000, 10);
        System.arraycopy(app, 0, l.flash, 0x8000, app.length);
        Path out = dir.resolve("dump.bin");
        new Flasher(l).read(0x8000, app.length, out);
        assertThat(Files.readAllBytes(out)).isEqualTo(app);
        l.dead = true;
        Path failed = dir.resolve("failed.bin");
        assertThatThrownBy(() -> new Flasher(l).read(0, 0x1000, failed)).hasMessageContaining("Nothing was saved");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("dump.bin");
        }
    }

    @Test
    void esp8266RomCannotRead(@TempDir Path dir) {
        MemoryLoader l = new MemoryLoader(1 << 20, false, ESP8266);
        assertThatThrownBy(() -> new Flasher(l).read(0, 0x1000, dir.resolve("x.bin")))
                .hasMessageContaining("read-flash needs the flasher stub on ESP8266");
    }
}
