package org.jesptool.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jesptool.flash.FileResult;
import org.jesptool.flash.FlashFile;
import org.jesptool.flash.Flasher;
import org.jesptool.flash.WriteOptions;
import org.jesptool.loader.AfterReset;
import org.jesptool.loader.ConnectOptions;
import org.jesptool.loader.Device;
import org.jesptool.protocol.Rfc2217;
import org.jesptool.transport.Transports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server in front of an in-process virtual ESP32 that boots its application unless the DTR/RTS reset
 * pattern holds the strap low at the right time: the library's client through it (reset into download mode,
 * baud change, write, verify), a second client refused, a client vanishing mid-write, garbage.
 */
class Rfc2217ServerTest {
    @TempDir
    Path dir;
    Rfc2217Server server;
    final List<String> log = new CopyOnWriteArrayList<>();

    Rfc2217Server start(String board) throws Exception {
        server = Rfc2217Server.start(() -> Transports.open(board, 115200),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), log::add);
        return server;
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static byte[] data(int n) {
        byte[] d = new byte[n];
        new Random(7).nextBytes(d);
        d[0] = 0x22;
        return d;
    }

    /** Connects through the server, writes and verifies; returns the flash file's bytes at 0x10000. */
    private byte[] writeThrough(byte[] app, Path flash) throws Exception {
        try (Device d = Device.connect(ConnectOptions.of(server.url()).baud(460800))) {
            assertThat(d.chip().displayName()).isEqualTo("ESP32");
            assertThat(d.transport().baudRate()).isEqualTo(460800);
            d.attachFlash(null);
            List<FileResult> r = new Flasher(d.loader()).write(List.of(new FlashFile(0x10000, app, "app.bin")),
                    new WriteOptions());
            assertThat(r).allMatch(FileResult::verified);
            d.reset(AfterReset.HARD_RESET);
        }
        return Arrays.copyOfRange(Files.readAllBytes(flash), 0x10000, 0x10000 + app.length);
    }

    @Test
    void resetsIntoDownloadModeChangesBaudWritesAndVerifies() throws Exception {
        Path flash = dir.resolve("flash.bin");
        start("virtual://esp32?boot=app&image=" + flash);
        byte[] app = data(100_000);
        assertThat(writeThrough(app, flash)).isEqualTo(app);
        // the server logs the client's last reset on its own thread, just after the client has gone
        long end = System.nanoTime() + 5_000_000_000L;
        while (log.stream().noneMatch(l -> l.endsWith("reset released: the chip starts its application"))
                && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(log).anyMatch(l -> l.endsWith("reset released with the boot strap low: download mode"))
                .anyMatch(l -> l.endsWith("baud rate 460800"))
                .anyMatch(l -> l.endsWith("reset released: the chip starts its application"));
    }

    @Test
    void secondClientIsRefusedAndAVanishedClientFreesTheBoard() throws Exception {
        Path flash = dir.resolve("flash.bin");
        start("virtual://esp32?boot=app&image=" + flash);
        Socket first = new Socket(server.address().getAddress(), server.address().getPort());
        waitUntil(() -> server.busy());
        // first client: holds the chip in reset and then vanishes without a word
        OutputStream o = first.getOutputStream();
        o.write(Rfc2217.command(Rfc2217.SET_CONTROL, (byte) Rfc2217.RTS_ON));
        o.flush();
        try (Socket second = new Socket(server.address().getAddress(), server.address().getPort())) {
            String refusal = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(refusal).startsWith("esp-rfc2217-server: busy: another client (127.0.0.1:")
                    .contains("is using virtual://esp32");
        }
        first.setSoLinger(true, 0);
        first.close(); // RST, as when the client process is killed
        assertFreeAndWritable(flash);
        assertThat(log).anyMatch(l -> l.contains("DTR and RTS released"));
    }

    @Test
    void clientKilledMidWriteLeavesTheBoardToTheNext() throws Exception {
        Path flash = dir.resolve("flash.bin");
        start("virtual://esp32?boot=app&image=" + flash);
        byte[] big = data(400_000);
        Device d = Device.connect(ConnectOptions.of(server.url()).baud(460800));
        d.attachFlash(null);
        Thread writer = new Thread(() -> {
            try {
                new Flasher(d.loader()).listener(new org.jesptool.flash.ProgressListener() {
                    @Override
                    public void progressed(org.jesptool.flash.Progress p) {
                        if (p.done() > 100_000) {
                            try {
                                d.close(); // the client dies mid-write
                            } catch (java.io.IOException e) {
                                // closing
                            }
                        }
                    }
                }).write(List.of(new FlashFile(0x10000, big, "big.bin")), new WriteOptions());
            } catch (java.io.IOException e) {
                // expected: the link is gone
            }
        });
        writer.start();
        writer.join(20_000);
        assertFreeAndWritable(flash);
    }

    @Test
    void garbageFromAClientDoesNotHurtTheServer() throws Exception {
        Path flash = dir.resolve("flash.bin");
        start("virtual://esp32?boot=app&image=" + flash);
        try (Socket s = new Socket(server.address().getAddress(), server.address().getPort())) {
            byte[] junk = new byte[50_000];
            new Random(3).nextBytes(junk);
            OutputStream o = s.getOutputStream();
            o.write(junk);
            o.write(new byte[] {(byte) 255, (byte) 250, 44, 1, 7}); // a baud rate cut short
            o.write(new byte[] {(byte) 255, (byte) 240});
            o.write(new byte[] {(byte) 255, (byte) 250}); // a sub-negotiation that never ends
            o.write(new byte[10_000]);
            o.flush();
            InputStream in = s.getInputStream();
            s.setSoTimeout(200);
            try {
                in.read(new byte[1000]);
            } catch (java.net.SocketTimeoutException e) {
                // nothing to read is fine too
            }
        }
        assertFreeAndWritable(flash);
    }

    @Test
    void anAddressInUseIsSaidAtStart() throws Exception {
        start("virtual://esp32");
        assertThatThrownBy(() -> Rfc2217Server.start(() -> Transports.open("virtual://esp32c3", 115200),
                server.address(), log::add)).hasMessageContaining("Cannot listen on 127.0.0.1:"
                        + server.address().getPort() + ": the address is already in use");
    }

    /** The board is free again (the server says so) and the next client writes and verifies. */
    private void assertFreeAndWritable(Path flash) throws Exception {
        waitUntil(() -> !server.busy());
        byte[] app = data(20_000);
        assertThat(writeThrough(app, flash)).isEqualTo(app);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
