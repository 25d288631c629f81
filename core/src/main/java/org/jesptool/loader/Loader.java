package org.jesptool.loader;

import java.io.IOException;
import java.time.Duration;
import org.jesptool.command.LoaderException;
import org.jesptool.target.Chip;

/**
 * The primitives of a connected serial loader (ROM or flasher stub), one method per protocol command.
 * The flashing operations in {@code org.jesptool.flash} are built only on this interface.
 *
 * <p>Each method sends one request, waits for the matching reply and checks its status bytes; a failed
 * status raises {@link LoaderException} carrying the error code, a missing reply raises
 * {@link java.io.InterruptedIOException} or another {@link IOException}.
 */
public interface Loader {

    /** The connected chip. */
    Chip chip();

    /** Whether the flasher stub (rather than the ROM) is answering. */
    boolean isStub();

    /**
     * Whether the stub answering is JEsptool's own (several READ_FLASH packets in flight, erase just ahead of the
     * data, SPI_FLASH_MD5 of the range just written at once), not another esptool-compatible stub.
     */
    default boolean isOwnStub() {
        return false;
    }

    /**
     * What a user can do when an operation needs the flasher stub and the ROM loader is answering: one
     * sentence, e.g. "Drop --no-stub." (set by whoever chose ROM mode, see {@link Device#setRomModeHint}).
     */
    default String romModeHint() {
        return "Load a flasher stub first.";
    }

    /** Whether the chip is in Secure Download Mode. */
    boolean secureDownloadMode();

    /** Chip revision as major*100 + minor. */
    int chipRevision() throws IOException;

    /** The baud rate the link runs at now. */
    int baudRate();

    /** Block size for FLASH_DATA / FLASH_DEFL_DATA: 0x400 (ROM), 0x4000 (stub), 0x800 (stub over USB-OTG). */
    int flashWriteSize();

    /** FLASH_BEGIN; the ROM erases the range now, the stub lazily. Adds the encrypted flag where the loader takes it. */
    void flashBegin(int eraseSize, int blockCount, int blockSize, int offset, boolean encrypted) throws IOException;

    /** FLASH_DATA of one block (caller pads the last block with 0xFF to the block size). */
    void flashData(byte[] block, int seq, Duration timeout) throws IOException;

    /**
     * FLASH_ENCRYPT_DATA of one plain block, which the flasher stub writes through the chip's flash encryption:
     * how esptool 4.x wrote encrypted data through its stub, which takes no "encrypted" word in FLASH_BEGIN.
     */
    void flashEncryptData(byte[] block, int seq, Duration timeout) throws IOException;

    /** FLASH_END: {@code reboot=false} runs user code. */
    void flashEnd(boolean reboot) throws IOException;

    /** FLASH_DEFL_BEGIN; {@code size} is uncompressed (rounded to blocks for the ROM by the caller). */
    void flashDeflBegin(int size, int blockCount, int blockSize, int offset, boolean encrypted) throws IOException;

    /** FLASH_DEFL_DATA of one zlib-compressed block. */
    void flashDeflData(byte[] block, int seq, Duration timeout) throws IOException;

    /** FLASH_DEFL_END. */
    void flashDeflEnd(boolean reboot) throws IOException;

    /** SPI_FLASH_MD5 of a flash region, as 16 raw bytes (the ROM's 32 hex characters are decoded). */
    byte[] flashMd5(int offset, int size) throws IOException;

    /** ERASE_FLASH (stub only). */
    void eraseFlash() throws IOException;

    /** ERASE_REGION (stub only); offset and size are 4 KiB multiples. */
    void eraseRegion(int offset, int size) throws IOException;

    /** Receives flash contents during a streamed read. */
    interface ReadSink {
        /** Called with each chunk in order; {@code total} is the count received so far. */
        void accept(byte[] chunk, int total) throws IOException;
    }

