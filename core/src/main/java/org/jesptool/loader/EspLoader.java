package org.jesptool.loader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.jesptool.command.LoaderException;
import org.jesptool.command.NoReplyException;
import org.jesptool.command.Timeouts;
import org.jesptool.command.UnsupportedCommandException;
import org.jesptool.command.internal.CommandChannel;
import org.jesptool.command.internal.Reply;
import org.jesptool.command.internal.SlipLink;
import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.jesptool.target.Chip;

/**
 * The {@link Loader} of a connected chip, in ROM or stub mode; {@link Device#loader()} hands it out as the
 * interface.
 * Not thread-safe.
 */
final class EspLoader implements Loader {
    private static final byte[] NONE = new byte[0];
    private static final int READ_FLASH_PACKET = 0x1000;

    private final CommandChannel ch;
    private final Chip chip;
    private final boolean sdm;
    private final Timeouts timeouts;
    private final SpiFlash spi = new SpiFlash(this);
    private Sleeper sleeper = Sleeper.REAL;
    private boolean usbOtg;
    private int revision = -1;
    private int crystalMhz;
    private SecurityState detectedSecurity;
    private boolean ownStub;
    private String romModeHint = "Load a flasher stub first.";

    EspLoader(CommandChannel ch, Chip chip, boolean secureDownloadMode, Timeouts timeouts) {
        this.ch = ch;
        this.chip = chip;
        this.sdm = secureDownloadMode;
        this.timeouts = timeouts;
        ch.setRomStatusBytes(chip.romStatusBytes());
    }

    void setSleeper(Sleeper s) {
        this.sleeper = s;
    }

    /** Marks the link as the chip's own USB-OTG port (smaller blocks). */
    void setUsbOtg(boolean usbOtg) {
        this.usbOtg = usbOtg;
    }

    void setStub(boolean stub) {
        ch.setStub(stub);
        if (!stub) {
            ownStub = false;
        }
    }

    @Override
    public boolean isOwnStub() {
        return ownStub && isStub();
    }

    @Override
    public String romModeHint() {
        return romModeHint;
    }

    /** Why the ROM loader is answering, as a hint for messages that need the stub (one sentence). */
    public void setRomModeHint(String hint) {
        this.romModeHint = hint;
    }

    /** The ROM's GET_SECURITY_INFO reply from detection, answered again once the stub (which lacks it) runs. */
    void setDetectedSecurity(SecurityState security) {
        this.detectedSecurity = security;
    }

