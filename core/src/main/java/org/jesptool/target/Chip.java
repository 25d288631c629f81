package org.jesptool.target;

import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import org.jesptool.image.ImageChip;
import org.jesptool.image.ImageFormats;

/**
 * Facts about one chip family, as the host side needs them. One subclass per chip; operations ask the
 * chip object instead of testing chip names.
 *
 * <p>Contract between the loader and the flasher: the methods below exist from the start; subclasses and
 * the loader work may add more facts (registers, eFuse layout, reset rules, ...).
 */
public abstract class Chip {
    /** Chips are the classes of this package ({@link Chips}); no others. */
    Chip() {
    }


    /** Canonical lower-case name without dashes, e.g. {@code esp32c3}. */
    public abstract String name();

    /**
     * The chip's image-format facts (chip id, bootloader offset, UF2 family, flash header codes): one source,
     * the image module's {@link ImageFormats}, shared by the image tools and this class.
     */
    public final ImageChip imageFormat() {
        ImageChip f = imageFormat;
        if (f == null) {
            f = ImageFormats.forChip(name());
            imageFormat = f;
        }
        return f;
    }

    private volatile ImageChip imageFormat;

    /** Display name, e.g. {@code ESP32-C3} (from {@link #imageFormat()}). */
    public final String displayName() {
        return imageFormat().displayName();
    }

    /** Image header chip id (extended header), or -1 for chips without one (ESP8266); from {@link #imageFormat()}. */
    public final int imageChipId() {
        return imageFormat().imageChipId();
    }

    /** Flash offset of the second-stage bootloader image (0x0, 0x1000 or 0x2000); from {@link #imageFormat()}. */
    public final int bootloaderFlashOffset() {
        return (int) imageFormat().bootloaderOffset();
    }

    /** Whether the ROM loader understands FLASH_DEFL_* (all but ESP8266). */
    public boolean romSupportsCompressedFlash() {
        return true;
    }

    /** Whether the ROM loader has READ_FLASH_SLOW (all but ESP8266). */
    public boolean romSupportsReadFlashSlow() {
        return true;
    }

    /** Whether the ROM loader has SPI_FLASH_MD5 (all but ESP8266). */
    public boolean romSupportsFlashMd5() {
        return true;
    }

    /** Number of status bytes at the end of a ROM reply (2 on ESP8266, 4 on the ESP32 family). */
    public int romStatusBytes() {
        return 4;
    }

    /**
     * The erase size to put in the ROM's FLASH_BEGIN for writing {@code size} bytes at {@code offset}.
     * ESP8266 overrides this with its ROM erase-size workaround; all others erase exactly {@code size}.
     */
    public int romEraseSize(int offset, int size) {
        return size;
    }

    /**
     * Whether this chip's ROM reads FLASH_BEGIN's erase size differently from the stub and erases more than the
     * stub would (the ESP8266 erase-size bug). A FLASH_BEGIN meant for the stub that reaches the ROM of a chip
     * that was reset meanwhile then erases flash outside the write.
     */
    public boolean romOvereraseOnBegin() {
        return false;
    }

    /**
     * How many bytes, counted from the start of the sector holding {@code offset}, this chip's ROM erases when a
     * FLASH_BEGIN asks for {@code size} bytes there (rounded up to whole sectors by the caller).
     */
    public int romEraseExtent(int offset, int size) {
        return offset % 4096 + size;
    }

    /** Whether the stub of this chip can address flash beyond 16 MiB. */
    public boolean stubSupportsFlashAbove16MiB() {
        return false;
    }

    /** Alignment (bytes) of encrypted flash writes. */
    public int flashEncryptionWriteAlignment() {
        return 16;
    }

    /** Whether the chip has flash encryption and secure boot at all (all but ESP8266). */
    public boolean hasFlashSecurity() {
        return true;
    }

    /**
     * Where this chip's eFuses keep the flash encryption and secure boot settings, or null when they are not
     * described here (flash operations then use the GET_SECURITY_INFO reply).
     */
    public SecurityFuses securityFuses() {
        return null;
    }