    /**
     * READ_FLASH streaming (stub only) with the reference's window of 64 unacknowledged bytes, so the stub
     * waits for the acknowledgement of each packet; checks the trailing MD5.
     */
    default void readFlash(int offset, int length, ReadSink sink) throws IOException {
        readFlash(offset, length, 64, sink);
    }

    /**
     * READ_FLASH streaming (stub only) with the stub sending while fewer than {@code maxInFlight} bytes are
     * unacknowledged: a window of a few 4 KiB packets keeps the line busy while acknowledgements travel back.
     * Acknowledgements are cumulative; the trailing MD5 is checked.
     */
    void readFlash(int offset, int length, int maxInFlight, ReadSink sink) throws IOException;

    /** READ_FLASH_SLOW of at most 64 bytes (ROM only). */
    byte[] readFlashSlow(int offset, int length) throws IOException;

    /** SPI_SET_PARAMS with the given total flash size. */
    void spiSetParams(int totalSize) throws IOException;

    /** The JEDEC id read with RDID (manufacturer in bits 0..7, type 8..15, capacity 16..23, as esptool). */
    int flashId() throws IOException;

    /** MEM_BEGIN. */
    void memBegin(int size, int blockCount, int blockSize, int offset) throws IOException;

    /** MEM_DATA. */
    void memData(byte[] block, int seq) throws IOException;

    /** MEM_END; {@code entry == 0} means "no entry, stay in the loader". */
    void memEnd(int entry) throws IOException;

    /** READ_REG. */
    int readReg(int address) throws IOException;

    /**
     * Waits up to {@code timeout} until the loader has finished what it acknowledged: the flasher stub answers
     * a DATA block before it writes it, so its last block may still be inflating, erasing and programming.
     * (A READ_REG, which the stub answers once it gets to it, as esptool does.)
     */
    void awaitIdle(Duration timeout) throws IOException;

    /** WRITE_REG with mask and delay. */
    void writeReg(int address, int value, int mask, int delayMicros) throws IOException;

    /** CHANGE_BAUDRATE, then switches the host side. */
    void changeBaudRate(int baud) throws IOException;

    /**
     * WRITE_REG with full mask and no delay.
     *
     * @param address the register
     * @param value the new value
     * @throws IOException when the command fails
     */
    default void writeReg(int address, int value) throws IOException {
        writeReg(address, value, 0xFFFFFFFF, 0);
    }

    /**
     * Block size for MEM_DATA.
     *
     * @return bytes per block
     */
    default int ramBlockSize() {
        return 0x1800;
    }

    /**
     * SPI flash register commands (JEDEC id, status, SFDP) run through this loader.
     *
     * @return the SPI flash commands
     */
    default SpiFlash spiFlash() {
        return new SpiFlash(this);
    }

    /**
     * The crystal frequency in MHz: fixed per chip, or estimated from the UART clock divider at the current
     * baud rate and normalised to 26, 40 or 48.
     *
     * @return the frequency
     * @throws IOException when the divider cannot be read
     */
    default int crystalMhz() throws IOException {
        Chip chip = chip();
        int fixed = chip.fixedCrystalMhz();
        if (fixed != 0 || chip.uartClkDivReg() < 0 || secureDownloadMode()) {
            return fixed != 0 ? fixed : 40;
        }
        int div = readReg(chip.uartClkDivReg()) & 0xFFFFF;
        double est = baudRate() * (double) div / 1e6 / chip.xtalClkDivider();
        return est > 45 ? 48 : est > 33 ? 40 : 26;
    }

    /**
     * Starts the application in flash the ROM way ({@code run}): FLASH_BEGIN(0, 0), then FLASH_END asking
     * to run user code.
     *
     * @throws IOException when a command fails
     */
    default void runUserCode() throws IOException {
        flashBegin(0, 0, flashWriteSize(), 0, false);
        flashEnd(false);
    }

    /** GET_SECURITY_INFO (ROMs from the ESP32-S2 on); by default the loader does not have it. */
    default SecurityState securityInfo() throws IOException {
        throw new IOException("this loader has no GET_SECURITY_INFO");
    }
}
