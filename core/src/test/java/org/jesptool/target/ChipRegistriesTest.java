package org.jesptool.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jesptool.image.ImageChip;
import org.jesptool.image.ImageFormats;
import org.jesptool.virtual.EmulatedChips;
import org.junit.jupiter.api.Test;

/**
 * The three chip registries held against each other: the host's chip classes ({@link Chips}), the image formats
 * ({@link ImageFormats}, from which the chip classes take chip id, bootloader offset, display name, UF2 family
 * and flash codes) and the virtual device's own, independent model ({@link EmulatedChips}). They may differ only
 * where it is intended, and each intended difference is spelled out here.
 */
class ChipRegistriesTest {
    private static final Map<String, EmulatedChips.Facts> VIRTUAL = EmulatedChips.all().stream()
            .collect(Collectors.toMap(EmulatedChips.Facts::name, Function.identity()));

    @Test
    void theSameChipsInTheSameOrder() {
        List<String> host = Chips.names();
        assertThat(EmulatedChips.all().stream().map(EmulatedChips.Facts::name).toList())
                .as("the virtual device emulates exactly the chips the host supports").isEqualTo(host);
        List<String> images = ImageFormats.all().stream().map(ImageChip::name).toList();
        // Intended: the image tools also know chips no loader supports yet (elf2image/merge-bin for them work).
        assertThat(images).containsSubsequence(host);
        assertThat(images.stream().filter(n -> !host.contains(n)).toList())
                .containsExactly("esp32h21", "esp32h4", "esp32s31", "esp32e22");
    }

    @Test
    void identityFactsAgree() {
        for (Chip chip : Chips.all()) {
            ImageChip image = ImageFormats.forChip(chip.name());
            EmulatedChips.Facts virtual = VIRTUAL.get(chip.name());
            String n = chip.name();
            // host and image: one source, so these hold by construction; the virtual device must agree.
            assertThat(chip.imageFormat()).as(n).isSameAs(image);
            assertThat(virtual.displayName()).as(n + " display name").isEqualTo(image.displayName());
            assertThat(virtual.imageChipId()).as(n + " image chip id").isEqualTo(image.imageChipId());
            assertThat((long) virtual.bootloaderOffset()).as(n + " bootloader offset").isEqualTo(image.bootloaderOffset());
            assertThat(virtual.uartDateReg()).as(n + " UART_DATE_REG").isEqualTo(chip.uartDateReg());
            assertThat(virtual.romStatusBytes()).as(n + " ROM status bytes").isEqualTo(chip.romStatusBytes());
            assertThat(virtual.usbOtg()).as(n + " USB-OTG").isEqualTo(chip.usbOtgPid() >= 0);
            // Intended: the host reads the magic value only of chips it detects by it; every ROM has one.
            if (chip.detectedByMagic()) {
                assertThat(virtual.magic()).as(n + " magic").isEqualTo(chip.magicValue());
            } else {
                assertThat(Chips.byMagic(virtual.magic()).map(Chip::name).orElse(n))
                        .as(n + " magic is not mistaken for another chip's").isEqualTo(n);
            }
        }
    }

    @Test
    void detectionValuesAreUnique() {
        assertThat(Chips.all().stream().filter(Chip::detectedByMagic).map(Chip::magicValue).distinct().count())
                .isEqualTo(Chips.all().stream().filter(Chip::detectedByMagic).count());
        assertThat(Chips.all().stream().filter(c -> !c.detectedByMagic()).map(Chip::imageChipId).distinct().count())
                .isEqualTo(Chips.all().stream().filter(c -> !c.detectedByMagic()).count());
    }

    @Test
    void factsThatReplacedNameBranchesBelongToOneChipEach() {
        assertThat(Chips.all().stream().filter(Chip::refusesReadRegInSecureDownloadMode).map(Chip::name))
                .containsExactly("esp32s2");
        assertThat(Chips.all().stream().filter(Chip::legacyMinRevIsMinor).map(Chip::name)).containsExactly("esp32c3");
        assertThat(Chips.all().stream().filter(c -> c.vddSdioOverride("1.8V") != null).map(Chip::name))
                .containsExactly("esp32");
        assertThat(Chips.byLegacyBanner("ets Jun  8 2016 00:22:57\r\n")).map(Chip::name).hasValue("esp32");
        assertThat(Chips.all().stream().filter(c -> c.imageFormat().secureBootV1Padding()).map(Chip::name))
                .containsExactly("esp32");
    }
}
