package org.jesptool.virtual;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jesptool.protocol.Opcode;

/**
 * The facts about one chip family's ROM bootloader that the virtual device needs: identity, register
 * addresses, eFuse layout, SPI controller layout, RAM map, security-info form, banner. One subclass per
 * chip sets these fields in its constructor; operations never branch on the chip.
 */
abstract class Chip {
    /** Where the ROM keeps its magic value (the first word of its data). */
    static final int MAGIC_REG = 0x40001000;

    String name;
    String displayName;
    /** Value at {@link #MAGIC_REG}; chips identified by chip id still have one. */
    int magic;
    int imageChipId = -1;
    /** Status bytes at the end of a ROM reply: 2 (ESP8266) or 4 (ESP32 family). */
    int romStatusLength = 4;
    /** GET_SECURITY_INFO reply length: 0 when the ROM lacks the command, 12 (ESP32-S2) or 20. */
    int securityInfoLength = 20;
    int securityApiVersion = 3;
    byte[] defaultKeyPurposes = new byte[7];
    /** FLASH_BEGIN / FLASH_DEFL_BEGIN parameter length the ROM insists on. */
    int romFlashBeginLength = 20;
    final BitSet romOps = new BitSet(256);
    /** ESP32: the two reserved status bytes keep their stale value for the whole session. */
    boolean romResidueSurvives;
    /** ESP8266: FLASH_BEGIN's erase size is misinterpreted by the ROM (facts 2.5). */
    boolean romEraseQuirk;
    /**
     * A ROM function pointer in RAM that READ_FLASH_SLOW calls through (ESP32-S3), or 0. esptool
     * overwrites it with the stub's entry to start the stub when secure boot forbids MEM_END's jump.
     */
    int romHookAddress;
    int romHookOriginal;
    /**
     * The RTC watchdog's CONFIG0 register, or 0 when its reset is not modelled. Enabling it with stage 0
     * set to "reset" (esptool's watchdog-reset) resets the chip shortly after.
     */
    int rtcWdtConfig0;
    /** RTC_CNTL_OPTION1 (ESP32-S3): bit 0 forces download mode at the next reset; 0 when absent. */
    int forceDownloadReg;
    int watchdogResetCause = 0x10;
    String watchdogResetText = "RTCWDT_RTC_RST";
    /** Whether the stub knows FLASH_ENCRYPT_DATA (not on ESP8266). */
    boolean flashEncryption = true;
    /** How the SPI controller encrypts an encrypted write; null on chips without flash encryption. */
    FlashCipher.Scheme encryption = FlashCipher.Scheme.XTS;

    int uartDateReg = 0x6000007C;
    /** GPIO_STRAP_REG (reads the banner's boot value); 0 when not modelled. */
    int gpioStrapReg;
    int uartDateValue;
    int uartClkdivReg = 0x60000014;
    /** UART clock = crystal x this (ESP8266: 2). */
    int uartClockMultiplier = 1;
    int defaultXtalMhz = 40;
    /** How the ROM's CHANGE_BAUDRATE divider relates to the real clock. */
    BaudQuirk baudQuirk = BaudQuirk.NONE;
    int romDefaultBaud = 115200;
    /** The flash size the ROM assumes until SPI_SET_PARAMS (ESP8266 has no such command: 16 MB). */
    int romDefaultFlashSize = 4 << 20;
    /** The baud rate the boot banner is printed at. */
    int bannerBaud = 115200;

    SpiLayout spi;
    final List<long[]> ram = new ArrayList<>();
    /** RAM the ROM itself uses; MEM_BEGIN into it is refused. */
    long[] romReservedRam;
    /** Fixed register contents (eFuse words, date registers) before configuration is applied. */
    final Map<Integer, Integer> fixedRegisters = new LinkedHashMap<>();

    byte[] defaultMac;
    int defaultMajor;
    int defaultMinor;
    int bootloaderOffset;
    boolean usbJtagSerial;
    boolean usbOtg;

    String romBanner;
    int downloadBootValue;
    String downloadBootText;
    int flashBootValue;
    String flashBootText;
    int powerOnCause = 1;
    String powerOnText = "POWERON";
    int softResetCause = 3;
    String softResetText = "RTC_SW_SYS_RST";
    int usbResetCause = 0x15;
    String usbResetText = "USB_UART_CHIP_RESET";
    /** The ROM's reset-cause name table (facts 1.5); null: the text fields above are used. */
    String[] resetNames;

