package org.jesptool.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The accepted and refused forms of Python's {@code int(x, 0)}, which esptool uses for every number. */
class NumbersTest {
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "0            | 0",
        "00           | 0",
        "0_0          | 0",
        "4096         | 4096",
        "1_000        | 1000",
        "0x1000       | 4096",
        "0X1000       | 4096",
        "0x_1000      | 4096",
        "0x10_00      | 4096",
        "0xffffffff   | 4294967295",
        "0o17         | 15",
        "0o10         | 8",
        "0O17         | 15",
        "0b101        | 5",
        "0B1_01       | 5",
        "-0x10        | -16",
        "+7           | 7",
        "' 0x10 '     | 16",
    })
    void accepts(String text, long value) {
        assertThat(Numbers.parse(text)).isEqualTo(value);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {
        "010000   | a decimal number cannot start with 0. Write 0x10000 for hexadecimal or 10000 for decimal.",
        "010      | a decimal number cannot start with 0",
        "0_10     | a decimal number cannot start with 0",
        "0x       | write it in decimal",
        "0x1000x  | write it in decimal",
        "0x__10   | write it in decimal",
        "1__0     | write it in decimal",
        "_10      | write it in decimal",
        "10_      | write it in decimal",
        "0o8      | write it in decimal",
        "0b2      | write it in decimal",
        "1e3      | write it in decimal",
        "zz       | write it in decimal",
        "4k       | write it in decimal",
        "''       | write it in decimal",
        "0x1_0000_0000_0000_0000 | too large",
    })
    void refuses(String text, String message) {
        assertThatThrownBy(() -> Numbers.parse(text)).isInstanceOf(NumberFormatException.class)
                .hasMessageStartingWith("Invalid number '" + text.strip() + "': ").hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "4096 | 4096", "4k | 4096", "4K | 4096", "1M | 1048576", "2m | 2097152", "0x10k | 16384",
        "all | -1", "ALL | -1",
    })
    void sizes(String text, long value) {
        assertThat(Numbers.parseSize(text)).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"4KB", "0xk", "k", "1G", "4MB"})
    void refusedSizes(String text) {
        assertThatThrownBy(() -> Numbers.parseSize(text)).isInstanceOf(NumberFormatException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0x100000000", "-1"})
    void unsigned32OutOfRange(String text) {
        assertThatThrownBy(() -> Numbers.parseUnsigned32(text)).hasMessageContaining("between 0 and 0xFFFFFFFF");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"2m,256KB", "4m,512KB", "8m,1MB", "16m,2MB", "32m,4MB", "64m,8MB", "128m,16MB", "16m-c1,2MB-c1",
        "32m-c1,4MB-c1", "32m-c2,4MB"})
    void megabitFlashSizes(String old, String current) {
        assertThat(Numbers.megabitFlashSize(old)).isEqualTo(current);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"4MB", "detect", "keep", "3m", "1m", "32M", "16M-C1"})
    void notMegabit(String size) {
        assertThat(Numbers.megabitFlashSize(size)).isNull();
    }
}
