package org.jesptool.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.jesptool.flash.FileResult;
import org.jesptool.flash.FlashFile;
import org.jesptool.flash.Flasher;
import org.jesptool.flash.WriteOptions;
import org.jesptool.loader.ConnectOptions;
import org.jesptool.loader.Device;
import org.jesptool.loader.StubImage;
import org.jesptool.loader.StubImages;
import org.jesptool.transport.Transport;
import org.jesptool.transport.Transports;

/**
 * Flash benchmark against the virtual device in real-time mode (every byte takes 10 bit times at the baud
 * rate, flash erase/program take device time). Run with {@code bench/flash-bench}; see bench/README.md.
 *
 * <p>For each baud rate: flash 1 MiB and 4 MiB of realistic firmware and 1 MiB of random bytes (stub protocol),
 * 1 MiB over old contents (flash not blank, so every sector must be erased), re-flash the unchanged 4 MiB image
 * with --skip-flashed, and read 4 MiB of firmware back. The stub is JEsptool's own ({@code --stub own}, the
 * chip's image or a stand-in carrying its marker) or a stand-in the device models as esptool's
 * ({@code --stub esptool}). Prints wall time
 * (the operation including its MD5 check, connection excluded), effective kbit/s (image bytes / wall time),
 * the wire ratio (payload bytes x 10 / baud, over wall time; payload = the data bytes sent, compressed where
 * compressed) and the line use (every byte the host sent, SLIP framing and headers included, x 10 / baud, over
 * wall time).
 */
public final class FlashBench {
    private static final int MIB = 1 << 20;

