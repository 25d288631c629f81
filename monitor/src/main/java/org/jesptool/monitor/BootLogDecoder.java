package org.jesptool.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains what the ROM and the first boot stages print (monitor facts 1 - 3): reset cause and boot mode in
 * words, what the {@code load:} lines and the {@code invalid header} loop mean, brown-outs, and why a crash
 * happened. One instance follows one chip: it remembers per boot what it already explained, so a loop is
 * explained once, not on every line.
 */
public final class BootLogDecoder {
    /** A decoder that has seen no boot yet. */
    public BootLogDecoder() {
    }

    private static final Pattern RST = Pattern.compile(
            "rst:0x([0-9a-fA-F]+) \\(([^)]*)\\),boot:0x([0-9a-fA-F]+) \\((.*)\\)\\s*$");
    private static final Pattern RST_8266 = Pattern.compile("ets Jan  8 2013,rst cause:(\\d+), boot mode:\\((\\d+),(\\d+)\\)");
    private static final Pattern LOAD = Pattern.compile("^(skip )?load[: ]0x([0-9a-fA-F]{8})");
    private static final Pattern ENTRY = Pattern.compile("^entry 0x([0-9a-fA-F]{8})");
    private static final Pattern INVALID_HEADER = Pattern.compile("invalid header: 0x([0-9a-fA-F]{8})");
    private static final Pattern ETS_MAIN = Pattern.compile("^ets_main\\.c\\s*(\\d*)\\s*$");
    private static final Pattern CHIP_ID = Pattern.compile("Invalid chip id\\. Expected (\\d+) read (\\d+)");
    private static final Pattern GURU = Pattern.compile("Guru Meditation Error: Core\\s+(\\d+) panic'ed \\(([^)]*)\\)");
    private static final Pattern EXCEPTION_8266 = Pattern.compile("^(?:Fatal e|E)xception \\(?(\\d+)\\)?");
    private static final Pattern STACK_OVERFLOW = Pattern.compile("A stack overflow in task (\\S+) has been detected");
    private static final Pattern ESP_ROM = Pattern.compile("^ESP-ROM:(\\S+)");

    private boolean loadExplained;
    private int invalidHeaders;
    private String romName;
    private boolean download;
    private boolean flashBoot;
    private int boots;

