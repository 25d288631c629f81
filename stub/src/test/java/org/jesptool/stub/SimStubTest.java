package org.jesptool.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import org.jesptool.command.internal.CommandChannel;
import org.jesptool.command.internal.Reply;
import org.jesptool.flash.FlashFile;
import org.jesptool.flash.Flasher;
import org.jesptool.flash.WriteOptions;
import org.jesptool.loader.Device;
import org.jesptool.loader.Loader;
import org.jesptool.loader.LoaderAccess;
import org.jesptool.command.LoaderException;
import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The cross-compiled stub on its own instruction set: QEMU runs the simulation build (same core object code,
 * a 16550 console and NOR flash in RAM) and the project's loader drives it over socket://.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SimStubTest {
    static final int FLASH = 4 << 20;
    /** Generous: QEMU on a loaded machine can be starved for seconds. */
    static final Duration BLOCK_TIMEOUT = Duration.ofSeconds(30);

    private QemuStub qemu;
    private Device device;
    Loader loader;

    abstract QemuStub.Sim sim();

    abstract String expectedChip();

    @BeforeAll
    void startQemu() throws Exception {
        qemu = QemuStub.start(sim());
        device = qemu.connect();
        loader = device.loader();
    }

    @AfterAll
    void stopQemu() throws Exception {
        if (device != null) {
            device.close();
        }
        if (qemu != null) {
            qemu.close();
        }
    }

    @Test
    void isDetectedAsARunningStub() {
        assertThat(device.stubWasRunning()).isTrue();
        assertThat(loader.isStub()).isTrue();
        assertThat(device.chip().name()).isEqualTo(expectedChip());
    }

    @Test
    void plainWriteAtAnUnalignedOffsetReadsBackWithTheSameMd5() throws Exception {
        byte[] data = firmwareLike(40_001, 1);
        int offset = 0x21003;
        int blocks = (data.length + 0x3FFF) / 0x4000;
        loader.flashBegin(data.length, blocks, 0x4000, offset, false);
        for (int i = 0; i < blocks; i++) {
            byte[] b = new byte[0x4000];
            Arrays.fill(b, (byte) 0xFF);
            System.arraycopy(data, i * 0x4000, b, 0, Math.min(0x4000, data.length - i * 0x4000));
            loader.flashData(b, i, BLOCK_TIMEOUT);
        }
        loader.flashEnd(false);
        assertThat(loader.flashMd5(offset, data.length)).isEqualTo(md5(data));
        assertThat(read(offset, data.length, 8)).isEqualTo(data);
    }

    @Test
    void compressedWriteInflatesOnTheTarget() throws Exception {
        byte[] data = firmwareLike(100_000, 2);
        int offset = 0x100000;
        byte[] z = deflate(data);
        int blocks = (z.length + 0x3FFF) / 0x4000;
        loader.flashDeflBegin(data.length, blocks, 0x4000, offset, false);
        for (int i = 0; i < blocks; i++) {
            loader.flashDeflData(Arrays.copyOfRange(z, i * 0x4000, Math.min(z.length, (i + 1) * 0x4000)), i,
                    BLOCK_TIMEOUT);
        }
        loader.flashDeflEnd(false);
        assertThat(loader.flashMd5(offset, data.length)).isEqualTo(md5(data));
        assertThat(loader.flashMd5(offset + 1, data.length - 1)).isEqualTo(md5(Arrays.copyOfRange(data, 1, data.length)));
        assertThat(read(offset, data.length, 8)).isEqualTo(data);
        // esptool's window (64) means one packet in flight; the data is the same
        assertThat(read(offset + 5, 0x3000, 64)).isEqualTo(Arrays.copyOfRange(data, 5, 5 + 0x3000));
    }

    @Test
    void eraseRegionLeavesErasedFlash() throws Exception {
        byte[] data = firmwareLike(0x3000, 3);
        writeDeflated(0x300000, data);
        loader.eraseRegion(0x301000, 0x1000);
        byte[] back = read(0x300000, 0x3000, 8);
        assertThat(Arrays.copyOfRange(back, 0, 0x1000)).isEqualTo(Arrays.copyOfRange(data, 0, 0x1000));
        assertThat(Arrays.copyOfRange(back, 0x1000, 0x2000)).containsOnly((byte) 0xFF);
        assertThat(Arrays.copyOfRange(back, 0x2000, 0x3000)).isEqualTo(Arrays.copyOfRange(data, 0x2000, 0x3000));
        assertThatThrownBy(() -> loader.eraseRegion(0x301001, 0x1000)).isInstanceOfSatisfying(LoaderException.class,
                e -> assertThat(e.code()).isEqualTo(0xC0));
    }

    @Test
    void badChecksumIsRefusedAndTheBlockCanBeSentAgain() throws Exception {
        byte[] data = firmwareLike(0x4000, 4);
        loader.flashBegin(data.length, 1, 0x4000, 0x200000, false);
        CommandChannel ch = LoaderAccess.channel(device);
        Reply r = ch.command(Opcode.FLASH_DATA, Packet.dataPayload(data, 0), Packet.checksum(data, 0, data.length) ^ 1,
                BLOCK_TIMEOUT.toMillis());
        assertThatThrownBy(() -> ch.checkReply(r, 0)).isInstanceOfSatisfying(LoaderException.class,
                e -> assertThat(e.code()).isEqualTo(0xC1));
        loader.flashData(data, 0, BLOCK_TIMEOUT);
        loader.flashEnd(false);
        assertThat(loader.flashMd5(0x200000, data.length)).isEqualTo(md5(data));
    }

    @Test
    void addressesBeyondTheFlashAreRefusedAndNothingIsWritten() throws Exception {
        assertThatThrownBy(() -> loader.flashBegin(0x2000, 1, 0x4000, FLASH - 0x1000, false))
                .isInstanceOfSatisfying(LoaderException.class, e -> assertThat(e.code()).isEqualTo(0xC4));
        assertThatThrownBy(() -> loader.eraseRegion(FLASH, 0x1000))
                .isInstanceOfSatisfying(LoaderException.class, e -> assertThat(e.code()).isEqualTo(0xC4));
        assertThatThrownBy(() -> loader.readFlash(FLASH - 0x100, 0x200, 1, (b, n) -> { }))
                .isInstanceOfSatisfying(LoaderException.class, e -> assertThat(e.code()).isEqualTo(0xC4));
        assertThatThrownBy(() -> loader.flashData(new byte[16], 0, BLOCK_TIMEOUT))
                .isInstanceOfSatisfying(LoaderException.class, e -> assertThat(e.code()).isEqualTo(0xC6));
        // still serving
        assertThat(loader.flashMd5(0, 0x1000)).hasSize(16);
    }

    @Test
    void corruptDeflateIsReportedByTheNextCommand() throws Exception {
        byte[] z = deflate(firmwareLike(40_000, 5));
        for (int i = 100; i < 140; i++) {
            z[i] ^= 0x5A;
        }
        loader.flashDeflBegin(40_000, 1, 0x4000, 0x280000, false);
        loader.flashDeflData(Arrays.copyOf(z, Math.min(z.length, 0x4000)), 0, BLOCK_TIMEOUT);
        assertThatThrownBy(() -> loader.flashDeflEnd(false))
                .isInstanceOfSatisfying(LoaderException.class, e -> assertThat(e.code()).isEqualTo(0xC7));
        assertThat(loader.flashMd5(0, 0x1000)).hasSize(16);
    }

    @Test
    void theHostWritePathWritesVerifiesReadsAndErases() throws Exception {
        // what write-flash, read-flash and erase-region do with a stub: planned deflate streams, MD5 verify
        byte[] app = firmwareLike(150_000, 6);
        Flasher flasher = new Flasher(loader);
        var results = flasher.write(List.of(new FlashFile(0x140000, app, "app.bin")),
                new WriteOptions().flashSize(FLASH).verify(true));
        assertThat(results).hasSize(1);
        assertThat(flasher.read(0x140000, app.length)).isEqualTo(app);
        flasher.eraseRegion(0x140000, 0x10000, FLASH);
        assertThat(flasher.read(0x140000, 0x10000)).containsOnly((byte) 0xFF);
        assertThat(flasher.read(0x150000, 0x1000)).isEqualTo(Arrays.copyOfRange(app, 0x10000, 0x11000));
    }

    @Test
    void unknownCommandsGetC3() throws Exception {
        Reply r = LoaderAccess.channel(device).command(0x7E, new byte[0], 0, BLOCK_TIMEOUT.toMillis());
        assertThatThrownBy(() -> LoaderAccess.channel(device).checkReply(r, 0)).isInstanceOfSatisfying(LoaderException.class,
                e -> assertThat(e.code()).isEqualTo(0xC3));
    }

    void writeDeflated(int offset, byte[] data) throws IOException {
        byte[] z = deflate(data);
        int blocks = (z.length + 0x3FFF) / 0x4000;
        loader.flashDeflBegin(data.length, blocks, 0x4000, offset, false);
        for (int i = 0; i < blocks; i++) {
            loader.flashDeflData(Arrays.copyOfRange(z, i * 0x4000, Math.min(z.length, (i + 1) * 0x4000)), i,
                    BLOCK_TIMEOUT);
        }
        loader.flashDeflEnd(false);
    }

    byte[] read(int offset, int length, int inFlight) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        loader.readFlash(offset, length, inFlight, (chunk, total) -> out.write(chunk, 0, chunk.length));
        return out.toByteArray();
    }

    /** Half text-like (compressible), half noise, like a firmware image. */
    static byte[] firmwareLike(int n, long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[n];
        String[] words = { "flash ", "stub ", "esp_", "0x4000 ", "sector\n", "erase ", "the " };
        int i = 0;
        while (i < n) {
            if (r.nextInt(4) == 0) {
                int k = Math.min(n - i, 1 + r.nextInt(200));
                for (int j = 0; j < k; j++) {
                    b[i++] = (byte) r.nextInt();
                }
            } else {
                for (char c : words[r.nextInt(words.length)].toCharArray()) {
                    if (i < n) {
                        b[i++] = (byte) c;
                    }
                }
            }
        }
        return b;
    }

    static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(9);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    static byte[] md5(byte[] data) throws Exception {
        return MessageDigest.getInstance("MD5").digest(data);
    }
}
