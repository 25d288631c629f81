package org.jesptool.cli.flash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The link goes away in the middle of write-flash and read-flash, the way users meet it: the virtual board's
 * cable is pulled after N bytes ({@code unplug-after}) in-process or over TCP (esp-virtual cutting the
 * connection). Either the tool reconnects, resumes and verifies, or it fails with the flash state and a
 * finishing command that really finishes the job.
 */
class LinkDropTest {
    @TempDir
    Path dir;
    Path flash;
    Path boot;
    Path pt;
    Path app;

    @BeforeEach
    void files() throws Exception {
        flash = dir.resolve("flash.bin");
        boot = FlashCli.resource(dir, "bootloader_esp32.bin");
        pt = FlashCli.resource(dir, "partitions_singleapp.bin");
        app = FlashCli.resource(dir, "app_esp32.bin");
    }

    /**
     * The loader a run uses: the ESP32's ROM (--no-stub), a stub given with --stub-file,
     * or, with no stub option, our own stub on an ESP32-C3.
     */
    enum Mode { ROM, STUB_FILE, DEFAULT_STUB }

    private String chip = "esp32";

    private String port(String faults) {
        return "virtual://" + chip + "?flash=4MB&image=" + flash + faults;
    }

    /** Chooses the chip for {@code mode}; call before {@link #port}. */
    private List<String> loader(Mode mode) throws Exception {
        chip = mode == Mode.DEFAULT_STUB ? "esp32c3" : "esp32";
        return mode == Mode.STUB_FILE ? List.of("--stub-file", FlashCli.stub(dir, "esp32").toString())
                : mode == Mode.ROM ? List.of("--no-stub") : List.of();
    }

    /** write-flash, told to take the ESP32 files on the ESP32-C3 as they are. */
    private String[] write(Mode mode, String... files) {
        List<String> a = new ArrayList<>(List.of("write-flash"));
        if (mode == Mode.DEFAULT_STUB) {
            a.add("--force");
        }
        a.addAll(List.of(files));
        return a.toArray(String[]::new);
    }

    private List<String> loader(boolean stub) throws Exception {
        return loader(stub ? Mode.STUB_FILE : Mode.ROM);
    }

    private static String[] args(String port, List<String> loader, String... rest) {
        List<String> a = new ArrayList<>(List.of("--port", port));
        a.addAll(loader);
        a.addAll(List.of(rest));
        return a.toArray(String[]::new);
    }

    private byte[] flashAt(int address, int length) throws Exception {
        return Arrays.copyOfRange(Files.readAllBytes(flash), address, address + length);
    }

    private void assertAllThreeInFlash(boolean patched) throws Exception {
        byte[] b = Files.readAllBytes(boot);
        if (patched) {
            b[2] = 2; // dio
            b[3] = 0x20; // 4MB, 40m
        }
        assertThat(flashAt(0x1000, b.length)).isEqualTo(b);
        assertThat(flashAt(0x8000, 96)).isEqualTo(Files.readAllBytes(pt));
        assertThat(flashAt(0x10000, (int) Files.size(app))).isEqualTo(Files.readAllBytes(app));
    }

