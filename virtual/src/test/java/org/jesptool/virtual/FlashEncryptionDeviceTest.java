package org.jesptool.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.jesptool.secure.FlashEncryption;
import org.junit.jupiter.api.Test;

/** The device's flash encryption: eFuse and security info agree with the key, encrypted writes store ciphertext. */
class FlashEncryptionDeviceTest {
    static final byte[] KEY = new byte[32];

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) (31 * i + 3);
        }
    }

    static final String KEY_HEX = HexFormat.of().formatHex(KEY);
    static final int C3_EFUSE = 0x60008800;

    private static byte[] data(int n) {
        byte[] d = new byte[n];
        new Random(n).nextBytes(d);
        return d;
    }

    /** The ROM's SPI_FLASH_MD5 reply (32 hex characters) for a region. */
    private static String romMd5(Host h, int address, int size) throws Exception {
        byte[] r = h.command(Opcode.SPI_FLASH_MD5, Packet.words(address, size, 0, 0));
        return new String(r, 8, 32, StandardCharsets.US_ASCII);
    }

    private static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    @Test
    void esp32c3EfuseAndSecurityInfoShowTheKeyAndCounter() throws Exception {
        try (Host h = ChipIdentityTest.synced("virtual://esp32c3?flash-key=" + KEY_HEX
                + "&flash-crypt-cnt=1&dis-manual-encrypt=1")) {
            int word1 = SpiCommand.readReg(h, C3_EFUSE + 0x34);
            assertThat(word1 >>> 24 & 0xF).as("KEY_PURPOSE_0").isEqualTo(4);
            assertThat(word1 >>> 18 & 7).as("SPI_BOOT_CRYPT_CNT").isEqualTo(1);
            assertThat(SpiCommand.readReg(h, C3_EFUSE + 0x30) >>> 20 & 1).as("DIS_DOWNLOAD_MANUAL_ENCRYPT")
                    .isEqualTo(1);
            byte[] sec = h.command(Opcode.GET_SECURITY_INFO, new byte[0]);
            assertThat(sec[8 + 4]).as("flash_crypt_cnt").isEqualTo((byte) 1);
            assertThat(sec[8 + 5]).as("key purpose 0").isEqualTo((byte) 4);
        }
        try (Host h = ChipIdentityTest.synced("virtual://esp32c5?flash-key=" + KEY_HEX + "&key-manager=1")) {
            int word1 = SpiCommand.readReg(h, 0x600B4800 + 0x34);
            assertThat(word1 >>> 22 & 0x1F).as("KEY_PURPOSE_0 (5 bits on C5)").isEqualTo(4);
            assertThat(word1 >>> 10 & 0xF).as("FORCE_USE_KEY_MANAGER_KEY").isEqualTo(2);
        }
        assertThatThrownBy(() -> VirtualPort.open("virtual://esp32c3?key-manager=1"))
                .hasMessageContaining("no Key Manager");
        try (Host h = ChipIdentityTest.synced("virtual://esp32s3?flash-key=" + KEY_HEX + KEY_HEX)) {
            int word1 = SpiCommand.readReg(h, 0x60007000 + 0x34);
            assertThat(new int[] {word1 >>> 24 & 0xF, word1 >>> 28}).as("XTS_AES_256 key halves")
                    .containsExactly(2, 3);
        }
    }

    @Test
    void esp32EfuseHidesTheKeyAndShowsCryptConfig() throws Exception {
        try (Host h = ChipIdentityTest.synced("virtual://esp32?flash-key=" + KEY_HEX + "&flash-crypt-config=0xF")) {
            assertThat(SpiCommand.readReg(h, 0x3FF5A000) >>> 16 & 1).as("BLOCK1 read-disabled").isEqualTo(1);
            assertThat(SpiCommand.readReg(h, 0x3FF5A000 + 20) >>> 28).as("FLASH_CRYPT_CONFIG").isEqualTo(0xF);
            assertThat(SpiCommand.readReg(h, 0x3FF5A000 + 14 * 4)).as("BLOCK1 reads zero").isZero();
        }
    }

    @Test
    void esp32c3RomStoresXtsCiphertextForEncryptedPlainAndDeflatedWrites() throws Exception {
        byte[] plain = data(0x800);
        byte[] expected = FlashEncryption.xts(plain, KEY, "key", 0x10000, false);
        try (Host h = ChipIdentityTest.synced("virtual://esp32c3?flash-key=" + KEY_HEX)) {
            h.command(Opcode.FLASH_BEGIN, Packet.words(0x800, 2, 0x400, 0x10000, 1));
            h.dataCommand(Opcode.FLASH_DATA, Arrays.copyOfRange(plain, 0, 0x400), 0);
            h.dataCommand(Opcode.FLASH_DATA, Arrays.copyOfRange(plain, 0x400, 0x800), 1);
            assertThat(romMd5(h, 0x10000, 0x800)).isEqualTo(md5(expected));

            // compressed: the inflater hands out odd-sized pieces; the chip encrypts whole blocks
            byte[] z = SmokeTestSupport.deflate(plain);
            h.command(Opcode.FLASH_DEFL_BEGIN, Packet.words(0x800, (z.length + 0x3FF) / 0x400, 0x400, 0x20000, 1));
            for (int i = 0, seq = 0; i < z.length; i += 0x400, seq++) {
                h.dataCommand(Opcode.FLASH_DEFL_DATA, Arrays.copyOfRange(z, i, Math.min(z.length, i + 0x400)), seq);
            }
            assertThat(romMd5(h, 0x20000, 0x800)).isEqualTo(md5(FlashEncryption.xts(plain, KEY, "key", 0x20000,
                    false)));

            // without the flag: plaintext
            h.command(Opcode.FLASH_BEGIN, Packet.words(0x400, 1, 0x400, 0x30000, 0));
            h.dataCommand(Opcode.FLASH_DATA, Arrays.copyOf(plain, 0x400), 0);
            assertThat(romMd5(h, 0x30000, 0x400)).isEqualTo(md5(Arrays.copyOf(plain, 0x400)));
        }
    }

    @Test
    void misalignedEncryptedRomWriteFailsAndWritesNothing() throws Exception {
        try (Host h = ChipIdentityTest.synced("virtual://esp32c3?flash-key=" + KEY_HEX)) {
            h.command(Opcode.FLASH_BEGIN, Packet.words(0x400, 1, 0x400, 0x10008, 1));
            byte[] reply = h.dataCommand(Opcode.FLASH_DATA, data(0x400), 0);
            assertThat(new byte[] {reply[8], reply[9]}).containsExactly(1, 1);
            assertThat(romMd5(h, 0x10000, 0x1000)).isEqualTo(md5(filled(0x1000)));
        }
    }

    @Test
    void esp32RomHasNoEncryptedWordAndWritesPlaintext() throws Exception {
        byte[] plain = data(0x400);
        try (Host h = ChipIdentityTest.synced("virtual://esp32?flash-key=" + KEY_HEX + "&flash-crypt-config=0xF")) {
            h.command(Opcode.FLASH_BEGIN, Packet.words(0x400, 1, 0x400, 0x10000));
            h.dataCommand(Opcode.FLASH_DATA, plain, 0);
            assertThat(romMd5(h, 0x10000, 0x400)).isEqualTo(md5(plain));
        }
    }

    @Test
    void keysTheChipCannotHoldAreRefused() {
        assertThatThrownBy(() -> VirtualPort.open("virtual://esp32?flash-key=0011"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flash-key");
        assertThatThrownBy(() -> VirtualPort.open("virtual://esp8266?flash-key=" + KEY_HEX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no flash encryption");
    }

    private static byte[] filled(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 0xFF);
        return b;
    }
}
