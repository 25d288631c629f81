package org.jesptool.secure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BootloaderDigestTest {
    @Test
    void matchesReferenceDigest() {
        byte[] out = BootloaderDigest.compute(Fixtures.input("256bit_key.bin"), "k", Fixtures.input("256bit_iv.bin"),
                Fixtures.input("bootloader.bin"));
        assertThat(out).isEqualTo(Fixtures.input("bootloader_digested.bin"));
        assertThat(out).isEqualTo(Fixtures.expected("sbv1-digest", "bootloader_digested.bin"));
    }
}