    /** The notes for one complete line (without its line end); empty when there is nothing to say. */
    public List<String> decode(String line) {
        List<String> notes = new ArrayList<>();
        Matcher m;
        if ((m = ESP_ROM.matcher(line)).find()) {
            romName = m.group(1);
        }
        if ((m = RST.matcher(line)).find()) {
            newBoot();
            int cause = number(m.group(1), 16);
            String causeName = m.group(2);
            String bootName = m.group(4);
            download = bootName.startsWith("DOWNLOAD") || bootName.startsWith("UART") || bootName.startsWith("USB_BOOT");
            flashBoot = bootName.contains("FLASH_BOOT");
            notes.add("rst cause " + cause + " (" + causeName + "): " + resetCause(causeName));
            notes.add("boot mode 0x" + m.group(3).toLowerCase(Locale.ROOT) + " (" + bootName + "): " + bootMode(bootName));
        } else if ((m = RST_8266.matcher(line)).find()) {
            newBoot();
            int cause = number(m.group(1), 10);
            int mode = number(m.group(2), 10);
            download = mode == 1;
            flashBoot = mode == 3;
            notes.add("rst cause " + cause + ": " + esp8266Cause(cause));
            notes.add("boot mode (" + mode + "," + m.group(3) + "): " + esp8266Mode(mode));
        } else if ((m = LOAD.matcher(line)).find()) {
            if (!loadExplained) {
                loadExplained = true;
                notes.add("the ROM loads the 2nd-stage bootloader from flash: one load line per segment"
                        + " (RAM address and length)" + (m.group(1) != null ? "; 'skip load' segments run from flash" : ""));
            }
        } else if ((m = ENTRY.matcher(line)).find()) {
            notes.add("bootloader loaded; the ROM jumps to its entry point 0x" + m.group(1)
                    + " (what follows comes from the bootloader, then the app)");
        } else if (line.startsWith("csum 0x")) {
            notes.add("bootloader loaded and its checksum is good; what follows comes from the bootloader, then the app");
        } else if ((m = INVALID_HEADER.matcher(line)).find()) {
            invalidHeaders++;
            if (invalidHeaders == 1) {
                String word = m.group(1).toLowerCase(Locale.ROOT);
                notes.add(word.equals("ffffffff")
                        ? "no bootloader where the ROM looks for it: the flash is erased there. Flash a bootloader"
                                + " (0x0 on ESP32-S3/C2/C3/C6/C61/H2, 0x1000 on ESP32/S2, 0x2000 on ESP32-C5/P4);"
                                + " the ROM retries until its watchdog resets the chip"
                        : "the data at the bootloader offset is not a bootloader image (first word 0x" + word + "):"
                                + " written at the wrong offset, built for another chip, or encrypted while flash"
                                + " encryption is off; the ROM retries until its watchdog resets the chip");
            }
        } else if (line.startsWith("flash read err")) {
            notes.add("the ROM found no valid image at 0x1000: no bootloader flashed (erased flash), a wrong offset,"
                    + " or a flash mode / wiring the flash cannot be read with (try --flash-mode dio)");
        } else if ((m = ETS_MAIN.matcher(line)).find()) {
            notes.add(m.group(1).isEmpty()
                    ? "the ROM stopped: no valid image at flash offset 0x0 (erased or damaged); flash the firmware again"
                    : "the ROM stopped (fatal error at ets_main.c line " + m.group(1) + "); its watchdog resets the chip");
        } else if (line.startsWith("csum err") || line.startsWith("Checksum failure")) {
            notes.add("the bootloader image is damaged (checksum mismatch): flash it again; if it persists, check the"
                    + " flash mode (dio) and the flash chip's wiring and power");
        } else if ((m = CHIP_ID.matcher(line)).find()) {
            notes.add("the bootloader was built for another chip (image chip id " + m.group(2) + ", this chip is "
                    + m.group(1) + "): build and flash the bootloader for this chip");
        } else if (line.startsWith("SHA-256 comparison failed")) {
            notes.add("the bootloader's appended SHA-256 does not match its contents: the image is damaged");
        } else if (line.contains("Brownout detector was triggered")) {
            notes.add("brown-out: the supply voltage dropped too low (often when Wi-Fi or a motor starts). Use a"
                    + " shorter/better USB cable or a stronger supply, and add a capacitor near the module");
        } else if (line.startsWith("waiting for download") || line.startsWith("wait uart0 download")
                || line.startsWith("wait usb download")) {
            notes.add("the chip is in download mode, waiting for esptool: to run the app, release BOOT"
                    + " (GPIO0/GPIO9) and reset");
        } else if ((m = GURU.matcher(line)).find()) {
            notes.add("crash on core " + m.group(1) + ": " + panicReason(m.group(2)));
        } else if ((m = EXCEPTION_8266.matcher(line)).find()) {
            notes.add("ESP8266 exception " + m.group(1) + ": " + exccause(number(m.group(1), 10)));
        } else if ((m = STACK_OVERFLOW.matcher(line)).find()) {
            notes.add("task " + m.group(1) + " used more stack than it was given: increase its stack size");
        } else if (line.contains("task_wdt: Task watchdog got triggered")) {
            notes.add("a task kept the CPU busy without yielding (or blocked the idle task) for too long");
        } else if (line.contains("|<-CORRUPTED")) {
            notes.add("the backtrace ends in a corrupted frame: a stack overflow or memory corruption is likely");
        } else if (line.contains("Soft WDT reset")) {
            notes.add("the software watchdog fired: a loop ran too long without yield() or delay()");
        }
        return notes;
    }

    private void newBoot() {
        boots++;
        loadExplained = false;
        invalidHeaders = 0;
    }

    /** The ROM name from the banner ({@code esp32c3-api1-20210207}), or null before one was seen. */
    public String romName() {
        return romName;
    }

    /** Whether the last boot banner showed download mode. */
    public boolean downloadMode() {
        return download;
    }

    /** Whether the last boot banner showed a flash boot. */
    public boolean flashBoot() {
        return flashBoot;
    }

    /** How many boot banners were seen. */
    public int boots() {
        return boots;
    }

    /** How often the ROM printed {@code invalid header} in the current boot. */
    public int invalidHeaders() {
        return invalidHeaders;
    }

    /** The reset cause in words, from the name the ROM printed (the names differ per chip, facts 1.5). */
    static String resetCause(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (n.contains("POWERON")) {
            return "power-on, or the EN (reset) pin was pulled low (reset button, or RTS from the USB bridge)";
        }
        if (n.contains("BROWN") || n.contains("BOD")) {
            return "brown-out: the supply voltage dropped too low; check the power supply and USB cable";
        }
        if (n.contains("SW_CPU")) {
            return "software restart of the CPU (esp_restart(), e.g. after a panic)";
        }
        if (n.contains("SW_SYS") || n.equals("SW_RESET") || n.contains("SW_HPSYS")) {
            return "software system reset";
        }
        if (n.contains("SLEEP") || n.contains("DSLEEP")) {
            return "wake-up from deep sleep";
        }
        if (n.contains("SUPER_WDT") || n.contains("SWDT")) {
            return "super watchdog reset";
        }
        if (n.contains("TG0") || n.contains("TGWDT") || n.contains("HP_WDT")) {
            return "timer-group 0 watchdog (task or interrupt watchdog): the app hung";
        }
        if (n.contains("TG1")) {
            return "timer-group 1 watchdog (interrupt watchdog): the app hung";
        }
        if (n.contains("RTCWDT") || n.contains("RTC_WDT") || n.contains("LP_WDT")) {
            return "RTC watchdog: the ROM or bootloader did not finish booting in time (a boot loop)";
        }
        if (n.contains("USB_UART") || n.contains("USB_JTAG")) {
            return "reset through the chip's USB port (esptool, a monitor or the USB host)";
        }
        if (n.contains("JTAG")) {
            return "reset by the JTAG debugger";
        }
        if (n.contains("EFUSE")) {
            return "eFuse CRC error";
        }
        if (n.contains("GLITCH")) {
            return "power glitch detected";
        }
        if (n.contains("EXT")) {
            return "external reset";
        }
        if (n.contains("OWDT")) {
            return "legacy watchdog";
        }
        if (n.contains("SDIO")) {
            return "reset by the SDIO host";
        }
        return "see the chip's technical reference manual";
    }

