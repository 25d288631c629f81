package org.jesptool.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Status registers, write enable and SFDP through the SPI user-command registers (facts 5.2). */
class SpiFlashRegistersTest {
    static final byte[] NONE = new byte[0];

    @Test
    void writeEnableLatchAndStatusRegisters() throws Exception {
        try (Host h = ChipIdentityTest.synced("virtual://esp32c3")) {
            SpiCommand spi = new SpiCommand("esp32c3");
            assertThat(spi.run(h, 0x05, NONE, 8, 0, 0, 0) & 0xFF).isZero();
            spi.run(h, 0x06, NONE, 0, 0, 0, 0); // WREN
            assertThat(spi.run(h, 0x05, NONE, 8, 0, 0, 0) & 0xFF).isEqualTo(0x02);
            spi.run(h, 0x04, NONE, 0, 0, 0, 0); // WRDI
            assertThat(spi.run(h, 0x05, NONE, 8, 0, 0, 0) & 0xFF).isZero();
            // non-volatile 16-bit WRSR: SR1 = 0x0C, SR2 = 0x02 (QE)
            spi.run(h, 0x06, NONE, 0, 0, 0, 0);
            spi.run(h, 0x01, new byte[] {0x0C, 0x02}, 0, 0, 0, 0);
            assertThat(spi.run(h, 0x05, NONE, 8, 0, 0, 0) & 0xFF).isEqualTo(0x0C); // WEL cleared by the write
            assertThat(spi.run(h, 0x35, NONE, 8, 0, 0, 0) & 0xFF).isEqualTo(0x02);
            // WRSR without WREN is ignored
            spi.run(h, 0x01, new byte[] {0x00}, 0, 0, 0, 0);
            assertThat(spi.run(h, 0x05, NONE, 8, 0, 0, 0) & 0xFF).isEqualTo(0x0C);
            // volatile write (0x50): takes effect, reverts after a flash reset (66, 99)
            spi.run(h, 0x50, NONE, 0, 0, 0, 0);
            spi.run(h, 0x31, new byte[] {0x00}, 0, 0, 0, 0);
            assertThat(spi.run(h, 0x35, NONE, 8, 0, 0, 0) & 0xFF).isZero();
            spi.run(h, 0x66, NONE, 0, 0, 0, 0);
            spi.run(h, 0x99, NONE, 0, 0, 0, 0);
            assertThat(spi.run(h, 0x35, NONE, 8, 0, 0, 0) & 0xFF).isEqualTo(0x02);
            // SR3
            spi.run(h, 0x06, NONE, 0, 0, 0, 0);
            spi.run(h, 0x11, new byte[] {0x60}, 0, 0, 0, 0);
            assertThat(spi.run(h, 0x15, NONE, 8, 0, 0, 0) & 0xFF).isEqualTo(0x60);
        }
    }

    @Test
    void sfdpThroughBothAddressLayouts() throws Exception {
        for (String chip : new String[] {"esp32", "esp32c6", "esp8266"}) {
            try (Host h = ChipIdentityTest.synced("virtual://" + chip + "?jedec=204016")) {
                SpiCommand spi = new SpiCommand(chip);
                assertThat(spi.run(h, 0x5A, NONE, 32, 0, 24, 8)).as(chip).isEqualTo(0x50444653); // "SFDP"
                assertThat(spi.run(h, 0x5A, NONE, 8, 0x10, 24, 8) & 0xFF).as(chip).isEqualTo(0x20);
                assertThat(spi.run(h, 0x5A, NONE, 32, 0x34, 24, 8)).as(chip).isEqualTo((4 << 20) * 8 - 1);
            }
        }
        try (Host h = ChipIdentityTest.synced("virtual://esp32?sfdp=0")) {
            assertThat(new SpiCommand("esp32").run(h, 0x5A, NONE, 32, 0, 24, 8)).isZero();
        }
    }

    @Test
    void defaultJedecMeansTheConfiguredSize() throws Exception {
        for (String size : new String[] {"1MB", "4MB", "16MB"}) {
            try (Host h = ChipIdentityTest.synced("virtual://esp32s3?flash=" + size)) {
                int id = new SpiCommand("esp32s3").rdid(h);
                assertThat(id & 0xFFFF).isEqualTo(0x40EF);
                assertThat(1 << (id >> 16)).isEqualTo(DeviceConfig.parseSize(size));
            }
        }
    }

    @Test
    void deepPowerDownIgnoresCommandsUntilReleased() throws Exception {
        try (Host h = ChipIdentityTest.synced("virtual://esp32")) {
            SpiCommand spi = new SpiCommand("esp32");
            spi.run(h, 0xB9, NONE, 0, 0, 0, 0);
            assertThat(spi.rdid(h)).isEqualTo(0xFFFFFF);
            assertThat(spi.run(h, 0xAB, NONE, 8, 0, 0, 0) & 0xFF).isEqualTo(0x15);
            assertThat(spi.rdid(h)).isEqualTo(0x1640EF);
        }
    }
}