    /** The flash security settings read from eFuse, or null when {@link #securityFuses()} is unknown. */
    public FlashSecurity readFlashSecurity(RegisterReader r) throws IOException {
        SecurityFuses f = securityFuses();
        return f == null ? null : f.read(r);
    }

    // ---- detection -------------------------------------------------------------------------------------

    /** Address read for the legacy magic value. */
    public static final int MAGIC_REG = 0x40001000;

    /** The value at {@link #MAGIC_REG} that identifies this chip, or 0 when it is detected by chip id. */
    public int magicValue() {
        return 0;
    }

    /** Magic values of this chip's older ROM revisions (v4-era detection), accepted as a fallback. */
    public List<Integer> legacyMagicValues() {
        return List.of();
    }

    /** Whether this chip is detected by its magic value rather than the GET_SECURITY_INFO chip id. */
    public final boolean detectedByMagic() {
        return magicValue() != 0;
    }

    // ---- registers ---------------------------------------------------------------------------------------

    /** eFuse controller base address. */
    public abstract int efuseBase();

    /** First eFuse word holding the factory MAC (MAC_EFUSE_REG). */
    public abstract int macEfuseReg();

    /** UART_DATE_REG (used as a harmless write target for delays). */
    public abstract int uartDateReg();

    /** UART_CLKDIV_REG, for the crystal estimate; -1 when the crystal is fixed and there is none to read. */
    public int uartClkDivReg() {
        return 0x60000014;
    }

    /** Divider applied to the crystal estimate (2 on ESP8266). */
    public int xtalClkDivider() {
        return 1;
    }

    /** SPI user-command registers (facts 5.2). */
    public abstract SpiRegisters spiRegisters();

    /** The RTC watchdog registers for {@code --after watchdog-reset}, or null when the chip falls back to hard reset. */
    public Watchdog watchdog() {
        return null;
    }

    /** The SPI_ATTACH value the ROM needs without {@code --spi-connection} (ESP32: the eFuse pad config). */
    public int defaultSpiAttach(RegisterReader r) throws IOException {
        return 0;
    }

    /** Whether the ROM's FLASH_BEGIN / FLASH_DEFL_BEGIN take the fifth "encrypted" word (S2 and later). */
    public boolean romTakesEncryptedFlag() {
        return true;
    }

    // ---- identity and eFuse decoding ----------------------------------------------------------------------

    /** Fixed crystal frequency in MHz, or 0 when it is estimated from the UART divider. */
    public int fixedCrystalMhz() {
        return 40;
    }

    /** Chip revision as major*100 + minor, read from eFuse (facts 5.5). */
    public abstract int chipRevision(RegisterReader r) throws IOException;

    /** The factory MAC address (6 bytes). */
    public byte[] readMac(RegisterReader r) throws IOException {
        int mac0 = r.read(macEfuseReg());
        int mac1 = r.read(macEfuseReg() + 4);
        return new byte[] {(byte) (mac1 >> 8), (byte) mac1, (byte) (mac0 >> 24), (byte) (mac0 >> 16),
            (byte) (mac0 >> 8), (byte) mac0};
    }

    /** Whether the chip also has an EUI-64 (802.15.4 radio): C6 and H2. */
    public boolean hasEui64() {
        return false;
    }

    /** The EUI-64 (8 bytes) for chips with {@link #hasEui64()}, else null. */
    public byte[] readEui64(RegisterReader r) throws IOException {
        if (!hasEui64()) {
            return null;
        }
        byte[] mac = readMac(r);
        int ext = r.read(macEfuseReg() + 4) >>> 16;
        return new byte[] {mac[0], mac[1], mac[2], (byte) (ext >> 8), (byte) ext, mac[3], mac[4], mac[5]};
    }

    /**
     * The chip's description as esptool prints it before the revision, decoded from eFuse where the chip
     * records its package (e.g. {@code ESP32-D0WD-V3}, {@code ESP8685 (QFN28)}). By default the display name.
     * Reads go through {@code r}; pass a {@link RegisterReader#memoizing memoizing} reader to read each word once.
     */
    public String description(RegisterReader r) throws IOException {
        return displayName();
    }