    /** How the ROM prints its flash boot (facts 1.2 - 1.4). */
    BootStyle bootStyle = BootStyle.ESP_ROM;
    /** {@code SPI mode:} instead of {@code mode:} (ESP32-C5, -C61, -P4). */
    boolean spiModeLine;
    /** Segments mapped from flash are not loaded: {@code skip load:} (ESP32-C5, -C61). */
    boolean skipsFlashSegments;
    /** The source line of the ROM's {@code ets_main.c N} after a failed bootloader load; -1 when not known. */
    int bootFailLine = -1;
    /** How often the ROM retries an invalid header before it fails (ESP32-C5: 3); -1: forever. */
    int invalidHeaderRetries = -1;

    /** The eFuse controller's register layout, or null (ESP8266: no such controller). */
    EfuseLayout efuseLayout() {
        return null;
    }

    /** Writes eFuse words that encode MAC, revision, package and security settings. */
    abstract void writeEfuses(Map<Integer, Integer> regs, DeviceConfig config);

    /**
     * The key purposes GET_SECURITY_INFO reports: the chip's defaults, with the flash encryption key's purpose
     * (XTS_AES_128_KEY, or the two XTS_AES_256 halves for a 512-bit key) in the first key blocks once a key is
     * programmed.
     */
    byte[] keyPurposes(DeviceConfig config) {
        byte[] p = defaultKeyPurposes.clone();
        int[] key = keyBlockPurposes(config);
        for (int i = 0; i < key.length; i++) {
            p[i] = (byte) key[i];
        }
        return p;
    }

    /** The purposes of the key blocks holding the flash encryption key (none without a key). */
    static int[] keyBlockPurposes(DeviceConfig config) {
        if (config.flashKey == null) {
            return new int[0];
        }
        return config.flashKey.length == 64 ? new int[] {PURPOSE_XTS_AES_256_KEY_1, PURPOSE_XTS_AES_256_KEY_2}
                : new int[] {PURPOSE_XTS_AES_128_KEY};
    }

    static final int PURPOSE_XTS_AES_256_KEY_1 = 2;
    static final int PURPOSE_XTS_AES_256_KEY_2 = 3;
    static final int PURPOSE_XTS_AES_128_KEY = 4;

    /**
     * The security state as the chip's hardware sees it in its eFuses (raw fuse words by address, read protection
     * ignored): {crypt count, secure boot (0/1)}. Chips set where the fields live.
     */
    int[] securityFuses(java.util.function.IntUnaryOperator fuse) {
        return new int[] {0, 0};
    }

    /** KEY_PURPOSE_0..5 from the fuses, then the chip's default for the last byte. */
    byte[] keyPurposes(java.util.function.IntUnaryOperator fuse) {
        return defaultKeyPurposes.clone();
    }

    /**
     * The flash encryption key the hardware would use, from the eFuse key blocks (the key file's bytes: the
     * blocks hold them reversed, as espefuse burns them), or null when no key block holds one.
     */
    byte[] flashKeyFromFuses(java.util.function.IntUnaryOperator fuse) {
        return null;
    }

    /** Bytes of {@code words} fuse words from {@code addr}, reversed (key file order). */
    static byte[] reversedBlock(java.util.function.IntUnaryOperator fuse, int addr, int words) {
        byte[] b = new byte[words * 4];
        for (int i = 0; i < b.length; i++) {
            b[b.length - 1 - i] = (byte) (fuse.applyAsInt(addr + (i & ~3)) >>> (8 * (i & 3)));
        }
        return b;
    }

    static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** The magic value, which on some chips depends on the ROM revision. */
    int magic(DeviceConfig config) {
        return magic;
    }

    /** The boot banner printed after a reset, lines ending in CRLF as the ROM prints them. */
    String banner(ResetCause cause, boolean download) {
        StringBuilder b = new StringBuilder();
        if (romBanner != null) {
            b.append(romBanner);
        }
        b.append(String.format("rst:0x%x (%s),boot:0x%x (%s)\r\n", causeCode(cause), causeText(cause),
                download ? downloadBootValue : flashBootValue, download ? downloadBootText : flashBootText));
        if (download) {
            b.append("waiting for download\r\n");
        }
        return b.toString();
    }

    int causeCode(ResetCause cause) {
        switch (cause) {
            case SOFTWARE: return softResetCause;
            case USB: return usbResetCause;
            case WATCHDOG: return watchdogResetCause;
            case POWER_ON: return powerOnCause;
            default: return cause.code;
        }
    }

    String causeText(ResetCause cause) {
        if (resetNames != null) {
            return ResetNames.name(resetNames, causeCode(cause));
        }
        switch (cause) {
            case SOFTWARE: return softResetText;
            case USB: return usbResetText;
            case WATCHDOG: return watchdogResetText;
            default: return powerOnText;
        }
    }


