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
}
