package org.jesptool.cli.efuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few reference eFuse files (copied from the conformance data, so this runs without ../shared): the same
 * command lines must leave the same files byte for byte (program registers, Reed-Solomon check words, CONF,
 * timing registers and the ESP32 CLK quirk included).
 */
class EfuseFileFixturesTest {
    @TempDir
    Path dir;

    private byte[] resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/efuse/" + name)) {
            return in.readAllBytes();
        }
    }

    private void run(String chip, String... cmd) {
        String[] args = new String[cmd.length + 6];
        String[] head = {"--chip", chip, "--virt", "--path-efuse-file", "efuse.bin", "--do-not-confirm"};
        System.arraycopy(head, 0, args, 0, 6);
        System.arraycopy(cmd, 0, args, 6, cmd.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = EspefuseMain.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), Map.of(), dir);
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void esp32c3BurnKey() throws IOException {
        Files.write(dir.resolve("key256.bin"), resource("key256.bin"));
        run("esp32c3", "burn-key", "BLOCK_KEY0", "key256.bin", "XTS_AES_128_KEY");
        assertThat(Files.readAllBytes(dir.resolve("efuse.bin"))).isEqualTo(resource("esp32c3-burn-key.efuse.bin"));
    }

    @Test
    void esp32s3TwoBlockKey() throws IOException {
        Files.write(dir.resolve("key512.bin"), resource("key512.bin"));
        run("esp32s3", "burn-key", "BLOCK_KEY2", "key512.bin", "XTS_AES_256_KEY");
        assertThat(Files.readAllBytes(dir.resolve("efuse.bin"))).isEqualTo(resource("esp32s3-burn-key.efuse.bin"));
    }

    @Test
    void esp32CustomMacWithCrc() throws IOException {
        run("esp32", "burn-custom-mac", "aa:cd:ef:01:02:03");
        assertThat(Files.readAllBytes(dir.resolve("efuse.bin"))).isEqualTo(resource("esp32-custom-mac.efuse.bin"));
    }

    @Test
    void esp32c2HalfReadProtectedKeyBlock() throws IOException {
        Files.write(dir.resolve("key128.bin"), resource("key128.bin"));
        run("esp32c2", "write-protect-efuse", "WDT_DELAY_SEL");
        run("esp32c2", "burn-key", "BLOCK_KEY0", "key128.bin", "XTS_AES_128_KEY_DERIVED_FROM_128_EFUSE_BITS",
                "--no-read-protect", "--no-write-protect");
        run("esp32c2", "read-protect-efuse", "BLOCK_KEY0_LOW_128");
        assertThat(Files.readAllBytes(dir.resolve("efuse.bin"))).isEqualTo(resource("esp32c2-protect.efuse.bin"));
    }
}