    /** Past the bootloader and the partition table, in the middle of the app, for either loader. */
    private static final long CUT = 120_000;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void writeResumesAfterTheBoardComesBack(Mode mode) throws Exception {
        boolean stub = mode != Mode.ROM;
        List<String> loader = loader(mode);
        FlashCli r = FlashCli.run(dir, args(port("&unplug-after=" + CUT), loader, write(mode,
                "0x1000", boot.toString(), "0x8000", pt.toString(), "0x10000", app.toString())));
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.out).as(r.toString())
                .containsPattern("Lost the link to the chip \\(.*\\): reconnecting to resume\\.")
                .contains("opening " + port("&unplug-after=" + CUT) + " again.")
                .containsPattern("Retrying 0x000[1-9a-f]0000-0x[0-9a-f]{8} of .*app_esp32\\.bin")
                .contains("Wrote 601808 bytes")
                .doesNotContain("Reconnecting failed");
        assertThat(r.out.split("Hash of data verified\\.", -1)).as(r.out).hasSize(4);
        if (stub) {
            assertThat(r.out.split("Flasher stub running\\.", -1)).as("stub started again").hasSize(3);
        }
        assertAllThreeInFlash(false);
    }

    @ParameterizedTest(name = "stub={0}")
    @ValueSource(booleans = {false, true})
    void writeThatCannotFinishSaysWhereItStoppedAndTheHintFinishesIt(boolean stub) throws Exception {
        String gone = port("&unplug-after=" + CUT + "&replug=0");
        FlashCli r = FlashCli.run(dir, args(gone, loader(stub), "write-flash", "-fm", "dio", "-ff", "40m",
                "-fs", "detect", "0x1000", boot.toString(), "0x8000", pt.toString(), "0x10000", app.toString()));
        assertThat(r.code).as(r.toString()).isEqualTo(2);
        assertThat(r.out).contains("Reconnecting failed:").contains("not plugged back in (replug=0)")
                .doesNotContain("Retrying"); // without a link another try is pointless
        // the error names what went wrong first, and why the reconnect failed
        assertThat(r.err).containsPattern("failed: the virtual device was unplugged \\(unplug-after\\); reconnecting "
                + "failed: .*not plugged back in \\(replug=0\\)\\.\n");
        assertFlashState(r.err);
        List<String> hint = finishingCommand(r.err);
        assertThat(hint.subList(0, 5)).containsExactly("esptool", "--port", gone, "--chip", "esp32");
        assertThat(String.join(" ", hint)).contains("write-flash --skip-flashed --flash-mode dio --flash-freq 40m "
                + "--flash-size detect 0x10000 " + app);
        assertThat(hint).doesNotContain(boot.toString(), pt.toString());

        // The board is back (same flash, the cable in): the printed command, as printed but for the port.
        hint.set(2, port(""));
        FlashCli finish = FlashCli.run(dir, hint.subList(1, hint.size()).toArray(String[]::new));
        assertThat(finish.code).as(hint + "\n" + r + finish).isZero();
        assertThat(finish.out).as(finish.toString()).containsPattern("app_esp32.bin: \\d+ of 10 segments \\(64 KiB\\) "
                + "differ from flash; writing only those").contains("Hash of data verified.");
        assertAllThreeInFlash(true);
    }

    /** A flash file full of distinct bytes, as a board that holds something. */
    private byte[] filledFlash() throws Exception {
        byte[] all = new byte[4 << 20];
        new java.util.Random(7).nextBytes(all);
        Files.write(flash, all);
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void readResumesAfterTheBoardComesBack(Mode mode) throws Exception {
        boolean stub = mode != Mode.ROM;
        byte[] all = filledFlash();
        Path out = dir.resolve("out.bin");
        int size = stub ? 1 << 20 : 65536;
        List<String> loader = loader(mode);
        FlashCli r = FlashCli.run(dir, args(port("&unplug-after=" + readCut(mode)), loader,
                "read-flash", "0x10000", String.valueOf(size), out.toString()));
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.out).as(r.toString()).containsPattern("Reading .*out.bin: [1-9]0% .*\n(.*\n)*Lost the link to "
                + "the chip \\(.*\\): reconnecting to resume.").doesNotContain("Reconnecting failed");
        assertThat(Files.readAllBytes(out)).isEqualTo(Arrays.copyOfRange(all, 0x10000, 0x10000 + size));
        assertNoLeftovers();
    }

    /** Host bytes up to the middle of a 64 KiB ROM read (a READ_FLASH_SLOW request per 64 bytes). */
    private static final long ROM_READ_CUT = 20_000;

    /** Host bytes up to the middle of a 1 MiB stub read (the host sends only acknowledgements then). */
    private static final long READ_CUT = 2500;

    /**
     * Where to cut the link in the middle of a read: our own stub's upload (its text and data, plus about 4 %
     * for SLIP escapes and block headers) comes before the read's acknowledgements; call after {@link #loader}.
     */
    private long readCut(Mode mode) {
        if (mode == Mode.ROM) {
            return ROM_READ_CUT;
        }
        if (mode == Mode.STUB_FILE) {
            return READ_CUT;
        }
        long upload = org.jesptool.loader.StubImages.forChip(org.jesptool.target.Chips.byName(chip).orElseThrow()).orElseThrow()
                .segments().stream().mapToLong(s -> s.data().length).sum();
        return READ_CUT + upload + upload / 25;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void readThatCannotFinishLeavesTheOldFileAndARetryIsRight(Mode mode) throws Exception {
        boolean stub = mode != Mode.ROM;
        byte[] all = filledFlash();
        Path out = dir.resolve("out.bin");
        Files.writeString(out, "what was there before");
        List<String> loader = loader(mode);
        long cut = readCut(mode);
        FlashCli r = FlashCli.run(dir, args(port("&unplug-after=" + cut + "&replug=0"), loader, "read-flash",
                "0x10000", stub ? "1M" : "64k", out.toString()));
        assertThat(r.code).as(r.toString()).isEqualTo(2);
        assertThat(r.err).as(r.toString()).containsPattern("Reading flash failed at 0x000[0-9a-f]{5} after \\d+ of "
                + (stub ? 1 << 20 : 65536) + " bytes: .*Nothing was saved; run read-flash again.");
        assertThat(Files.readString(out)).isEqualTo("what was there before");
        assertNoLeftovers();

        FlashCli again = FlashCli.run(dir, args(port(""), loader, "read-flash", "0x10000",
                stub ? "1M" : "64k", out.toString()));
        assertThat(again.code).as(again.toString()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(Arrays.copyOfRange(all, 0x10000, 0x10000 + (stub ? 1 << 20
                : 65536)));
        assertNoLeftovers();
    }

    private void assertNoLeftovers() throws Exception {
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    /** esp-virtual in its own process, as bin/esp-virtual runs it; returns the process and its socket:// URL. */
    private Process server(String listen, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.jesptool.virtual.EspVirtualMain",
                "--listen", listen, "--chip", "esp32", "--flash-file", flash.toString()));
        for (String o : options) {
            cmd.add("-o");
            cmd.add(o);
        }
        serverLog = dir.resolve("esp-virtual-" + (++servers) + ".log");
        Process p = new ProcessBuilder(cmd).redirectError(serverLog.toFile()).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        Matcher m = Pattern.compile("connect with (\\S+)\\)").matcher(String.valueOf(line));
        if (!m.find()) {
            p.destroy();
            throw new AssertionError("esp-virtual did not start: " + line);
        }
        url = m.group(1);
        return p;
    }

    private String url;
    private Path serverLog;
    private int servers;

    /** What the last esp-virtual started printed on stderr, for failure messages. */
    private String serverLog() throws java.io.IOException {
        return "\n--- esp-virtual stderr\n" + Files.readString(serverLog);
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        p.waitFor(5, TimeUnit.SECONDS);
    }

    @Test
    void overTcpTheStubWriteResumesOnANewConnection() throws Exception {
        Process p = server("127.0.0.1:0", "unplug-after=" + CUT);
        try {
            FlashCli r = FlashCli.run(dir, args(url, loader(true), "write-flash", "0x1000", boot.toString(),
                    "0x8000", pt.toString(), "0x10000", app.toString()));
            assertThat(r.code).as(r.toString()).isZero();
            assertThat(r.out).as(r.toString()).contains("reconnecting to resume.")
                    .contains("opening " + url + " again.")
                    .contains("A flasher stub is already running on the chip; using it.")
                    .containsPattern("Retrying 0x000[1-9a-f]0000-0x[0-9a-f]{8} of .*app_esp32\\.bin");
            assertThat(r.out.split("Hash of data verified\\.", -1)).as(r.out).hasSize(4);
        } finally {
            stop(p);
        }
        assertAllThreeInFlash(false);
    }

    @Test
    void overTcpTheRomWriteFailsAndThePrintedCommandFinishesIt() throws Exception {
        Process p = server("127.0.0.1:0", "unplug-after=" + CUT, "replug=0");
        FlashCli r;
        try {
            r = FlashCli.run(dir, args(url, loader(Mode.ROM), "write-flash", "-fm", "dio", "-ff", "40m", "-fs", "detect",
                    "0x1000", boot.toString(), "0x8000", pt.toString(), "0x10000", app.toString()));
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("esp-virtual exits with the board gone").isTrue();
        } finally {
            stop(p);
        }
        assertThat(r.code).as(r + serverLog()).isEqualTo(2);
        assertThat(r.out).contains("Waiting for " + url + " to come back (").contains("Reconnecting failed:");
        assertFlashState(r.err);
        List<String> hint = finishingCommand(r.err);
        assertThat(hint.subList(0, 3)).containsExactly("esptool", "--port", url);

        // The board is back on the same address: the printed command exactly as printed.
        String sameAddress = url.substring("socket://".length());
        Process back = server(sameAddress);
        try {
            FlashCli finish = FlashCli.run(dir, hint.subList(1, hint.size()).toArray(String[]::new));
            assertThat(finish.code).as(hint + "\n" + finish).isZero();
            assertThat(finish.out).contains("Hash of data verified.");
        } finally {
            stop(back);
        }
        assertAllThreeInFlash(true);
    }

    /** Every range accounted for: the two small files verified, the app cut in the middle. */
    private static void assertFlashState(String err) {
        assertThat(err).containsPattern("Writing .*app_esp32\\.bin at 0x000[1-9a-f]0000 failed: ")
                .contains("Flash state:");
        assertThat(err).containsPattern("0x00001000-0x[0-9a-f]{8} .*bootloader_esp32\\.bin: written and verified");
        assertThat(err).containsPattern("0x00008000-0x0000805f .*partitions_singleapp\\.bin: written and verified");
        Matcher m = Pattern.compile("0x([0-9a-f]{8})-0x([0-9a-f]{8}) .*app_esp32\\.bin: (.*)").matcher(err);
        List<String> states = new ArrayList<>();
        long next = 0x10000;
        while (m.find()) {
            assertThat(Long.parseLong(m.group(1), 16)).as("ranges adjoin").isEqualTo(next);
            next = Long.parseLong(m.group(2), 16) + 1;
            states.add(m.group(3));
        }
        assertThat(next).as("the app's ranges cover it").isEqualTo(0x10000 + 601808);
        // Front to back: what was sent before the cut, the part on the wire when it came (how much that is
        // depends on how the loader's stream is cut), what was never sent (none when that part was all of it).
        List<String> order = List.of("written, not verified", "partly written or erased: contents undefined",
                "not written: previous contents kept");
        assertThat(states).contains(order.get(1)).isSubsetOf(order);
        assertThat(states).isSortedAccordingTo(java.util.Comparator.comparingInt(order::indexOf));
    }

    /** The words of the "To finish the job, run: ..." line, shell quoting undone. */
    static List<String> finishingCommand(String err) {
        Matcher m = Pattern.compile("To finish the job, run: (.*)").matcher(err);
        assertThat(m.find()).as(err).isTrue();
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        String line = m.group(1).strip();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                w.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                w.append(line.charAt(++i));
                inWord = true;
            } else if (c == ' ') {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }
}