    /** The command channel (for raw access and tracing). */
    public CommandChannel channel() {
        return ch;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    @Override
    public SpiFlash spiFlash() {
        return spi;
    }

    @Override
    public Chip chip() {
        return chip;
    }

    @Override
    public boolean isStub() {
        return ch.stub();
    }

    @Override
    public boolean secureDownloadMode() {
        return sdm;
    }

    /** Whether the link is the chip's USB-OTG port. */
    public boolean usbOtg() {
        return usbOtg;
    }

    @Override
    public int chipRevision() throws IOException {
        if (revision < 0) {
            revision = sdm ? 0 : chip.chipRevision(this::readReg);
        }
        return revision;
    }

    @Override
    public int baudRate() {
        return ch.link().transport().baudRate();
    }

    @Override
    public int flashWriteSize() {
        return isStub() ? (usbOtg ? 0x800 : 0x4000) : 0x400;
    }

    /** Block size for MEM_DATA: smaller through the USB-OTG port. */
    @Override
    public int ramBlockSize() {
        return usbOtg ? 0x800 : 0x1800;
    }

    private long defaultTimeout() {
        return timeouts.defaultMillis();
    }

    private byte[] beginPayload(int a, int b, int c, int d, boolean encrypted) {
        // ESP32-S2 and later ROMs take the "encrypted" word; flasher stubs of esptool v5 take it too, but the
        // esptool stub before them checks for exactly four words, so the stub gets it only when it matters
        if (isStub() ? encrypted : chip.romTakesEncryptedFlag()) {
            return Packet.words(a, b, c, d, encrypted ? 1 : 0);
        }
        return Packet.words(a, b, c, d);
    }

    @Override
    public void flashBegin(int eraseSize, int blockCount, int blockSize, int offset, boolean encrypted)
            throws IOException {
        long t = isStub() ? defaultTimeout() : timeouts.perMbMillis(timeouts.eraseRegionTimeoutPerMb(), eraseSize);
        ch.check(Opcode.FLASH_BEGIN, beginPayload(eraseSize, blockCount, blockSize, offset, encrypted), 0, t, 0);
    }

    @Override
    public void flashData(byte[] block, int seq, java.time.Duration timeout) throws IOException {
        ch.check(Opcode.FLASH_DATA, Packet.dataPayload(block, seq), Packet.checksum(block, 0, block.length),
                timeout.toMillis(), 0);
    }

    @Override
    public void flashEncryptData(byte[] block, int seq, java.time.Duration timeout) throws IOException {
        ch.check(Opcode.FLASH_ENCRYPT_DATA, Packet.dataPayload(block, seq), Packet.checksum(block, 0, block.length),
                timeout.toMillis(), 0);
    }

    @Override
    public void flashEnd(boolean reboot) throws IOException {
        ch.check(Opcode.FLASH_END, Packet.words(reboot ? 0 : 1), 0, defaultTimeout(), 0);
    }

    @Override
    public void flashDeflBegin(int size, int blockCount, int blockSize, int offset, boolean encrypted)
            throws IOException {
        long t = isStub() ? defaultTimeout() : timeouts.perMbMillis(timeouts.eraseRegionTimeoutPerMb(), size);
        ch.check(Opcode.FLASH_DEFL_BEGIN, beginPayload(size, blockCount, blockSize, offset, encrypted), 0, t, 0);
    }

    @Override
    public void flashDeflData(byte[] block, int seq, java.time.Duration timeout) throws IOException {
        ch.check(Opcode.FLASH_DEFL_DATA, Packet.dataPayload(block, seq), Packet.checksum(block, 0, block.length),
                timeout.toMillis(), 0);
    }

    @Override
    public void flashDeflEnd(boolean reboot) throws IOException {
        ch.check(Opcode.FLASH_DEFL_END, Packet.words(reboot ? 0 : 1), 0, defaultTimeout(), 0);
    }

    @Override
    public byte[] flashMd5(int offset, int size) throws IOException {
        if (!isStub() && !chip.romSupportsFlashMd5()) {
            throw new UnsupportedCommandException(Opcode.SPI_FLASH_MD5,
                    "The " + chip.displayName() + " ROM cannot compute flash MD5. " + romModeHint);
        }
        int len = isStub() ? 16 : 32;
        Reply r = ch.check(Opcode.SPI_FLASH_MD5, Packet.words(offset, size, 0, 0), 0,
                timeouts.perMbMillis(timeouts.md5TimeoutPerMb(), size), len);
        if (len == 16) {
            return r.data();
        }
        String hex = new String(r.data(), 0, 32, StandardCharsets.ISO_8859_1);
        if (!hex.matches("[0-9a-fA-F]{32}")) {
            // the ROM sends the digest as 32 hex digits: anything else is a damaged reply, not a digest
            throw new IOException("Reply to SPI_FLASH_MD5 is not a hexadecimal MD5 (damaged on the line?)");
        }
        return HexFormat.of().parseHex(hex.toLowerCase());
    }

    private void requireStub(int op, String what) throws UnsupportedCommandException {
        if (!isStub()) {
            throw new UnsupportedCommandException(op, what + " needs the flasher stub, but the ROM loader is"
                    + " answering. " + romModeHint);
        }
    }

    @Override
    public void eraseFlash() throws IOException {
        requireStub(Opcode.ERASE_FLASH, "Erasing the whole flash");
        ch.check(Opcode.ERASE_FLASH, NONE, 0, Timeouts.millis(timeouts.chipEraseTimeout()), 0);
    }

    @Override
    public void eraseRegion(int offset, int size) throws IOException {
        requireStub(Opcode.ERASE_REGION, "ERASE_REGION");
        ch.check(Opcode.ERASE_REGION, Packet.words(offset, size), 0,
                timeouts.perMbMillis(timeouts.eraseRegionTimeoutPerMb(), size), 0);
    }

    /**
     * {@inheritDoc}
     *
     * <p>In ROM mode this falls back to READ_FLASH_SLOW in 64-byte pieces (where the ROM has it).
     */
    @Override
    public void readFlash(int offset, int length, int maxInFlight, ReadSink sink) throws IOException {
        readFlash(offset, length, READ_FLASH_PACKET, maxInFlight, sink);
    }

    /**
     * READ_FLASH with explicit packet size and window of unacknowledged bytes (defaults 0x1000 and 64);
     * in ROM mode READ_FLASH_SLOW as above.
     */
    public void readFlash(int offset, int length, int packetSize, int maxInFlight, ReadSink sink) throws IOException {
        if (!isStub()) {
            if (!chip.romSupportsReadFlashSlow()) {
                throw new UnsupportedCommandException(Opcode.READ_FLASH_SLOW,
                        "The " + chip.displayName() + " ROM cannot read flash. " + romModeHint);
            }
            int done = 0;
            while (done < length) {
                int n = Math.min(64, length - done);
                byte[] chunk = readFlashSlow(offset + done, n);
                done += n;
                sink.accept(chunk, done);
            }
            return;
        }
        MessageDigest md5 = md5();
        ch.check(Opcode.READ_FLASH, Packet.words(offset, length, packetSize, maxInFlight), 0, defaultTimeout(), 0);
        SlipLink link = ch.link();
        int total = 0;
        while (total < length) {
            byte[] chunk = link.readFrame(defaultTimeout());
            if (chunk == null) {
                throw new NoReplyException("Flash read stopped after " + total + " of " + length + " bytes: no data"
                        + " for " + defaultTimeout() / 1000.0 + " s", link.takeNoise());
            }
            if (chunk.length < packetSize && total + chunk.length < length) {
                throw new IOException("Corrupt data during flash read: expected " + packetSize
                        + " bytes but received " + chunk.length);
            }
            total += chunk.length;
            if (total > length) {
                throw new IOException("Flash read returned more data than requested (" + total + " > " + length + ")");
            }
            md5.update(chunk);
            link.writeFrame(Packet.words(total));
            sink.accept(chunk, total);
        }
        byte[] digest = link.readFrame(defaultTimeout());
        if (digest == null || digest.length != 16) {
            throw new IOException("The stub did not send the MD5 of the flash read");
        }
        if (!Arrays.equals(digest, md5.digest())) {
            throw new IOException("The MD5 of the flash read does not match the data received: the data is corrupt");
        }
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] readFlashSlow(int offset, int length) throws IOException {
        if (length > 64) {
            throw new IllegalArgumentException("READ_FLASH_SLOW reads at most 64 bytes");
        }
        Reply r = ch.check(Opcode.READ_FLASH_SLOW, Packet.words(offset, length), 0, defaultTimeout(), 64);
        return Arrays.copyOf(r.data(), length);
    }

    @Override
    public void spiSetParams(int totalSize) throws IOException {
        ch.check(Opcode.SPI_SET_PARAMS, Packet.words(0, totalSize, 0x10000, 0x1000, 0x100, 0xFFFF), 0,
                defaultTimeout(), 0);
    }

    /** SPI_ATTACH with the pin value (0 = SPI, 1 = HSPI, or packed GPIO numbers). */
    public void spiAttach(int pins) throws IOException {
        byte[] payload = isStub() ? Packet.words(pins) : Packet.words(pins, 0);
        ch.check(Opcode.SPI_ATTACH, payload, 0, defaultTimeout(), 0);
    }

    @Override
    public int flashId() throws IOException {
        return spi.jedecId();
    }

    @Override
    public void memBegin(int size, int blockCount, int blockSize, int offset) throws IOException {
        ch.check(Opcode.MEM_BEGIN, Packet.words(size, blockCount, blockSize, offset), 0, defaultTimeout(), 0);
    }

    @Override
    public void memData(byte[] block, int seq) throws IOException {
        ch.check(Opcode.MEM_DATA, Packet.dataPayload(block, seq), Packet.checksum(block, 0, block.length),
                defaultTimeout(), 0);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The ROM may not answer once it jumps to the entry point; a missing or failed ROM reply is ignored.
     */
    @Override
    public void memEnd(int entry) throws IOException {
        byte[] payload = Packet.words(entry == 0 ? 1 : 0, entry);
        if (isStub()) {
            ch.check(Opcode.MEM_END, payload, 0, defaultTimeout(), 0);
            return;
        }
        try {
            ch.check(Opcode.MEM_END, payload, 0, Timeouts.millis(timeouts.memEndRomTimeout()), 0);
        } catch (NoReplyException | LoaderException e) {
            // the ROM often jumps away before replying
        }
    }

    @Override
    public void awaitIdle(java.time.Duration timeout) throws IOException {
        ch.check(Opcode.READ_REG, Packet.words(Chip.MAGIC_REG), 0, timeout.toMillis(), 0);
    }

    @Override
    public int readReg(int address) throws IOException {
        return ch.check(Opcode.READ_REG, Packet.words(address), 0, defaultTimeout(), 0).value();
    }

    @Override
    public void writeReg(int address, int value, int mask, int delayMicros) throws IOException {
        ch.check(Opcode.WRITE_REG, Packet.words(address, value, mask, delayMicros), 0, defaultTimeout(), 0);
    }

    /** The crystal frequency, estimated once per connection. */
    @Override
    public int crystalMhz() throws IOException {
        if (crystalMhz == 0) {
            crystalMhz = Loader.super.crystalMhz();
        }
        return crystalMhz;
    }

    @Override
    public void changeBaudRate(int baud) throws IOException {
        if (!isStub() && chip.romStatusBytes() == 2) {
            throw new UnsupportedCommandException(Opcode.CHANGE_BAUDRATE,
                    "The " + chip.displayName() + " ROM cannot change the baud rate");
        }
        int current = ch.link().transport().baudRate();
        byte[] payload = isStub() ? Packet.words(baud, current)
                : Packet.words(chip.romBaudArgument(baud, chip.romBaudDependsOnCrystal() ? crystalMhz() : 0, this::readReg), 0);
        ch.check(Opcode.CHANGE_BAUDRATE, payload, 0, defaultTimeout(), 0);
        ch.link().transport().setBaudRate(baud);
        sleeper.sleep(50);
        ch.link().discardInput();
    }

    /**
     * GET_SECURITY_INFO; ESP32-S2 answers without chip id and API version. With the flasher stub running, the
     * ROM's reply from detection.
     */
    @Override
    public SecurityState securityInfo() throws IOException {
        if (isStub() && detectedSecurity != null) {
            return detectedSecurity; // eFuse does not change while connected; the flasher stub has no such command
        }
        Reply r = ch.command(Opcode.GET_SECURITY_INFO, NONE, 0, defaultTimeout());
        int avail = r.data().length - ch.statusBytes();
        int payload = avail >= 20 ? 20 : avail >= 12 ? 12 : 0;
        byte[] d = ch.checkReply(r, payload).data(); // a refusal (stub: FF 00) fails here
        if (payload == 0) {
            throw new IOException("GET_SECURITY_INFO returned no security information");
        }
        byte[] purposes = Arrays.copyOfRange(d, 5, 12);
        if (payload == 20) {
            return new SecurityState(Packet.u32(d, 0), d[4] & 0xFF, purposes, Packet.u32(d, 12), Packet.u32(d, 16));
        }
        return new SecurityState(Packet.u32(d, 0), d[4] & 0xFF, purposes, -1, -1);
    }

    /** RUN_USER_CODE (stub only, no reply). */
    public void stubRunUserCode() throws IOException {
        ch.send(Opcode.RUN_USER_CODE, NONE, 0);
    }

    /**
     * Uploads and starts a flasher stub, then waits for its {@code OHAI} greeting. Afterwards the loader
     * speaks the stub protocol (2 status bytes, stub-only commands, bigger blocks).
     */
    public void uploadStub(StubImage stub) throws IOException {
        uploadStub(stub, false);
    }

    /**
     * Uploads and starts a stub; with {@code secureBoot} on a chip with {@link Chip#secureBootStubHook()} the
     * stub is started through that ROM function pointer (facts 2.8): MEM_END without entry, pointer set to the
     * stub entry, READ_FLASH_SLOW(0, 0) sent without waiting, OHAI, pointer restored.
     */
    public void uploadStub(StubImage stub, boolean secureBoot) throws IOException {
        int hook = secureBoot ? chip.secureBootStubHook() : 0;
        int block = ramBlockSize();
        for (StubImage.Segment s : stub.segments()) {
            byte[] data = s.data();
            int blocks = (data.length + block - 1) / block;
            memBegin(data.length, blocks, block, s.address());
            for (int seq = 0; seq < blocks; seq++) {
                int from = seq * block;
                memData(Arrays.copyOfRange(data, from, Math.min(data.length, from + block)), seq);
            }
        }
        int original = 0;
        if (hook != 0) {
            memEnd(0);
            original = readReg(hook);
            writeReg(hook, stub.entry());
            ch.send(Opcode.READ_FLASH_SLOW, Packet.words(0, 0), 0);
        } else {
            memEnd(stub.entry());
        }
        long deadline = System.nanoTime() + defaultTimeout() * 1_000_000L;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            byte[] f = left > 0 ? ch.link().readFrame(left) : null;
            if (f == null) {
                throw new NoReplyException("The flasher stub did not start: no OHAI greeting after running it",
                        ch.link().takeNoise());
            }
            if (Arrays.equals(f, "OHAI".getBytes(StandardCharsets.US_ASCII))) {
                break;
            }
        }
        ch.setStub(true);
        ownStub = stub.ownVersion() >= 0;
        if (hook != 0) {
            writeReg(hook, original);
        }
    }
}
