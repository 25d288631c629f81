package org.jesptool.factory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jesptool.flash.FileResult;
import org.jesptool.flash.FlashException;
import org.jesptool.flash.FlashFile;
import org.jesptool.flash.Flasher;
import org.jesptool.flash.WriteOptions;
import org.jesptool.loader.AfterReset;
import org.jesptool.loader.ConnectOptions;
import org.jesptool.loader.Device;
import org.jesptool.loader.Loader;

/**
 * The ready-made factory job: connect (reset into the bootloader, sync, detect), upload the stub, raise the
 * baud rate, attach and size the flash, write and verify the files, reset; with one reconnect-and-resume when
 * the link drops (as {@link Flasher} does).
 *
 * <pre>{@code
 * BoardJob job = FlashJob.of(List.of(FlashFile.read(0x0, Path.of("firmware.bin"))))
 *         .connect(port -> ConnectOptions.of(port).baud(921600).stub(stub))
 *         .after(AfterReset.HARD_RESET);
 * }</pre>
 */
public final class FlashJob implements BoardJob {
    private final List<FlashFile> files;
    private Function<String, ConnectOptions> connect = ConnectOptions::of;
    private Supplier<WriteOptions> writeOptions = WriteOptions::new;
    private AfterReset after = AfterReset.HARD_RESET;
    private long flashSize;
    private Function<Board, String> redo = this::defaultRedo;

    private FlashJob(List<FlashFile> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files to write");
        }
        this.files = List.copyOf(files);
    }

    /** A job writing {@code files} to every board. */
    public static FlashJob of(List<FlashFile> files) {
        return new FlashJob(files);
    }

    /**
     * How to connect to a port (called once per board): chip, baud rate, stub, reset. The options' message sink
     * is replaced by the board's ({@link BoardListener#message}). Default: {@link ConnectOptions#of(String)}.
     */
    public FlashJob connect(Function<String, ConnectOptions> options) {
        this.connect = options;
        return this;
    }

    /** Fresh write options for each board (compression, verify, skip-flashed...). Default: {@code WriteOptions::new}. */
    public FlashJob writeOptions(Supplier<WriteOptions> options) {
        this.writeOptions = options;
        return this;
    }

    /** Flash size in bytes to assume; 0 (default) detects it per board (4 MB when the chip does not say). */
    public FlashJob flashSize(long bytes) {
        this.flashSize = bytes;
        return this;
    }

    /** What to do once written. Default: hard reset (the board starts the new firmware). */
    public FlashJob after(AfterReset after) {
        this.after = after;
        return this;
    }

    /**
     * The command that redoes a failed board, shown to the user (default: an {@code esptool --port P
     * write-flash ADDR FILE...} line). When a write stops half way, the finishing command of the write
     * ({@code write-flash --skip-flashed} for what is left) replaces its arguments.
     */
    public FlashJob redoCommand(Function<Board, String> redo) {
        this.redo = redo;
        return this;
    }

    @Override
    public void run(Board board) throws Exception {
        board.expectBytes(files.stream().mapToLong(FlashFile::length).sum());
        board.redoCommand(redo.apply(board));
        board.phase(Phase.CONNECTING);
        ConnectOptions o = connect.apply(board.port()).port(board.port()).messages(board::message);
        Device d = Device.open(o);
        Device[] current = {d};
        try {
            board.connected(d);
            board.redoCommand(redo.apply(board));
            if (o.stub() != null && !d.stubWasRunning() && d.stubAllowed()) {
                board.phase(Phase.STUB);
                d.loadStub(o.stub());
            }
            if (o.baud() > d.transport().baudRate()) {
                board.phase(Phase.BAUD);
                d.changeBaudRate(o.baud());
            }
            long size = prepareFlash(d, flashSize);
            WriteOptions wo = writeOptions.get().flashSize(size);
            Flasher flasher = new Flasher(d.loader(), () -> {
                current[0] = current[0].reconnect();
                prepareFlash(current[0], size);
                return current[0].loader();
            }).listener(board.progressListener());
            List<FileResult> results;
            try {
                results = flasher.write(files, wo);
            } catch (FlashException e) {
                String hint = finishHint(e.getMessage());
                if (hint != null) {
                    board.redoCommand(prefix(board) + " " + hint);
                }
                throw e;
            }
            recordFiles(board, results);
            board.phase(Phase.RESETTING);
            String note = current[0].reset(after);
            if (note != null) {
                board.message(note);
            }
        } finally {
            closeQuietly(current[0]);
            if (current[0] != d) {
                closeQuietly(d);
            }
        }
    }

    /** Attaches the SPI flash as esptool does and tells the loader its size; returns the size in bytes. */
    static long prepareFlash(Device d, long size) throws IOException {
        Loader l = d.loader();
        if (!l.isStub() && !d.secureDownloadMode()) {
            d.attachFlash(d.chip().defaultSpiAttach(d.loader()::readReg));
        } else {
            d.attachFlash(null);
        }
        long bytes = size;
        if (bytes <= 0) {
            bytes = d.secureDownloadMode() ? -1 : d.detectFlashSize();
            if (bytes <= 0) {
                bytes = 4 << 20;
            }
        }
        if (!(d.chip().romStatusBytes() == 2 && !l.isStub())) {
            d.loader().spiSetParams((int) bytes);
        }
        return bytes;
    }

    private void recordFiles(Board board, List<FileResult> results) {
        for (FlashFile f : files) {
            boolean verified = results.stream().anyMatch(r -> r.address() == (f.address() & 0xFFFFFFFFL)
                    && (r.verified() || r.operation().equals("Skipped")));
            board.file(new FlashedFile(f.name(), f.address() & 0xFFFFFFFFL, f.length(),
                    java.util.HexFormat.of().formatHex(f.md5()), verified));
        }
    }

    /** The {@code write-flash --skip-flashed ...} arguments of a flash failure's finishing hint, or null. */
    static String finishHint(String message) {
        String marker = "run: esptool ";
        int i = message == null ? -1 : message.indexOf(marker);
        if (i < 0) {
            return null;
        }
        String rest = message.substring(i + marker.length());
        int nl = rest.indexOf('\n');
        return nl < 0 ? rest.trim() : rest.substring(0, nl).trim();
    }

    private static String prefix(Board b) {
        StringBuilder sb = new StringBuilder("esptool --port ").append(shellWord(b.port()));
        if (b.chip() != null) {
            sb.append(" --chip ").append(b.chip().toLowerCase(Locale.ROOT).replace("-", ""));
        }
        return sb.toString();
    }

    private String defaultRedo(Board b) {
        int baud = connect.apply(b.port()).baud();
        return prefix(b) + (baud != 115200 ? " --baud " + baud : "") + " write-flash" + files.stream()
                .map(f -> String.format(" 0x%x %s", f.address(), shellWord(f.name())))
                .reduce("", String::concat);
    }

    /** {@code s} as one shell word: as it is when it is safe, else in single quotes. */
    static String shellWord(String s) {
        return s.matches("[A-Za-z0-9_./:@%+=,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private static void closeQuietly(Device d) {
        try {
            d.close();
        } catch (IOException e) {
            // the port may be gone already
        }
    }
}