    static String bootMode(String name) {
        if (name.contains("FLASH_BOOT") && !name.contains("HSPI")) {
            return "flash boot (the boot strap, GPIO0 / GPIO9, was high): the ROM runs the bootloader from flash";
        }
        if (name.startsWith("DOWNLOAD") || name.startsWith("UART") || name.startsWith("USB_BOOT")) {
            return "download mode (the boot strap, GPIO0 / GPIO9, was low at reset): the ROM waits for esptool";
        }
        return "an unusual strap combination; check the strapping pins";
    }

    /** A number the device printed, or -1 when it has more digits than any real cause or mode (garbled line). */
    static int number(String digits, int radix) {
        return digits.length() > 7 ? -1 : Integer.parseInt(digits, radix);
    }

    static String esp8266Cause(int cause) {
        switch (cause) {
            case 0: return "none";
            case 1: return "power-on";
            case 2: return "reset pin (also shown after software restarts and exceptions in Arduino)";
            case 3: return "software reset";
            case 4: return "hardware watchdog: the app hung";
            case 5: return "wake-up from deep sleep";
            case 6: return "SDIO reset";
            default: return "unknown";
        }
    }

    static String esp8266Mode(int mode) {
        switch (mode) {
            case 1: return "UART download (GPIO0 low at reset): the ROM waits for esptool";
            case 2: return "boot from IRAM";
            case 3: return "flash boot (GPIO0 high at reset)";
            default: return "SDIO boot (GPIO15 high at reset: it must be pulled low)";
        }
    }

    static String panicReason(String reason) {
        switch (reason) {
            case "LoadProhibited": return "the code read from an address that holds no memory (often a NULL or stale pointer: see EXCVADDR)";
            case "StoreProhibited": return "the code wrote to an address that holds no memory (often a NULL or stale pointer: see EXCVADDR)";
            case "Load access fault": return "the code read from an address it may not access (often a NULL or stale pointer: see MTVAL)";
            case "Store access fault": return "the code wrote to an address it may not access (often a NULL or stale pointer: see MTVAL)";
            case "IllegalInstruction": case "Illegal instruction":
                return "the CPU met an invalid instruction (a corrupted function pointer or stack)";
            case "InstrFetchProhibited": case "Instruction access fault":
                return "the CPU jumped to an address without code (a corrupted function pointer or return address)";
            case "LoadStoreAlignment": case "Load address misaligned": case "Store address misaligned":
                return "a misaligned memory access";
            case "IntegerDivideByZero": return "integer division by zero";
            default:
                if (reason.startsWith("Interrupt wdt timeout")) {
                    return "an interrupt handler or a critical section ran too long";
                }
                if (reason.startsWith("Cache disabled")) {
                    return "code or data in flash was used while the flash cache was off (an ISR without IRAM_ATTR?)";
                }
                if (reason.contains("Double exception")) {
                    return "an exception while handling an exception (usually a stack overflow)";
                }
                return reason;
        }
    }

    /** Xtensa EXCCAUSE names (facts 3.1), for ESP8266 {@code Exception (N)}. */
    static String exccause(int n) {
        switch (n) {
            case 0: return "IllegalInstruction";
            case 2: return "InstructionFetchError";
            case 3: return "LoadStoreError (a byte or half-word access to IRAM/flash)";
            case 6: return "IntegerDivideByZero";
            case 9: return "LoadStoreAlignment (a misaligned access)";
            case 20: return "InstrFetchProhibited (a jump to an address without code)";
            case 28: return "LoadProhibited (read from an invalid address, often a NULL pointer: see excvaddr)";
            case 29: return "StoreProhibited (write to an invalid address, often a NULL pointer: see excvaddr)";
            default: return "EXCCAUSE " + n;
        }
    }
}
