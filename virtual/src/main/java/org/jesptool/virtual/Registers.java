package org.jesptool.virtual;

import java.util.LinkedHashMap;
import java.util.Map;

/** Fills a freshly reset {@link Bus} with the chip's register contents for the configured board. */
final class Registers {
    private Registers() {
    }

    /** The eFuse words the board starts with (MAC, revision, configured security), by address. */
    static Map<Integer, Integer> initialEfuses(Chip chip, DeviceConfig config) {
        Map<Integer, Integer> fixed = new LinkedHashMap<>(chip.fixedRegisters);
        chip.writeEfuses(fixed, config);
        config.efuseBits.forEach((addr, bits) -> fixed.merge(addr, bits, (a, b) -> a | b));
        EfuseLayout layout = chip.efuseLayout();
        config.registerPresets.forEach((addr, value) -> {
            if (layout != null && layout.contains(addr)) {
                fixed.put(addr & ~3, value);
            }
        });
        return fixed;
    }

    static void populate(Device device) {
        Chip chip = device.chip;
        DeviceConfig config = device.config;
        Bus bus = device.bus;
        Map<Integer, Integer> fixed = new LinkedHashMap<>(chip.fixedRegisters);
        chip.writeEfuses(fixed, config);
        config.efuseBits.forEach((addr, bits) -> fixed.merge(addr, bits, (a, b) -> a | b));
        fixed.put(Chip.MAGIC_REG, chip.magic(config));
        fixed.put(chip.uartDateReg, chip.uartDateValue);
        for (Map.Entry<Integer, Integer> e : fixed.entrySet()) {
            if (device.efuse == null || !device.efuse.layout.contains(e.getKey())) {
                bus.fixed(e.getKey(), e.getValue());
            }
        }
        if (device.efuse != null) {
            bus.attach(device.efuse);
        }
        bus.computed(chip.uartClkdivReg, () -> chip.clockDivider(device.chipBaud(), config.xtal(), !device.baudChanged()));
        if (chip.gpioStrapReg != 0) {
            bus.computed(chip.gpioStrapReg, () -> device.bootedIntoDownload() ? chip.downloadBootValue : chip.flashBootValue);
        }
        if (chip.romHookAddress != 0) {
            bus.store(chip.romHookAddress, chip.romHookOriginal);
        }
        if (chip.rtcWdtConfig0 != 0) {
            bus.onWrite(chip.rtcWdtConfig0, v -> {
                boolean enabled = (v & 0x80000000) != 0;
                boolean stage0Resets = (v >>> 28 & 7) >= 4; // 4: CPU, 5: system / RTC reset
                if (enabled && stage0Resets) {
                    device.watchdogArmed();
                }
            });
        }
        SpiController spi = new SpiController(chip.spi, device.spiFlash, bus);
        spi.reset();
        bus.attach(spi);
        for (Map.Entry<Integer, Integer> e : config.registerPresets.entrySet()) {
            bus.override(e.getKey(), e.getValue());
        }
    }
}
