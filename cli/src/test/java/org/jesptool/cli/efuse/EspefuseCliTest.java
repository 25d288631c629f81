package org.jesptool.cli.efuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jesptool.efuse.VirtualEfuseController;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/espefuse's entry point with --virt: confirmation, refusals, chaining, spellings, output formats. */
class EspefuseCliTest {
    @TempDir
    Path dir;

    final List<VirtualEfuseController> controllers = new ArrayList<>();

    record Result(int code, String out, String err) {
    }

    Result run(String stdin, String... args) {
        EspefuseMain.opened = c -> {
            if (c instanceof VirtualEfuseController v) {
                controllers.add(v);
            }
        };
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = EspefuseMain.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
                Map.of(), dir);
        return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    Result virt(String chip, String stdin, String... cmd) {
        List<String> a = new ArrayList<>(List.of("--chip", chip, "--virt", "--path-efuse-file", "efuse.bin"));
        a.addAll(List.of(cmd));
        return run(stdin, a.toArray(String[]::new));
    }

    byte[] file() throws IOException {
        return Files.readAllBytes(dir.resolve("efuse.bin"));
    }

    int lastWrites() {
        return controllers.get(controllers.size() - 1).writeCount();
    }

    @AfterEach
    void reset() {
        EspefuseMain.opened = c -> { };
    }

    @Test
    void closedStdinAtThePromptBurnsNothing() throws IOException {
        virt("esp32c3", "", "summary");
        byte[] before = file();
        Result r = virt("esp32c3", "", "burn-efuse", "WDT_DELAY_SEL", "2");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("Type 'BURN' (all capitals) to continue.");
        assertThat(r.err()).contains("Aborted.");
        assertThat(lastWrites()).isZero();
        assertThat(file()).isEqualTo(before);
    }

    @Test
    void anythingButBurnAbortsAndBurnBurns() throws IOException {
        virt("esp32c3", "", "summary");
        byte[] before = file();
        Result no = virt("esp32c3", "burn\n", "burn-efuse", "WDT_DELAY_SEL", "2");
        assertThat(no.code()).isZero();
        assertThat(no.out()).contains("Aborting.");
        assertThat(lastWrites()).isZero();
        assertThat(file()).isEqualTo(before);
        Result yes = virt("esp32c3", "BURN\n", "burn-efuse", "WDT_DELAY_SEL", "2");
        assertThat(yes.code()).as(yes.err()).isZero();
        assertThat(yes.out()).contains("'WDT_DELAY_SEL' (RTC watchdog timeout threshold; in unit of slow clock cycle)"
                + " 0b00 -> 0b10", "BURN BLOCK0  - OK", "Successful.");
        assertThat(virt("esp32c3", "", "summary", "--format", "value_only", "WDT_DELAY_SEL").out())
                .endsWith("160000\n");
    }

    @Test
    void refusalsExitNonZeroWithoutStackTraceAndProgramNothing() throws IOException {
        Files.write(dir.resolve("key24.bin"), new byte[24]);
        Files.write(dir.resolve("key32.bin"), new byte[32]);
        virt("esp32s3", "", "--do-not-confirm", "write-protect-efuse", "FLASH_TPUW");
        String[][] bad = {
            {"burn-efuse", "FLASH_TPUW", "2"},
            {"burn-efuse", "WDT_DELAY_SEL", "4"},
            {"burn-efuse", "NO_SUCH_EFUSE", "1"},
            {"burn-efuse", "WDT_DELAY_SEL"},
            {"burn-key", "BLOCK_KEY1", "key24.bin", "HMAC_UP"},
            {"burn-key", "BLOCK_KEY1", "missing.bin", "HMAC_UP"},
            {"burn-key", "BLOCK_KEY1", "key32.bin", "NO_PURPOSE"},
            {"burn-key", "BLOCK_KEY9", "key32.bin", "HMAC_UP"},
            {"burn-custom-mac", "01:02:03:04:05:06"},
            {"burn-custom-mac", "02:03:04"},
            {"burn-bit", "BLOCK_KEY0", "256"},
            {"burn-key-digest", "BLOCK_KEY0", "key32.bin", "SECURE_BOOT_DIGEST0"},
            {"set-flash-voltage", "2.5V"},
            {"burn-efuse", "WDT_DELAY_SEL", "010"},
        };
        byte[] before = file();
        for (String[] cmd : bad) {
            List<String> a = new ArrayList<>(List.of("--do-not-confirm"));
            a.addAll(List.of(cmd));
            int n = controllers.size();
            Result r = virt("esp32s3", "", a.toArray(String[]::new));
            assertThat(r.code()).as("%s\n%s", String.join(" ", cmd), r.err()).isNotZero();
            assertThat(r.err()).as(String.join(" ", cmd)).isNotBlank().doesNotContain("\tat ", "Exception");
            if (controllers.size() > n) {
                assertThat(lastWrites()).as("register writes for %s", String.join(" ", cmd)).isZero();
            }
            assertThat(file()).as(String.join(" ", cmd)).isEqualTo(before);
        }
        Result c3 = virt("esp32c3", "", "--do-not-confirm", "set-flash-voltage", "1.8V");
        assertThat(c3.code()).isEqualTo(2);
        assertThat(c3.err()).contains("No such command 'set-flash-voltage'");
        Result e8266 = run("", "--chip", "esp8266", "--virt", "summary");
        assertThat(e8266.code()).isEqualTo(2);
        assertThat(e8266.err()).contains("ESP8266 has no eFuse controller");
        Result noPort = run("", "--chip", "esp32c3", "summary");
        assertThat(noPort.code()).isEqualTo(2);
        assertThat(noPort.err()).contains("Please specify the --port option");
        Result scripts = run("", "--virt", "execute_scripts", "x.py");
        assertThat(scripts.code()).isEqualTo(2);
        assertThat(scripts.err()).contains("REMOVED: `execute_scripts`");
    }