    /** The UART clock divider register value for a baud rate at the given crystal. */
    int clockDivider(int baud, int xtalMhz, boolean autobauded) {
        double clk = xtalMhz * 1e6 * uartClockMultiplier;
        double div = clk / baud;
        int whole = (int) div;
        if (autobauded) {
            return whole - 1;
        }
        int frag = (int) ((div - whole) * 16) & 0xF;
        return whole | frag << 20;
    }

    /** The ROM's supported commands of the ESP32 family (everything but GET_SECURITY_INFO). */
    final void esp32FamilyRomOps(boolean securityInfo) {
        int[] ops = {Opcode.FLASH_BEGIN, Opcode.FLASH_DATA, Opcode.FLASH_END, Opcode.MEM_BEGIN, Opcode.MEM_END,
                Opcode.MEM_DATA, Opcode.SYNC, Opcode.WRITE_REG, Opcode.READ_REG, Opcode.SPI_SET_PARAMS,
                Opcode.SPI_ATTACH, Opcode.READ_FLASH_SLOW, Opcode.CHANGE_BAUDRATE, Opcode.FLASH_DEFL_BEGIN,
                Opcode.FLASH_DEFL_DATA, Opcode.FLASH_DEFL_END, Opcode.SPI_FLASH_MD5};
        for (int op : ops) {
            romOps.set(op);
        }
        if (securityInfo) {
            romOps.set(Opcode.GET_SECURITY_INFO);
        }
    }

    final void ram(long start, long end) {
        ram.add(new long[] {start, end});
    }

    /** Standard S2-and-later MAC words: mac0 = bytes 2..5 big-endian, mac1 low half = bytes 0..1. */
    static void putMac(Map<Integer, Integer> regs, int macReg, byte[] mac, int mac1High) {
        regs.put(macReg, be(mac, 2, 4));
        regs.put(macReg + 4, (mac1High << 16) | be(mac, 0, 2));
    }

    static int be(byte[] b, int off, int len) {
        int v = 0;
        for (int i = 0; i < len; i++) {
            v = v << 8 | (b[off + i] & 0xFF);
        }
        return v;
    }

    /** Sets {@code bits} of the register at {@code addr} from bit {@code shift}, width {@code width}. */
    static void setField(Map<Integer, Integer> regs, int addr, int shift, int width, int value) {
        int mask = (int) (((1L << width) - 1) << shift);
        int old = regs.getOrDefault(addr, 0);
        regs.put(addr, (old & ~mask) | ((value << shift) & mask));
    }

    /**
     * Why the chip is booting. The ESP32 family numbers the causes alike (facts 1.5); the first four take
     * their number from the chip, the others carry it.
     */
    enum ResetCause {
        POWER_ON(1), SOFTWARE(3), USB(0x15), WATCHDOG(0x10),
        /** esp_restart() after a panic: SW_CPU_RESET. */
        PANIC(0xc),
        BROWNOUT(0xf),
        DEEP_SLEEP(5),
        TG0_WDT(7),
        TG1_WDT(8);

        final int code;

        ResetCause(int code) {
            this.code = code;
        }
    }

    /** The ROM families' flash-boot output formats. */
    enum BootStyle {
        /** ESP8266: {@code load 0x..., len N, room N}, {@code tail}, {@code chksum}, {@code csum}. */
        ESP8266,
        /** ESP32 (ROM of revisions 0 and 1): {@code configsip}, {@code clk_drv}, decimal lengths, ho/tail/room. */
        ESP32,
        /** ESP32-S2 and later: {@code SPIWP}, {@code mode}, hex lengths, {@code invalid header} loop. */
        ESP_ROM
    }

    /** How a ROM's CHANGE_BAUDRATE relates the value sent to the real baud rate. */
    enum BaudQuirk {
        /** The value is the baud rate. */
        NONE,
        /** ESP32: the ROM divides by its own crystal estimate (RTC calibration): real = value x xtal / estimate. */
        ESP32,
        /** ESP32-C2/C5: real = value x xtal / 40. */
        XTAL_OVER_40
    }

    /** The SPI flash controller's user-command register layout (facts 5.2). */
    record SpiLayout(int base, int usr, int usr1, int usr2, int mosiDlen, int misoDlen, int w0,
                     boolean addressMsbAligned, int initialUsr, int initialUsr2) {
        /** The layout shared by ESP32-S2 and every later chip. */
        static SpiLayout modern(int base) {
            return new SpiLayout(base, 0x18, 0x1C, 0x20, 0x24, 0x28, 0x58, false, 0x800000C0, 0x70000000);
        }
    }
}