    private FlashBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> bauds = new ArrayList<>(List.of(115200, 460800, 921600));
        Path corpus = Path.of("..", "shared", "conformance", "wild");
        String chip = "esp32c3";
        boolean rom = false;
        String stub = "own";
        List<String> cases = List.of("w1", "w4", "rw4", "rand", "w1o", "read");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--baud" -> {
                    bauds.clear();
                    for (String b : args[++i].split(",")) {
                        bauds.add(Integer.parseInt(b.trim()));
                    }
                }
                case "--corpus" -> corpus = Path.of(args[++i]);
                case "--chip" -> chip = args[++i];
                case "--rom" -> rom = true;
                case "--stub" -> stub = args[++i];
                case "--sim" -> sim = true;
                case "--cases" -> cases = List.of(args[++i].split(","));
                default -> {
                    System.err.println("usage: flash-bench [--baud 115200,460800,921600] [--corpus DIR] [--chip esp32c3]"
                            + " [--rom | --stub own|esptool] [--sim] [--cases w1,w4,rw4,rand,w1o,read]");
                    System.exit(2);
                }
            }
        }
        byte[] real4 = realistic(4 * MIB, corpus);
        byte[] real1 = Arrays.copyOf(real4, MIB);
        byte[] random1 = new byte[MIB];
        new Random(42).nextBytes(random1);
        if (!stub.equals("own") && !stub.equals("esptool")) {
            System.err.println("--stub takes own or esptool");
            System.exit(2);
        }
        stubImage = rom ? null : stub.equals("esptool") ? BenchStub.forChip(chip) : ownStub(chip);
        if (stub.equals("esptool")) {
            stubName = "esptool's stub (stand-in)";
        }
        System.out.printf(Locale.ROOT, "JEsptool flash benchmark: virtual://%s %s, %s, images from %s%n", chip,
                sim ? "simulated time (host work not counted)" : "real-time", rom ? "ROM loader" : stubName,
                Files.isDirectory(corpus) ? corpus : "a synthetic generator");
        System.out.printf(Locale.ROOT, "%-8s %-26s %10s %10s %9s %12s %11s %10s%n", "baud", "case", "bytes",
                "payload", "wall s", "eff. kbit/s", "wire ratio", "line use");
        for (int baud : bauds) {
            if (cases.contains("w1")) {
                run(chip, rom, baud, "write 1 MiB firmware", real1, false);
            }
            if (cases.contains("w4") || cases.contains("rw4")) {
                double[] times = runTwice(chip, rom, baud, real4, cases.contains("rw4"));
                if (times.length > 1) {
                    System.out.printf(Locale.ROOT, "%-8d %-26s %s%n", baud, "", String.format(Locale.ROOT,
                            "re-flash / first flash = %.1f %%", 100 * times[1] / times[0]));
                }
            }
            if (cases.contains("rand")) {
                run(chip, rom, baud, "write 1 MiB random", random1, false);
            }
            if (cases.contains("w1o")) {
                run(chip, rom, baud, "write 1 MiB over old data", real1, true);
            }
            if (cases.contains("read")) {
                read(chip, rom, baud, real4);
            }
        }
    }

    private static StubImage stubImage;
    /** Simulated time ({@code realtime=sim}): the model's figures, whatever the machine's load. */
    private static boolean sim;

    private static long now() {
        return sim ? org.jesptool.virtual.SimulatedClock.nanos() : System.nanoTime();
    }
    private static String stubName = "stub";

    /** Our stub: the chip's image when JEsptool has one, else a stand-in with its marker (no code runs anyway). */
    private static StubImage ownStub(String chip) {
        var image = org.jesptool.target.Chips.byName(chip).flatMap(StubImages::forChip);
        stubName = image.isPresent() ? "JEsptool stub (" + chip + ".json)" : "JEsptool stub (stand-in with its marker)";
        return image.orElseGet(() -> BenchStub.own(chip));
    }

    /**
     * One write on a fresh device; returns the write's wall time in seconds (connection excluded). With
     * {@code overOld} the flash holds other data first (nothing is blank, every sector needs its erase).
     */
    private static double run(String chip, boolean rom, int baud, String label, byte[] image, boolean overOld)
            throws IOException {
        CountingTransport counter = new CountingTransport();
        Path file = null;
        try {
            if (overOld) {
                file = Files.createTempFile("jesptool-bench", ".bin");
                byte[] old = new byte[8 * MIB];
                new Random(1).nextBytes(old);
                Files.write(file, old);
            }
            try (Device d = connect(chip, rom, baud, file, counter)) {
                return timedWrite(new Flasher(d.loader()), counter, baud, label, image, false);
            }
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The 4 MiB case: first flash, then (optionally) the same image again with --skip-flashed. */
    private static double[] runTwice(String chip, boolean rom, int baud, byte[] image, boolean again)
            throws IOException {
        CountingTransport counter = new CountingTransport();
        try (Device d = connect(chip, rom, baud, null, counter)) {
            Flasher f = new Flasher(d.loader());
            double first = timedWrite(f, counter, baud, "write 4 MiB firmware", image, false);
            if (!again) {
                return new double[] {first};
            }
            return new double[] {first, timedWrite(f, counter, baud, "re-write 4 MiB unchanged", image, true)};
        }
    }

    private static double timedWrite(Flasher f, CountingTransport counter, int baud, String label, byte[] image,
            boolean skipFlashed) throws IOException {
        FlashFile file = new FlashFile(0x10000, image, label);
        long sentBefore = counter.sent();
        long t0 = now();
        // the corpus is ESP32 firmware: as data on other chips
        List<FileResult> r = f.write(List.of(file), new WriteOptions().skipFlashed(skipFlashed).force(true));
        double s = (now() - t0) / 1e9;
        long wire = r.stream().mapToLong(FileResult::wireBytes).sum();
        if (!r.stream().allMatch(FileResult::verified)) {
            throw new IllegalStateException("write was not verified");
        }
        print(baud, label, image.length, wire, counter.sent() - sentBefore, s);
        return s;
    }

    /** Reads back a flash that holds {@code image} (preloaded through the device's flash file). */
    private static void read(String chip, boolean rom, int baud, byte[] image) throws IOException {
        Path file = Files.createTempFile("jesptool-bench", ".bin");
        try {
            byte[] flash = new byte[8 * MIB];
            Arrays.fill(flash, (byte) 0xFF);
            System.arraycopy(image, 0, flash, 0, image.length);
            Files.write(file, flash);
            try (Device d = connect(chip, rom, baud, file, null)) {
                Flasher f = new Flasher(d.loader());
                long t0 = now();
                byte[] data = f.read(0, image.length);
                double s = (now() - t0) / 1e9;
                if (!Arrays.equals(data, image)) {
                    throw new IllegalStateException("read returned other bytes than the flash holds");
                }
                print(baud, "read " + image.length / MIB + " MiB firmware", image.length, image.length, -1, s);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void print(int baud, String label, long bytes, long wire, long frames, double seconds) {
        double limit = wire * 10.0 / baud;
        System.out.printf(Locale.ROOT, "%-8d %-26s %10d %10d %9.2f %12.1f %10.1f%% %10s%n", baud, label, bytes, wire,
                seconds, bytes * 8 / seconds / 1000, 100 * limit / seconds,
                frames < 0 ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * frames * 10.0 / baud / seconds));
    }

    private static Device connect(String chip, boolean rom, int baud, Path flashFile, CountingTransport counter)
            throws IOException {
        String port = "virtual://" + chip + "?flash=8MB&realtime=" + (sim ? "sim" : "1")
                + (flashFile == null ? "" : "&image=" + flashFile);
        ConnectOptions o = ConnectOptions.of(port).baud(baud);
        Transport t = Transports.open(port, 115200);
        if (counter != null) {
            t = counter.wrap(t);
        }
        Device d = Device.open(t, o);
        if (!rom) {
            d.loadStub(stubImage);
        }
        if (baud > 115200) {
            d.changeBaudRate(baud);
        }
        d.attachFlash(null);
        d.loader().spiSetParams(8 * MIB);
        return d;
    }

    /**
     * Real firmware files from the corpus placed one after another on 4 KiB boundaries (0xFF between them),
     * repeated until {@code size}; a synthetic code-like generator when the corpus is missing.
     */
    static byte[] realistic(int size, Path corpus) throws IOException {
        byte[] out = new byte[size];
        Arrays.fill(out, (byte) 0xFF);
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(corpus)) {
            try (Stream<Path> s = Files.list(corpus)) {
                s.filter(p -> p.toString().endsWith(".bin")).sorted((a, b) -> Long.compare(b.toFile().length(),
                        a.toFile().length())).forEach(files::add);
            }
        }
        if (files.isEmpty()) {
            Random r = new Random(7);
            for (int i = 0; i < size; i++) {
                out[i] = (byte) (i % 4 == 3 ? r.nextInt(4) : r.nextInt(64) + (i % 7 == 0 ? 128 : 0));
            }
            return out;
        }
        int pos = 0;
        for (int k = 0; pos < size; k++) {
            byte[] d = Files.readAllBytes(files.get(k % files.size()));
            int n = Math.min(d.length, size - pos);
            System.arraycopy(d, 0, out, pos, n);
            pos = (pos + n + 0xFFF) & ~0xFFF;
        }
        return out;
    }
}