    @Test
    void chainedCommandsBurnOnceInBatchModeAndV4SpellingsWork() throws IOException {
        Result r = virt("esp32c6", "", "--do-not-confirm", "burn_efuse", "WDT_DELAY_SEL", "1", "burn-custom-mac",
                "40:4c:ca:00:c6:06", "get-custom-mac");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Warning: Deprecated: Command 'burn_efuse' is deprecated. Use 'burn-efuse' instead.",
                "Batch mode is enabled, the burn will be done at the end of the command.");
        // get-custom-mac runs twice (once in place, once at the end), both before the batch burn.
        assertThat(r.out().split("=== Run \"get-custom-mac\" command ===", -1)).hasSize(3);
        assertThat(r.out().indexOf("Custom MAC Address: 00:00:00:00:00:00")).isPositive();
        assertThat(r.out().trim()).endsWith("Successful.");
        assertThat(virt("esp32c6", "", "get-custom-mac").out()).contains("Custom MAC Address: 40:4c:ca:00:c6:06 (OK)");
        assertThat(virt("esp32c6", "", "summary", "--format", "value_only", "WDT_DELAY_SEL").out()).endsWith("1\n");
    }

    @Test
    void codingErrorsAreReported() throws IOException {
        // An eFuse file whose RS_ERR0 register (window offset 0x1C0) says BLOCK1 has 2 errors and failed.
        byte[] window = new byte[512];
        window[0x1C0] = 0x0A;
        byte[] file = new byte[512];
        for (int i = 0; i < 512; i++) {
            file[i] = window[511 - i];
        }
        Files.write(dir.resolve("efuse.bin"), file);
        Result r = virt("esp32c3", "", "check-error");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("Error(s) in BLOCK1 [ERRORS:2 FAIL:True].", "BLOCK1 : MAC_SPI_8M_0 [ERRORS:2 FAIL:1]");
        assertThat(r.err()).contains("Error(s) were detected in eFuses.");
        assertThat(virt("esp32c3", "", "summary", "--format", "value_only", "MAC").out())
                .endsWith("00:00:00:00:00:00 (Block1 has ERRORS:2 FAIL:1)\n");
    }

    @Test
    void aBurnThatStopsHalfWaySaysWhatItBurned() throws IOException {
        Files.write(dir.resolve("k.bin"), new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
            29, 30, 31, 32});
        String board = "virtual://esp32c3?efuse=" + dir.resolve("board.efuse");
        // the virtual board's cable comes out while BLOCK0's protection bits are being burned
        Result r = run("", "-p", board + "&unplug-after=9000", "--do-not-confirm", "burn-key", "BLOCK_KEY0",
                "k.bin", "XTS_AES_128_KEY");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("A fatal error occurred: the virtual device was unplugged (unplug-after)\n"
                + "The burn stopped before it finished. eFuse state:\n"
                + "  BLOCK_KEY0: burned\n"
                + "  BLOCK0 (KEY_PURPOSE_0): burned\n"
                + "  BLOCK0 (WR_DIS, RD_DIS): may be burned (it stopped while burning them: each bit is either as "
                + "before or burned)\n"
                + "Run 'espefuse summary' to see which eFuses are burned now, then burn the ones still missing.");
        Result summary = run("", "-p", board, "summary");
        assertThat(summary.out()).containsPattern("KEY_PURPOSE_0 \\(BLOCK0\\) +Purpose of Key0 += XTS_AES_128_KEY");
    }

    @Test
    void keysAreHiddenUnlessAsked() throws IOException {
        byte[] key = new byte[32];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) (0xA0 + i);
        }
        Files.write(dir.resolve("k.bin"), key);
        Result hidden = virt("esp32c3", "", "--do-not-confirm", "burn-key", "BLOCK_KEY1", "k.bin", "HMAC_UP",
                "--no-read-protect");
        assertThat(hidden.code()).as(hidden.err()).isZero();
        assertThat(hidden.out()).contains("Sensitive data will be hidden (see --show-sensitive-info)")
                .doesNotContain("a0 a1 a2");
        Result shown = virt("esp32c3", "", "--do-not-confirm", "burn-key", "BLOCK_KEY2", "k.bin", "HMAC_UP",
                "--show-sensitive-info");
        assertThat(shown.out()).contains("a0 a1 a2 a3");
    }

    @Test
    void ecdsaPrivateKeysAreBurnedAsTheirRawValueReversed() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.KeyPair pair = g.generateKeyPair();
        Files.write(dir.resolve("ec.pem"), org.jesptool.secure.KeyFiles.privateKeyPem(pair));
        Result r = virt("esp32h2", "", "--do-not-confirm", "burn-key", "BLOCK_KEY1", "ec.pem", "ECDSA_KEY",
                "--no-read-protect");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("ECDSA_FORCE_USE_HARDWARE_K: 0 -> 1");
        byte[] s = ((java.security.interfaces.ECPrivateKey) pair.getPrivate()).getS().toByteArray();
        byte[] raw = new byte[32];
        System.arraycopy(s, Math.max(0, s.length - 32), raw, 32 - Math.min(32, s.length), Math.min(32, s.length));
        StringBuilder reversed = new StringBuilder();
        for (int i = 31; i >= 0; i--) {
            reversed.append(String.format("%02x", raw[i] & 0xFF)).append(i > 0 ? " " : "");
        }
        assertThat(virt("esp32h2", "", "summary", "--format", "value_only", "BLOCK_KEY1").out())
                .endsWith(reversed + "\n");
        assertThat(virt("esp32h2", "", "summary", "--format", "value_only", "KEY_PURPOSE_1").out())
                .endsWith("ECDSA_KEY\n");
        Files.write(dir.resolve("k.bin"), new byte[32]);
        Result notPem = virt("esp32h2", "", "--do-not-confirm", "burn-key", "BLOCK_KEY2", "k.bin", "ECDSA_KEY");
        assertThat(notPem.code()).isEqualTo(2);
        assertThat(notPem.err()).contains("Could not read an ECDSA private key from k.bin");
    }

    @Test
    void summaryDumpAndInfoCommandsRunOnEveryChip() {
        for (String chip : List.of("esp32", "esp32s2", "esp32s3", "esp32c2", "esp32c3", "esp32c5", "esp32c6",
                "esp32c61", "esp32h2", "esp32p4")) {
            Result r = virt(chip, "", "summary", "dump", "get-custom-mac", "adc-info", "check-error");
            assertThat(r.code()).as(chip + "\n" + r.err()).isZero();
            assertThat(r.out()).contains("EFUSE_NAME (Block) Description  = [Meaningful Value] [Readable/Writeable]"
                    + " (Hex Value)", "BLOCK0", "No errors detected.");
            assertThat(r.out()).contains(chip.equals("esp32") ? "Custom MAC Address is not set in the device."
                    : "Custom MAC Address: 00:00:00:00:00:00 (OK)");
        }
    }

    @Test
    void jsonComparisonNoticesDifferences() {
        String a = "{\"X\": {\"value\": 1, \"name\": \"X\"}}";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EfuseConformanceTest.compareJson("t", a,
                "{\"X\": {\"value\": \"1\", \"name\": \"X\"}}")).isInstanceOf(AssertionError.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EfuseConformanceTest.compareJson("t", a, "{}"))
                .isInstanceOf(AssertionError.class);
        EfuseConformanceTest.compareJson("t", a, "{\"X\": {\"name\": \"X\", \"value\": 1}}");
    }
}
