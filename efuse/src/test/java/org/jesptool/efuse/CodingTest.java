package org.jesptool.efuse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Test vectors of the coding schemes and the MAC CRC (from the reference's facts sheet). */
class CodingTest {
    private static byte[] seq(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    @Test
    void reedSolomonGeneratorAndVectors() {
        assertThat(ReedSolomon.generator()).containsExactly(0x01, 0x44, 0x77, 0x43, 0x76, 0xDC, 0x1F, 0x07, 0x54, 0x5C,
                0x7F, 0xD5, 0x61);
        assertThat(Bytes.toWords(ReedSolomon.checkBytes(seq(1, 32))))
                .containsExactly(0xBA1742F1, 0x8FA489CE, 0xCAD585C8);
        assertThat(Bytes.hex(ReedSolomon.checkBytes(seq(1, 24)))).isEqualTo("ebf2e92de291a890cc102b79");
        assertThat(ReedSolomon.checkBytes(new byte[32])).containsOnly(0);
    }

    @Test
    void threeQuarterCodingVectorAndDecode() {
        int[] words = Bytes.toWords(Coding34.encode(seq(1, 24)));
        assertThat(words).containsExactly(0x04030201, 0x23070605, 0x0A090807, 0x2E0B0C0B, 0x100F0E0D, 0x2F1F1211,
                0x16151413, 0x3C0B1817);
        assertThat(Bytes.fromWords(Coding34.decodeWords(words))).isEqualTo(seq(1, 24));
    }

    @Test
    void macCrc() {
        assertThat(Efuses.crc8("123456789".getBytes())).isEqualTo(0xA1);
        assertThat(Efuses.crc8(new byte[] {(byte) 0xAA, (byte) 0xCD, (byte) 0xEF, 1, 2, 3})).isEqualTo(0x56);
    }

    @Test
    void pythonIntLiterals() {
        assertThat(EfuseOperations.parseInt("0x1F").intValue()).isEqualTo(31);
        assertThat(EfuseOperations.parseInt("0b101").intValue()).isEqualTo(5);
        assertThat(EfuseOperations.parseInt("1_000").intValue()).isEqualTo(1000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EfuseOperations.parseInt("010"))
                .isInstanceOf(NumberFormatException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EfuseOperations.parseInt("abc"))
                .isInstanceOf(NumberFormatException.class);
    }
}
