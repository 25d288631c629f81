package org.jesptool.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jesptool.loader.ConnectOptions;
import org.jesptool.loader.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * "Chip type:" and "Features:" decoded from the eFuse words of a virtual device configured with specific
 * fields; the expected strings are what esptool v5 prints for those eFuse values.
 */
class ChipDescriptionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        esp32?rev=3.0                                  | ESP32-D0WDQ6-V3 (revision v3.0)  | Wi-Fi, BT, Dual Core + LP Core, Coding Scheme None
        esp32?rev=1.0&pkg=1                            | ESP32-D0WD (revision v1.0)       | Wi-Fi, BT, Dual Core + LP Core, Coding Scheme None
        esp32?rev=3.1&pkg=1                            | ESP32-D0WD-V3 (revision v3.1)    | Wi-Fi, BT, Dual Core + LP Core, Coding Scheme None
        esp32?rev=1.0&pkg=1&efuse.3FF5A00C=2003        | ESP32-S0WD (revision v1.0)       | Wi-Fi, Single Core + LP Core, 240MHz, Coding Scheme None
        esp32?rev=1.0&pkg=0&efuse.3FF5A00C=1001        | ESP32-S0WDQ6 (revision v1.0)     | Wi-Fi, BT, Single Core + LP Core, Coding Scheme None
        esp32?rev=3.0&pkg=5&efuse.3FF5A00C=3000        | ESP32-PICO-V3 (revision v3.0)    | Wi-Fi, BT, Dual Core + LP Core, 160MHz, Embedded Flash, Coding Scheme None
        esp32?rev=1.0&pkg=5                            | ESP32-PICO-D4 (revision v1.0)    | Wi-Fi, BT, Dual Core + LP Core, Embedded Flash, Coding Scheme None
        esp32?rev=3.0&pkg=6&efuse.3FF5A010=1F00        | ESP32-PICO-V3-02 (revision v3.0) | Wi-Fi, BT, Dual Core + LP Core, Embedded Flash, Embedded PSRAM, VRef calibration in efuse, Coding Scheme None
        esp32?rev=3.0&pkg=7&efuse.3FF5A00C=4000&efuse.3FF5A018=1 | ESP32-D0WDR2-V3 (revision v3.0) | Wi-Fi, BT, Dual Core + LP Core, BLK3 partially reserved, Coding Scheme 3/4
        esp32?rev=3.0&pkg=3                            | ESP32-D0WD-OEM (revision v3.0)   | Wi-Fi, BT, Dual Core + LP Core, Coding Scheme None
        esp32?rev=3.0&pkg=12&efuse.3FF5A018=2          | unknown ESP32 (revision v3.0)    | Wi-Fi, BT, Dual Core + LP Core, Coding Scheme Repeat (UNSUPPORTED)
        esp32c3?rev=0.4                                | ESP32-C3 (QFN32) (revision v0.4) | Wi-Fi, BT 5 (LE), Single Core, 160MHz
        esp32c3?rev=0.4&pkg=1&flash-cap=1&flash-vendor=1 | ESP8685 (QFN28) (revision v0.4) | Wi-Fi, BT 5 (LE), Single Core, 160MHz, Embedded Flash 4MB (XMC)
        esp32c3?rev=1.1&pkg=2&flash-cap=1&flash-vendor=2 | ESP32-C3 AZ (QFN32) (revision v1.1) | Wi-Fi, BT 5 (LE), Single Core, 160MHz, Embedded Flash 4MB (GD)
        esp32c3?rev=0.3&pkg=3&flash-cap=3&flash-vendor=5 | ESP8686 (QFN24) (revision v0.3) | Wi-Fi, BT 5 (LE), Single Core, 160MHz, Embedded Flash 1MB (ZBIT)
        esp32s3?rev=0.2                                | ESP32-S3 (QFN56) (revision v0.2) | Wi-Fi, BT 5 (LE), Dual Core + LP Core, 240MHz
        esp32s3?rev=0.2&flash-cap=2&flash-vendor=1&psram-cap=2&psram-vendor=1 | ESP32-S3 (QFN56) (revision v0.2) | Wi-Fi, BT 5 (LE), Dual Core + LP Core, 240MHz, Embedded Flash 4MB (XMC), Embedded PSRAM 2MB (AP_3v3)
        esp32s3?rev=0.2&psram-cap=3&psram-vendor=2     | ESP32-S3 (QFN56) (revision v0.2) | Wi-Fi, BT 5 (LE), Dual Core + LP Core, 240MHz, Embedded PSRAM 16MB (AP_1v8)
        esp32s3?rev=0.2&pkg=1&flash-cap=1&flash-vendor=2&psram-cap=4&psram-vendor=1 | ESP32-S3-PICO-1 (LGA56) (revision v0.2) | Wi-Fi, BT 5 (LE), Dual Core + LP Core, 240MHz, Embedded Flash 8MB (GD), Embedded PSRAM 4MB (AP_3v3)
        esp32s2?rev=1.0                                | ESP32-S2 (revision v1.0)         | Wi-Fi, Single Core, 240MHz, No Embedded Flash, No Embedded PSRAM, No calibration in BLK2 of efuse
        esp32s2?rev=1.0&flash-cap=2                    | ESP32-S2FH4 (revision v1.0)      | Wi-Fi, Single Core, 240MHz, Embedded Flash 4MB, No Embedded PSRAM, No calibration in BLK2 of efuse
        esp32s2?rev=1.0&flash-cap=2&psram-cap=1        | ESP32-S2FNR2 (revision v1.0)     | Wi-Fi, Single Core, 240MHz, Embedded Flash 4MB, Embedded PSRAM 2MB, No calibration in BLK2 of efuse
        esp32s2?rev=1.0&psram-cap=1&efuse.3F41A06C=10  | ESP32-S2R2 (revision v1.0)       | Wi-Fi, Single Core, 240MHz, No Embedded Flash, Embedded PSRAM 2MB, ADC and temperature sensor calibration in BLK2 of efuse V1
        esp32c6?rev=0.2                                | ESP32-C6 (QFN40) (revision v0.2) | Wi-Fi 6, BT 5 (LE), IEEE802.15.4, Single Core + LP Core, 160MHz, Unknown Embedded Flash
        esp32c6?rev=0.2&pkg=1&flash-cap=1              | ESP32-C6FH4 (QFN32) (revision v0.2) | Wi-Fi 6, BT 5 (LE), IEEE802.15.4, Single Core + LP Core, 160MHz, Embedded Flash 4MB
        esp32c6?rev=0.2&pkg=1&flash-cap=2              | ESP32-C6FH8 (QFN32) (revision v0.2) | Wi-Fi 6, BT 5 (LE), IEEE802.15.4, Single Core + LP Core, 160MHz, Embedded Flash 8MB
        esp8266                                        | ESP8266EX                        | Wi-Fi, 160MHz
        esp8266?efuse.3FF00050=10                      | ESP8285N08                       | Wi-Fi, 160MHz, Embedded Flash
        esp8266?efuse.3FF00050=30                      | ESP8285H08                       | Wi-Fi, 160MHz, Embedded Flash
        esp8266?efuse.3FF00058=10000                   | ESP8285                          | Wi-Fi, 160MHz, Embedded Flash
        esp32h2?rev=0.1                                | ESP32-H2 (revision v0.1)         | BT 5 (LE), IEEE802.15.4, Single Core, 96MHz
        esp32h2?rev=0.1&pkg=1                          | unknown ESP32-H2 (revision v0.1) | BT 5 (LE), IEEE802.15.4, Single Core, 96MHz
        esp32c2?rev=1.1&pkg=1                          | ESP32-C2 (revision v1.1)         | Wi-Fi, BT 5 (LE), Single Core, 120MHz
        esp32c2?rev=1.1&pkg=2                          | Unknown ESP32-C2 (revision v1.1) | Wi-Fi, BT 5 (LE), Single Core, 120MHz
        esp32c5?rev=1.2                                | ESP32-C5 (revision v1.2)         | Wi-Fi 6 (dual-band), BT 5 (LE), IEEE802.15.4, Single Core + LP Core, 240MHz
        esp32c5?rev=1.2&pkg=1                          | Unknown ESP32-C5 (revision v1.2) | Wi-Fi 6 (dual-band), BT 5 (LE), IEEE802.15.4, Single Core + LP Core, 240MHz
        esp32c61?rev=1.0&pkg=3                         | unknown ESP32-C61 (revision v1.0) | Wi-Fi 6, BT 5 (LE), Single Core, 160MHz
        esp32p4?rev=1.3                                | ESP32-P4 (revision v1.3)         | Dual Core + LP Core, 400MHz
        esp32p4?rev=1.3&pkg=2                          | Unknown ESP32-P4 (revision v1.3) | Dual Core + LP Core, 400MHz
        """)
    void descriptionAndFeaturesFollowTheEfuseFields(String board, String description, String features) throws Exception {
        try (Device d = Device.connect(ConnectOptions.of("virtual://" + board))) {
            assertThat(d.chipDescription()).isEqualTo(description);
            assertThat(String.join(", ", d.features())).isEqualTo(features);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        esp32?rev=3.0&pkg=6   | 5
        esp32s3?rev=0.2&flash-cap=2&psram-cap=2 | 3
        esp32c3?rev=0.4&flash-cap=1 | 2
        esp8266?efuse.3FF00050=10 | 3
        """)
    void eachEfuseWordIsReadOnceForDescriptionAndFeatures(String board, int maxReads) throws Exception {
        List<String> frames = new ArrayList<>();
        try (Device d = Device.connect(ConnectOptions.of("virtual://" + board).trace(frames::add))) {
            d.revision();
            frames.clear();
            d.chipDescription();
            d.features();
        }
        long readRegs = frames.stream().filter(f -> f.contains(" write ") && f.contains(": 00 0a 04 00")).count();
        assertThat(readRegs).isPositive().isLessThanOrEqualTo(maxReads);
    }

    /** ESP8285 flash size rule: word0 bit 4 with word3 bits 26/27 gives 1 or 2 MB; word3 bit 25 gives 2 or 4 MB. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        00000010 | 00000000 | 00000000 | ESP8285N08
        00000030 | 00000000 | 04000000 | ESP8285H16
        00000000 | 00010000 | 02000000 | ESP8285N16
        00000000 | 00010000 | 06000000 | ESP8285
        00000010 | 00000000 | 08000000 | ESP8285
        00000000 | 00000000 | 0E000000 | ESP8266EX
        """)
    void esp8285FlashSizeAndTemperatureName(String w0, String w2, String w3, String name) throws Exception {
        Map<Integer, Integer> otp = Map.of(0x3FF00050, Integer.parseUnsignedInt(w0, 16), 0x3FF00054, 0,
                0x3FF00058, Integer.parseUnsignedInt(w2, 16), 0x3FF0005C, Integer.parseUnsignedInt(w3, 16));
        assertThat(new Esp8266().description(otp::get)).isEqualTo(name);
    }

    @Test
    void memoizingReaderReadsEachAddressOnce() throws Exception {
        List<Integer> reads = new ArrayList<>();
        RegisterReader r = RegisterReader.memoizing(a -> {
            reads.add(a);
            return a + 1;
        });
        assertThat(r.read(8)).isEqualTo(9);
        assertThat(r.read(8)).isEqualTo(9);
        assertThat(r.read(4)).isEqualTo(5);
        assertThat(reads).containsExactly(8, 4);
    }
}