    /**
     * Chip features as printed after connecting: radio, cores, clock, and what eFuse says about embedded
     * flash and PSRAM, calibration and coding scheme.
     */
    public abstract List<String> features(RegisterReader r) throws IOException;

    /** Whether "Chip type:" carries a revision (not on ESP8266, which has none). */
    public boolean hasRevision() {
        return true;
    }

    /** The pin(s) that select download mode at reset, for explanations ("GPIO9 (with GPIO8 high)"). */
    public String bootStrapPin() {
        return "GPIO0";
    }

    // ---- USB and stub -------------------------------------------------------------------------------------

    /** USB product id the chip's ROM uses for USB-OTG (vendor 0x303A), or -1 when it has no USB-OTG download. */
    public int usbOtgPid() {
        return -1;
    }

    /** Name of JEsptool's stub image for this chip at {@code revision} (major*100+minor), without ".json". */
    public String stubImageName(int revision) {
        return name();
    }

    /** Whether a flasher stub may be used with this chip at this revision. */
    public boolean stubSupported(int revision, boolean secureBootEnabled) {
        return true;
    }

    /** Whether the ROM may change the baud rate in Secure Download Mode (not ESP32-C2, ESP32-C5). */
    public boolean romChangesBaudInSecureDownloadMode() {
        return true;
    }

    /**
     * The fixed baud rate at which the ROM prints its boot log when it differs from the console's usual rate
     * (the ESP8266's 74880, from its 26 MHz crystal), or 0 when the ROM log needs no switch of its own.
     */
    public int romBootLogBaud() {
        return 0;
    }

    /** Whether {@link #romBaudArgument} depends on the crystal frequency (which then has to be read). */
    public boolean romBaudDependsOnCrystal() {
        return false;
    }

    /**
     * Address of a ROM function pointer through which a stub is started when secure boot makes the ROM
     * refuse MEM_END's entry point (ESP32-S3), or 0.
     */
    public int secureBootStubHook() {
        return 0;
    }

    /** The baud value the ROM's CHANGE_BAUDRATE needs so that the line really runs at {@code baud}. */
    public int romBaudArgument(int baud, int crystalMhz) {
        return baud;
    }

    /**
     * The same, for chips whose correction needs registers of the connected chip (ESP32: the ROM's own
     * crystal estimate). By default only the crystal is used.
     */
    public int romBaudArgument(int baud, int crystalMhz, RegisterReader registers) throws IOException {
        return romBaudArgument(baud, crystalMhz);
    }

    // ---- facts that used to be branches on the chip's name elsewhere ----------------------------------------

    /** The chip's own id (esptool's chip-id), or empty when it has none and the MAC stands in (all but ESP8266). */
    public OptionalInt chipId(RegisterReader r) throws IOException {
        return OptionalInt.empty();
    }

    /**
     * The register write that forces the VDD_SDIO regulator ({@code --override-vddsdio}) to {@code level}
     * ({@code 1.8V}, {@code 1.9V} or {@code OFF}), or null when the chip has no such override (all but ESP32).
     */
    public RegisterWrite vddSdioOverride(String level) {
        return null;
    }

    /** Whether the legacy min_rev byte of an image is compared with the minor revision (ESP32-C3), not the major. */
    public boolean legacyMinRevIsMinor() {
        return false;
    }

    /** Whether this is the chip whose ROM refuses READ_REG in Secure Download Mode (ESP32-S2): detection by that. */
    public boolean refusesReadRegInSecureDownloadMode() {
        return false;
    }

    /** Text in the boot banner of ROMs that print no {@code ESP-ROM:} name (ESP32: its ROM date), or null. */
    public String legacyBannerMark() {
        return null;
    }

    /** One register write: address and value. */
    public record RegisterWrite(int address, int value) {
    }

    @Override
    public String toString() {
        return displayName();
    }
}
