package org.jesptool.flash;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jesptool.command.LoaderException;
import org.jesptool.loader.Loader;
import org.jesptool.protocol.Opcode;
import org.jesptool.target.Chip;

/**
 * Test double for the writer's logic only (end-to-end tests use the virtual device): flash in an array with
 * NOR semantics, inflate like the stub, and hooks that make numbered data blocks fail.
 */
class MemoryLoader implements Loader {
    final byte[] flash;
    final boolean stub;
    final Chip chip;
    final List<String> log = new ArrayList<>();
    /** Data call numbers (0-based, counting every FLASH_DATA/FLASH_DEFL_DATA call) that time out. */
    IntPredicate timeoutAt = i -> false;
    /** Data call numbers whose block arrives with a bad checksum. */
    IntPredicate corruptAt = i -> false;
    /** When true every call fails as a dead link. */
    boolean dead;
    /** Data calls whose bytes are written with one bit flipped (silent corruption). */
    IntPredicate flipAt = i -> false;
    int dataCalls;
    /** Answers as JEsptool's own stub. */
    boolean own;
    private int writePos;
    private Inflater inflater;

    MemoryLoader(int flashSize, boolean stub, Chip chip) {
        this.flash = new byte[flashSize];
        Arrays.fill(flash, (byte) 0xFF);
        this.stub = stub;
        this.chip = chip;
    }

    @Override
    public Chip chip() {
        return chip;
    }

    @Override
    public boolean isStub() {
        return stub;
    }

    @Override
    public boolean isOwnStub() {
        return stub && own;
    }

    @Override
    public boolean secureDownloadMode() {
        return false;
    }

    @Override
    public int chipRevision() {
        return 300;
    }

    @Override
    public void awaitIdle(Duration timeout) throws IOException {
        alive();
        log.add("AWAIT_IDLE");
    }

    @Override
    public int baudRate() {
        return 921600;
    }

    @Override
    public int flashWriteSize() {
        return stub ? 0x4000 : 0x400;
    }

    private void alive() throws IOException {
        if (dead) {
            throw new IOException("port closed");
        }
    }

    private void erase(int offset, int size) {
        int start = offset / 4096 * 4096;
        int end = (int) WritePlanner.roundUp(offset + (long) size, 4096);
        Arrays.fill(flash, start, Math.min(end, flash.length), (byte) 0xFF);
    }

    /** When true, programming does nothing (write-protected or absent flash). */
    boolean writeProtected;

    private void program(byte[] data) {
        if (writeProtected) {
            writePos += data.length;
            return;
        }
        for (byte b : data) {
            if (writePos < flash.length) {
                flash[writePos] &= b;
            }
            writePos++;
        }
    }

    @Override
    public void flashBegin(int eraseSize, int blockCount, int blockSize, int offset, boolean encrypted)
            throws IOException {
        alive();
        log.add(String.format("FLASH_BEGIN %x %x", offset, eraseSize));
        erase(offset, stub ? blockCount * blockSize : eraseSize);
        writePos = offset;
        inflater = null;
    }

    private boolean fault(int call) throws IOException {
        if (timeoutAt.test(call)) {
            throw new InterruptedIOException("Timed out waiting for packet header");
        }
        if (corruptAt.test(call)) {
            throw new LoaderException(Opcode.FLASH_DATA, stub ? 0xC1 : 0x07, stub);
        }
        return flipAt.test(call);
    }

    @Override
    public void flashData(byte[] block, int seq, Duration timeout) throws IOException {
        alive();
        boolean flip = fault(dataCalls++);
        byte[] b = block.clone();
        if (flip) {
            b[0] ^= 1;
        }
        program(b);
    }

    @Override
    public void flashEncryptData(byte[] block, int seq, Duration timeout) throws IOException {
        log.add("FLASH_ENCRYPT_DATA");
        flashData(block, seq, timeout); // no cipher here: the virtual device checks ciphertext
    }

    @Override
    public void flashEnd(boolean reboot) throws IOException {
        alive();
        log.add("FLASH_END");
    }

    @Override
    public void flashDeflBegin(int size, int blockCount, int blockSize, int offset, boolean encrypted)
            throws IOException {
        alive();
        log.add(String.format("FLASH_DEFL_BEGIN %x %x", offset, size));
        erase(offset, size);
        writePos = offset;
        inflater = new Inflater();
    }

    @Override
    public void flashDeflData(byte[] block, int seq, Duration timeout) throws IOException {
        alive();
        boolean flip = fault(dataCalls++);
        inflater.setInput(block);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        try {
            int n;
            while ((n = inflater.inflate(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (DataFormatException e) {
            throw new LoaderException(Opcode.FLASH_DEFL_DATA, 0xC7, stub);
        }
        byte[] b = out.toByteArray();
        if (flip && b.length > 0) {
            b[0] ^= 1;
        }
        program(b);
    }

    @Override
    public void flashDeflEnd(boolean reboot) throws IOException {
        alive();
        log.add("FLASH_DEFL_END");
    }

    @Override
    public byte[] flashMd5(int offset, int size) throws IOException {
        alive();
        log.add(String.format("MD5 %x %x", offset, size));
        return Md5.of(flash, offset, size);
    }

    @Override
    public void eraseFlash() throws IOException {
        alive();
        Arrays.fill(flash, (byte) 0xFF);
    }

    @Override
    public void eraseRegion(int offset, int size) throws IOException {
        alive();
        erase(offset, size);
    }

    @Override
    public void readFlash(int offset, int length, int maxInFlight, ReadSink sink) throws IOException {
        alive();
        log.add(String.format("READ_FLASH %x %x window %x", offset, length, maxInFlight));
        for (int pos = 0; pos < length; pos += 4096) {
            sink.accept(Arrays.copyOfRange(flash, offset + pos, offset + Math.min(length, pos + 4096)),
                    Math.min(length, pos + 4096));
        }
    }

    @Override
    public byte[] readFlashSlow(int offset, int length) throws IOException {
        alive();
        return Arrays.copyOfRange(flash, offset, offset + 64);
    }

    @Override
    public void spiSetParams(int totalSize) {
    }

    @Override
    public int flashId() {
        return 0x1640EF;
    }

    @Override
    public void memBegin(int size, int blockCount, int blockSize, int offset) {
    }

    @Override
    public void memData(byte[] block, int seq) {
    }

    @Override
    public void memEnd(int entry) {
    }

    @Override
    public int readReg(int address) {
        return 0;
    }

    @Override
    public void writeReg(int address, int value, int mask, int delayMicros) {
    }

    @Override
    public void changeBaudRate(int baud) {
    }

    /** One of the host's chip classes. */
    static Chip chip(String name) {
        return org.jesptool.target.Chips.byName(name).orElseThrow();
    }
}
