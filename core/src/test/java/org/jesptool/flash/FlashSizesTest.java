package org.jesptool.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FlashSizesTest {
    @Test
    void parsesNames() {
        assertThat(FlashSizes.parseName("4MB")).isEqualTo(4 << 20);
        assertThat(FlashSizes.parseName("256KB")).isEqualTo(256 << 10);
        assertThat(FlashSizes.parseName("2MB-c1")).isEqualTo(2 << 20);
        assertThatThrownBy(() -> FlashSizes.parseName("4M")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void detectsSizeFromJedecCapacityByte() {
        assertThat(FlashSizes.fromJedecId(0x1640EF)).isEqualTo(4 << 20); // Winbond W25Q32
        assertThat(FlashSizes.fromJedecId(0x1840C8)).isEqualTo(16 << 20);
        assertThat(FlashSizes.fromJedecId(0x2040EF)).isEqualTo(64 << 20);
        assertThat(FlashSizes.fromJedecId(0x3625C2)).isEqualTo(4 << 20);
        assertThat(FlashSizes.fromJedecId(0x00461F)).isEqualTo(2 << 20); // Adesto: type 0x46 & 0x1F = 6
        assertThat(FlashSizes.fromJedecId(0xFFFFFF)).isZero();
    }
}
