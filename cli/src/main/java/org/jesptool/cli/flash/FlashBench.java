package org.jesptool.cli.flash;

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

/**
 * Flash benchmark against the virtual device in real-time mode (every byte takes 10 bit times at the baud
 * rate, flash erase/program take device time). Run with {@code bench/flash-bench}; see bench/README.md.
 *
 * <p>For each baud rate: flash 1 MiB and 4 MiB of realistic firmware and 1 MiB of random bytes (stub protocol),
 * re-flash the unchanged 4 MiB image with --skip-flashed, and read 4 MiB back. Prints wall time, effective
 * kbit/s and the ratio of the wire limit (payload bytes x 10 / baud) to the wall time.
 */
public final class FlashBench {
    private static final int MIB = 1 << 20;

    private FlashBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> bauds = new ArrayList<>(List.of(115200, 460800, 921600));
        Path corpus = Path.of("..", "shared", "conformance", "wild");
        String chip = "esp32";
        boolean rom = false;
        List<String> cases = List.of("w1", "w4", "rw4", "rand", "read");
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
                case "--cases" -> cases = List.of(args[++i].split(","));
                default -> {
                    System.err.println("usage: flash-bench [--baud 115200,460800,921600] [--corpus DIR] [--chip esp32]"
                            + " [--rom] [--cases w1,w4,rw4,rand,read]");
                    System.exit(2);
                }
            }
        }
        byte[] real4 = realistic(4 * MIB, corpus);
        byte[] real1 = Arrays.copyOf(real4, MIB);
        byte[] random1 = new byte[MIB];
        new Random(42).nextBytes(random1);
        System.out.printf(Locale.ROOT, "JEsptool flash benchmark: virtual://%s real-time, %s protocol, images from %s%n",
                chip, rom ? "ROM" : "stub", Files.isDirectory(corpus) ? corpus : "a synthetic generator");
        System.out.printf(Locale.ROOT, "%-8s %-26s %10s %10s %9s %12s %11s%n", "baud", "case", "bytes", "on wire",
                "wall s", "eff. kbit/s", "wire ratio");
        for (int baud : bauds) {
            if (cases.contains("w1")) {
                run(chip, rom, baud, "write 1 MiB firmware", real1, false);
            }
            if (cases.contains("w4") || cases.contains("rw4")) {
                double first = run(chip, rom, baud, "write 4 MiB firmware", real4, false);
                if (cases.contains("rw4")) {
                    double again = run(chip, rom, baud, "re-write 4 MiB unchanged", real4, true);
                    System.out.printf(Locale.ROOT, "%-8d %-26s %55s%n", baud, "", String.format(Locale.ROOT,
                            "re-flash / first flash = %.1f %%", 100 * again / first));
                }
            }
            if (cases.contains("rand")) {
                run(chip, rom, baud, "write 1 MiB random", random1, false);
            }
            if (cases.contains("read")) {
                read(chip, rom, baud, 4 * MIB);
            }
        }
    }

    /** One write on a fresh device; returns the write's wall time in seconds (connection excluded). */
    private static double run(String chip, boolean rom, int baud, String label, byte[] image, boolean twice)
            throws IOException {
        try (Device d = connect(chip, rom, baud)) {
            Flasher f = new Flasher(d.loader());
            FlashFile file = new FlashFile(0x10000, image, label);
            if (twice) {
                f.write(List.of(file), new WriteOptions()); // first flash, not timed
            }
            long t0 = System.nanoTime();
            List<FileResult> r = f.write(List.of(file), new WriteOptions().skipFlashed(twice));
            double s = (System.nanoTime() - t0) / 1e9;
            long wire = r.stream().mapToLong(FileResult::wireBytes).sum();
            if (!r.stream().allMatch(FileResult::verified)) {
                throw new IllegalStateException("write was not verified");
            }
            print(baud, label, image.length, wire, s);
            return s;
        }
    }

    private static void read(String chip, boolean rom, int baud, int length) throws IOException {
        try (Device d = connect(chip, rom, baud)) {
            Flasher f = new Flasher(d.loader());
            long t0 = System.nanoTime();
            byte[] data = f.read(0, length);
            double s = (System.nanoTime() - t0) / 1e9;
            if (data.length != length) {
                throw new IllegalStateException("short read");
            }
            print(baud, "read " + length / MIB + " MiB", length, length, s);
        }
    }

    private static void print(int baud, String label, long bytes, long wire, double seconds) {
        double limit = wire * 10.0 / baud;
        System.out.printf(Locale.ROOT, "%-8d %-26s %10d %10d %9.2f %12.1f %10.1f%%%n", baud, label, bytes, wire,
                seconds, bytes * 8 / seconds / 1000, 100 * limit / seconds);
    }

    private static Device connect(String chip, boolean rom, int baud) throws IOException {
        ConnectOptions o = ConnectOptions.of("virtual://" + chip + "?flash=8MB&realtime=1").baud(baud);
        if (!rom) {
            o.stub(BenchStub.forChip(chip));
        }
        Device d = Device.connect(o);
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
