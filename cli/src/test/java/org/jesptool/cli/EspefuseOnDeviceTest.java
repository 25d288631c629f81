package org.jesptool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jesptool.cli.efuse.EspefuseMain;
import org.jesptool.secure.FlashEncryption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * espefuse against the virtual device's register-level eFuse controller (virtual://, and esp-virtual over
 * socket:// and rfc2217://): burned fuses persist with the board's eFuse file and show up in esptool's
 * get-security-info, read-mac and encrypted writes.
 */
class EspefuseOnDeviceTest {
    @TempDir
    Path dir;

    static final List<String> CHIPS = List.of("esp32", "esp32s2", "esp32s3", "esp32c2", "esp32c3", "esp32c5",
            "esp32c6", "esp32c61", "esp32h2", "esp32p4");

    record Run(int code, String out, String err) {
    }

    Run espefuse(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = EspefuseMain.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
                Map.of(), dir);
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    Run esptool(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = EsptoolMain.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), Map.of("HOME", dir.toString()), dir, false);
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** A field every chip has in BLOCK0 that is safe to burn, and the value to burn. */
    static String[] field(String chip) {
        return switch (chip) {
            case "esp32" -> new String[] {"JTAG_DISABLE", "1"};
            case "esp32p4" -> new String[] {"DIS_WDT", "1"};
            default -> new String[] {"WDT_DELAY_SEL", "1"};
        };
    }

    @Test
    void everyChipBurnsOverVirtualAndKeepsItWithTheBoard() {
        for (String chip : CHIPS) {
            String port = "virtual://" + chip + "?efuse=" + dir.resolve(chip + "-efuse.bin");
            String[] f = field(chip);
            Run burn = espefuse("--port", port, "--do-not-confirm", "burn-efuse", f[0], f[1]);
            assertThat(burn.code()).as(chip + "\n" + burn.out() + burn.err()).isZero();
            assertThat(burn.out()).contains("Successful.");
            // A new board on the same eFuse file: the fuse is still burned.
            Run read = espefuse("--port", port, "summary", "--format", "value_only", f[0]);
            assertThat(read.code()).as(chip + read.err()).isZero();
            // The same burn through --virt shows the same value (device controller and file controller agree).
            String virtFile = dir.resolve(chip + "-virt.bin").toString();
            espefuse("--chip", chip, "--virt", "--path-efuse-file", virtFile, "--do-not-confirm", "burn-efuse", f[0],
                    f[1]);
            Run virt = espefuse("--chip", chip, "--virt", "--path-efuse-file", virtFile, "summary", "--format",
                    "value_only", f[0]);
            String value = virt.out().substring(virt.out().lastIndexOf("===\n") + 4);
            assertThat(value).as(chip).isNotIn("0\n", "False\n", "40000\n");
            assertThat(read.out()).as(chip).endsWith(value);
            // A refusal over the port: the bit cannot go back to 0, nothing changes.
            byte[] before = read(dir.resolve(chip + "-efuse.bin"));
            Run bad = espefuse("--port", port, "--do-not-confirm", "burn-efuse", "NO_SUCH_EFUSE", "1");
            assertThat(bad.code()).isEqualTo(2);
            assertThat(read(dir.resolve(chip + "-efuse.bin"))).isEqualTo(before);
        }
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] pad(byte[] data, int multiple) {
        int n = (data.length + multiple - 1) / multiple * multiple;
        byte[] p = Arrays.copyOf(data, n);
        Arrays.fill(p, data.length, n, (byte) 0xFF);
        return p;
    }

    private Path resource(String name) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, org.jesptool.testsupport.Fixtures.bytes("flash/" + name));
        return p;
    }

    /**
     * SPI_BOOT_CRYPT_CNT and SECURE_BOOT_EN burned with espefuse sit where each chip's eFuse table puts them
     * (C2: DATA0[9:7] and [21], C5: DATA1[18:16] and DATA2[25], C61: DATA0[25:23] and DATA1[26], C3 as the S2
     * layout), so the ROM's GET_SECURITY_INFO reports them and esptool's safety checks (C5: read from eFuse by
     * the host; C2, C61: from GET_SECURITY_INFO) refuse to erase.
     */
    @Test
    void burnedCryptCountAndSecureBootShowInGetSecurityInfo() {
        for (String chip : List.of("esp32c2", "esp32c5", "esp32c61", "esp32c3")) {
            String port = "virtual://" + chip + "?efuse=" + dir.resolve(chip + "-sec.bin");
            Run before = esptool("--port", port, "get-security-info");
            assertThat(before.code()).as(chip + before.err()).isZero();
            assertThat(before.out()).as(chip).contains("Secure boot: Disabled", "Flash encryption: Disabled",
                    "SPI boot crypt count: 0x0");
            Run burn = espefuse("--port", port, "--do-not-confirm", "burn-efuse", "SPI_BOOT_CRYPT_CNT", "1",
                    "SECURE_BOOT_EN", "1");
            assertThat(burn.code()).as(chip + "\n" + burn.out() + burn.err()).isZero();
            Run fuses = espefuse("--port", port, "summary", "--format", "value_only", "SPI_BOOT_CRYPT_CNT");
            assertThat(fuses.out()).as(chip).endsWith("Enable\n");
            Run after = esptool("--port", port, "get-security-info");
            assertThat(after.code()).as(chip + after.err()).isZero();
            assertThat(after.out()).as(chip).contains("Secure boot: Enabled", "Flash encryption: Enabled",
                    "SPI boot crypt count: 0x1");
            Run erase = esptool("--port", port, "erase-flash");
            assertThat(erase.code()).as(chip + "\n" + erase.out()).isNotZero();
            assertThat(erase.out() + erase.err()).as(chip).contains("Active security features detected");
        }
    }

    @Test
    void burnedKeyAndCryptCountDriveGetSecurityInfoAndEncryptedWrites() throws Exception {
        byte[] key = new byte[32];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) (0x3C ^ i * 7);
        }
        Files.write(dir.resolve("key.bin"), key);
        Path app = resource("bootloader_esp32c3.bin");
        String port = "virtual://esp32c3?efuse=" + dir.resolve("c3.bin") + "&image=" + dir.resolve("flash.bin");
        Run before = esptool("--port", port, "get-security-info");
        assertThat(before.out()).contains("Key purposes: [0, 0, 0, 0, 0, 0, 12]", "Flash encryption: Disabled");
        Run burn = espefuse("--port", port, "--do-not-confirm", "burn-key", "BLOCK_KEY0", "key.bin",
                "XTS_AES_128_KEY", "burn-efuse", "SPI_BOOT_CRYPT_CNT", "1");
        assertThat(burn.code()).as(burn.out() + burn.err()).isZero();
        Run info = esptool("--port", port, "get-security-info");
        assertThat(info.code()).as(info.err()).isZero();
        assertThat(info.out()).contains("Key purposes: [4, 0, 0, 0, 0, 0, 12]", "Flash encryption: Enabled",
                "SPI boot crypt count: 0x1");
        Run write = esptool("--port", port, "write-flash", "--force", "--encrypt", "0x10000", app.toString());
        assertThat(write.out()).contains("Cannot verify written data if encrypted");
        assertThat(write.code()).as(write.out() + write.err()).isZero();
        byte[] expected = FlashEncryption.xts(pad(Files.readAllBytes(app), 16), key, "key", 0x10000, false);
        assertThat(Arrays.copyOfRange(read(dir.resolve("flash.bin")), 0x10000, 0x10000 + expected.length))
                .isEqualTo(expected);
        // The key block reads as zeros now (read-protected), but the hardware still encrypts with it.
        Run summary = espefuse("--port", port, "summary", "--format", "value_only", "BLOCK_KEY0");
        assertThat(summary.out()).contains("?? ?? ??");
    }

    @Test
    void esp32FlashEncryptionKeyFromEspefuse() throws Exception {
        byte[] key = new byte[32];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) (0x11 * (i % 16) ^ i);
        }
        Files.write(dir.resolve("key.bin"), key);
        Path boot = resource("bootloader_esp32.bin");
        String port = "virtual://esp32?efuse=" + dir.resolve("e32.bin") + "&image=" + dir.resolve("flash.bin");
        Run burn = espefuse("--port", port, "--do-not-confirm", "burn-key", "flash_encryption", "key.bin",
                "burn-efuse", "FLASH_CRYPT_CONFIG", "0xF", "FLASH_CRYPT_CNT", "1");
        assertThat(burn.code()).as(burn.out() + burn.err()).isZero();
        Path stub = dir.resolve("esp32-stub.json");
        Files.writeString(stub, org.jesptool.bench.BenchStub.json("esp32"));
        Run write = esptool("--port", port, "--stub-file", stub.toString(), "write-flash", "--encrypt", "0x1000",
                boot.toString());
        assertThat(write.code()).as(write.out() + write.err()).isZero();
        byte[] expected = FlashEncryption.esp32(pad(Files.readAllBytes(boot), 32), key, "key", 0x1000, 0xF, false);
        assertThat(Arrays.copyOfRange(read(dir.resolve("flash.bin")), 0x1000, 0x1000 + expected.length))
                .isEqualTo(expected);
    }

    @Test
    void burnedMacBitShowsInReadMac() {
        String port = "virtual://esp32?mac=24:0a:c4:00:00:00&efuse=" + dir.resolve("mac.bin");
        assertThat(esptool("--port", port, "read-mac").out()).contains("MAC: 24:0a:c4:00:00:00");
        // BLOCK0 word 1 bit 0 is the last MAC byte's lowest bit on the ESP32.
        Run burn = espefuse("--port", port, "--do-not-confirm", "burn-bit", "BLOCK0", "32");
        assertThat(burn.code()).as(burn.out() + burn.err()).isZero();
        assertThat(esptool("--port", port, "read-mac").out()).contains("MAC: 24:0a:c4:00:00:01");
    }

    @Test
    void esp32SecureBootDigestNeedsRevision3() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        Files.write(dir.resolve("sb.pem"), org.jesptool.secure.KeyFiles.privateKeyPem(g.generateKeyPair()));
        String old = "virtual://esp32?rev=1.0&efuse=" + dir.resolve("old.bin");
        Run refused = espefuse("--port", old, "--do-not-confirm", "burn-key-digest", "sb.pem");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("Incorrect chip revision for Secure boot v2. Detected: v1.0. Expected: >= v3.0");
        String v3 = "virtual://esp32?efuse=" + dir.resolve("v3.bin");
        Run ok = espefuse("--port", v3, "--do-not-confirm", "burn-key-digest", "sb.pem");
        assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
        assertThat(espefuse("--port", v3, "summary", "--format", "value_only", "BLOCK2").out()).doesNotEndWith(
                "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n");
    }

    @Test
    void overSocketAndRfc2217() throws Exception {
        for (boolean rfc : new boolean[] {false, true}) {
            String[] url = new String[1];
            List<String> args = new ArrayList<>(List.of("--chip", "esp32s3", "--efuse-file",
                    dir.resolve("s3-" + rfc + ".bin").toString()));
            if (rfc) {
                args.add("--rfc2217");
            }
            Process p = EspVirtualServerTest.start(args, url);
            try {
                Run burn = espefuse("--port", url[0], "--do-not-confirm", "burn-efuse", "WDT_DELAY_SEL", "2");
                assertThat(burn.code()).as(url[0] + "\n" + burn.out() + burn.err()).isZero();
                Run read = espefuse("--port", url[0], "summary", "--format", "value_only", "WDT_DELAY_SEL");
                assertThat(read.out()).as(url[0]).endsWith("160000\n");
            } finally {
                EspVirtualServerTest.stop(p);
            }
        }
    }
}
