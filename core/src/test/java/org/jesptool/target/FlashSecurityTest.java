package org.jesptool.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decoding the flash encryption and secure boot fuses the way the reference reads them. */
class FlashSecurityTest {
    private static final int E = 0x3FF5A000;

    private static RegisterReader regs(Map<Integer, Integer> m) {
        return a -> m.getOrDefault(a, 0);
    }

    @Test
    void esp32ReadableNonZeroKeyBlockCountsAsAKey() throws Exception {
        Map<Integer, Integer> m = new HashMap<>();
        m.put(E, 0b101 << 20); // FLASH_CRYPT_CNT with two bits: encryption off
        m.put(E + 20, 0x3 << 28);
        assertThat(new Esp32().readFlashSecurity(regs(m))).isEqualTo(
                new FlashSecurity(false, false, false, false, 0x3, false, false));
        m.put(E + 4 * 17, 1); // a key word reads non-zero
        m.put(E, 0b111 << 20 | 1 << 19); // three bits: on; FLASH_CRYPT_CONFIG read-protected
        FlashSecurity fs = new Esp32().readFlashSecurity(regs(m));
        assertThat(fs.flashEncryption()).isTrue();
        assertThat(fs.keyValid()).isTrue();
        assertThat(fs.cryptConfig()).isEqualTo(0xF);
    }

    @Test
    void esp32SecureBootV2CountsOnlyFromRevision3AndIsNotV1() throws Exception {
        Map<Integer, Integer> m = new HashMap<>();
        m.put(E + 24, 1 << 5 | 1 << 7); // ABS_DONE_1, DIS_DL_ENCRYPT
        FlashSecurity rev0 = new Esp32().readFlashSecurity(regs(m));
        assertThat(rev0.secureBoot()).isFalse();
        assertThat(rev0.manualEncryptDisabled()).isTrue();
        m.put(E + 12, 1 << 15); // revision 3: word3 bit 15, word5 bit 20, APB_CTL_DATE bit 31
        m.put(E + 20, 1 << 20);
        m.put(0x3FF6607C, 1 << 31);
        FlashSecurity rev3 = new Esp32().readFlashSecurity(regs(m));
        assertThat(rev3.secureBoot()).isTrue();
        assertThat(rev3.secureBootV1()).isFalse();
        m.put(E + 24, 1 << 4);
        assertThat(new Esp32().readFlashSecurity(regs(m)).secureBootV1()).isTrue();
    }

    @Test
    void laterChipsNeedAnXtsKeyPurpose() throws Exception {
        int b = 0x60007000; // ESP32-S3
        Map<Integer, Integer> m = new HashMap<>();
        m.put(b + 0x34, 2 << 24 | 1 << 18); // KEY_PURPOSE_0 = XTS_AES_256_KEY_1 only; crypt count 1
        FlashSecurity half = new Esp32s3().readFlashSecurity(regs(m));
        assertThat(half.flashEncryption()).isTrue();
        assertThat(half.keyValid()).isFalse();
        m.put(b + 0x38, 3 << 8 | 1 << 20); // KEY_PURPOSE_4 = XTS_AES_256_KEY_2; SECURE_BOOT_EN
        FlashSecurity both = new Esp32s3().readFlashSecurity(regs(m));
        assertThat(both.keyValid()).isTrue();
        assertThat(both.secureBoot()).isTrue();
        assertThat(both.cryptConfig()).isEqualTo(-1);
    }

    @Test
    void esp32c5KeyManagerCountsAsTheKey() throws Exception {
        int b = 0x600B4800;
        FlashSecurity km = new Esp32c5().readFlashSecurity(regs(Map.of(b + 0x34, 2 << 10 | 1 << 16)));
        assertThat(km.flashEncryption()).as("SPI_BOOT_CRYPT_CNT is RD_REPEAT_DATA1[18:16] on the C5").isTrue();
        assertThat(km.keyManager()).isTrue();
        assertThat(km.keyValid()).isTrue();
        assertThat(new Esp32c5().readFlashSecurity(regs(Map.of(b + 0x34, 4 << 22))).keyValid()).isTrue();
        // SECURE_BOOT_EN is RD_REPEAT_DATA2[25]; DATA1 bits 19-20 and DATA2[20] (the S2 layout) mean nothing here.
        assertThat(new Esp32c5().readFlashSecurity(regs(Map.of(b + 0x38, 1 << 25))).secureBoot()).isTrue();
        FlashSecurity s2Bits = new Esp32c5().readFlashSecurity(regs(Map.of(b + 0x34, 0b110 << 18, b + 0x38, 1 << 20)));
        assertThat(s2Bits.flashEncryption()).isFalse();
        assertThat(s2Bits.secureBoot()).isFalse();
        assertThat(new Esp8266().hasFlashSecurity()).isFalse();
        assertThat(new Esp32c2().readFlashSecurity(regs(Map.of()))).as("layout not described: security info").isNull();
    }

    @Test
    void onlyTheEsp8266RomPrintsItsBootLogAtAFixedRateOfItsOwn() {
        for (Chip c : Chips.all()) {
            assertThat(c.romBootLogBaud()).as(c.name()).isEqualTo(c instanceof Esp8266 ? 74880 : 0);
        }
    }
}
