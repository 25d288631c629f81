package org.jesptool.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizesTest {
    @Test
    void sizesNeedAnMbOrKbUnitAsInTheReference() {
        assertThat(Sizes.flashSizeBytes("4MB")).isEqualTo(4 * 1024 * 1024);
        assertThat(Sizes.flashSizeBytes("64KB")).isEqualTo(64 * 1024);
        assertThat(Sizes.flashSizeBytes("2MB-c1")).isEqualTo(2 * 1024 * 1024);
        // a bare number, a lower-case unit or a hex number is not a size for the reference
        for (String bad : new String[] {"65536", "4mb", "0x10000", "MB", "x4MB"}) {
            assertThatThrownBy(() -> Sizes.flashSizeBytes(bad)).as(bad).isInstanceOf(ImageException.class)
                    .hasMessage("Unknown size " + bad);
        }
    }

    @Test
    void integersParseLikePythonIntWithBaseZero() {
        assertThat(Sizes.parseInt("0x1000")).isEqualTo(0x1000);
        assertThat(Sizes.parseInt("0o17")).isEqualTo(15);
        assertThat(Sizes.parseInt("0b101")).isEqualTo(5);
        assertThat(Sizes.parseInt("1_000")).isEqualTo(1000);
        assertThatThrownBy(() -> Sizes.parseInt("010")).isInstanceOf(ImageException.class);
    }
}
