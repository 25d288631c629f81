package org.jesptool.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jesptool.command.Timeouts;
import org.jesptool.flash.FileResult;
import org.jesptool.flash.FlashException;
import org.jesptool.flash.FlashFile;
import org.jesptool.flash.FlashState;
import org.jesptool.flash.Flasher;
import org.jesptool.flash.VerifyResult;
import org.jesptool.flash.WriteOptions;
import org.jesptool.loader.ConnectOptions;
import org.jesptool.loader.Device;
import org.jesptool.loader.Loader;
import org.jesptool.loader.StubImage;
import org.jesptool.transport.Transport;
import org.jesptool.transport.Transports;

/**
 * Fault soak: write-flash, read-flash, verify-flash, erase-region and eFuse burns ({@link SoakBurn}) on in-process
 * virtual boards while
 * {@link SoakFaults} damages the link (bytes dropped, duplicated, corrupted, delayed both ways, stalls past the
 * timeout, resets, the cable pulled, a wrong baud rate, a program that stops answering). Every run must end in
 * success with the board's flash exactly as intended (the virtual board's flash file is read directly, never
 * through the tool) or in a clean error whose flash-state report is true for every range it names, and
 * nothing outside those ranges may change. Runs go {@code --jobs} at a time (they mostly wait on timeouts). Run with {@code bench/soak}; see bench/README.md.
 */
public final class Soak {
    static final int FLASH = 1 << 20;
    static final long WATCHDOG_SECONDS = 90;
    private static final String[] CHIPS = {"esp32", "esp32c3", "esp8266", "esp32s3"};
    /** Short timeouts: the in-process board answers in microseconds; stalls last longer than these. */
    static final Timeouts TIMEOUTS = new Timeouts(0.4, 20, 30, 0.1, 8, 30, 40, 0.2);

    /**
     * {@code -Djesptool.soak.trace=true}: every command, reply and message of the runs on stderr; {@code --trace
     * RUN} does it for that one run only, inside a full soak (some runs end differently alone, under less load).
     */
    private static final boolean TRACE = Boolean.getBoolean("jesptool.soak.trace");
    /** The seed of the one run {@code --trace} follows, or 0. */
    private static volatile long tracedRun;

    private Soak() {
    }

    enum Outcome { SUCCESS, CLEAN_FAILURE, SILENT_CORRUPTION, WRONG_REPORT, UNCLEAN_ERROR, HANG }

    /** Totals of a soak. */
    static final class Tally {
        long runs;
        long faults;
        long[] outcomes = new long[Outcome.values().length];
        long digest = 1;
        long nanos;
        final List<String> problems = new ArrayList<>();

        long count(Outcome o) {
            return outcomes[o.ordinal()];
        }

        void print(PrintStream out, long seed) {
            out.printf(Locale.ROOT, "seed:                 %d%n", seed);
            out.printf(Locale.ROOT, "runs:                 %d%n", runs);
            out.printf(Locale.ROOT, "faults injected:      %d%n", faults);
            out.printf(Locale.ROOT, "successes:            %d%n", count(Outcome.SUCCESS));
            out.printf(Locale.ROOT, "clean failures:       %d%n", count(Outcome.CLEAN_FAILURE));
            out.printf(Locale.ROOT, "silent corruptions:   %d (must be 0)%n", count(Outcome.SILENT_CORRUPTION));
            out.printf(Locale.ROOT, "wrong state reports:  %d (must be 0)%n", count(Outcome.WRONG_REPORT));
            out.printf(Locale.ROOT, "unclean errors:       %d (must be 0)%n", count(Outcome.UNCLEAN_ERROR));
            out.printf(Locale.ROOT, "hangs:                %d (must be 0; watchdog %d s per run)%n",
                    count(Outcome.HANG), WATCHDOG_SECONDS);
            out.printf(Locale.ROOT, "time:                 %.1f s%n", nanos / 1e9);
            out.printf(Locale.ROOT, "outcome digest:       %016x (same seed, same faults at the same bytes; stalls, resets"
                    + " and a silent chip act in real time, so under another load a run may end differently)%n", digest);
            for (String p : problems) {
                out.println("PROBLEM " + p);
            }
        }

        boolean clean() {
            return count(Outcome.SILENT_CORRUPTION) == 0 && count(Outcome.WRONG_REPORT) == 0
                    && count(Outcome.UNCLEAN_ERROR) == 0 && count(Outcome.HANG) == 0;
        }
    }

    /** One run's result. */
    record RunResult(Outcome outcome, int faults, String detail) {
    }

    public static void main(String[] args) throws Exception {
        long seed = 1;
        long faults = 10_000;
        long runs = Long.MAX_VALUE;
        long first = 0;
        boolean verbose = false;
        int jobs = 4;
        long traceRun = -1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--faults" -> faults = Long.parseLong(args[++i]);
                case "--runs" -> runs = Long.parseLong(args[++i]);
                case "--first" -> first = Long.parseLong(args[++i]);
                case "--jobs" -> jobs = Integer.parseInt(args[++i]);
                case "-v", "--verbose" -> verbose = true;
                case "--trace" -> traceRun = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: soak [--seed N] [--faults N] [--runs N] [--first RUN] [--jobs 4] [-v]"
                            + " [--trace RUN]");
                    System.exit(2);
                }
            }
        }
        tracedRun = traceRun >= 0 ? runSeed(seed, traceRun) : 0;
        System.out.printf(Locale.ROOT, "JEsptool fault soak: seed %d, until %d faults%s%n", seed, faults,
                runs == Long.MAX_VALUE ? "" : " or " + runs + " runs");
        Tally t = soak(seed, first, runs, faults, jobs, verbose ? System.out : null);
        t.print(System.out, seed);
        System.exit(t.clean() ? 0 : 1);
    }

    /** Runs {@code first, first+1, ...} until {@code maxRuns} runs or {@code maxFaults} injected faults. */
    static Tally soak(long seed, long first, long maxRuns, long maxFaults, int jobs, PrintStream log) throws IOException {
        Tally t = new Tally();
        long start = System.nanoTime();
        Path dir = Files.createTempDirectory("jesptool-soak");
        ExecutorService exec = Executors.newFixedThreadPool(jobs, daemon());
        java.util.ArrayDeque<Future<RunResult>> window = new java.util.ArrayDeque<>();
        long next = first;
        long done = first;
        try {
            while (true) {
                while (window.size() < jobs && next - first < maxRuns) {
                    long runSeed = runSeed(seed, next);
                    Path image = dir.resolve("board-" + next + ".bin");
                    window.add(exec.submit(() -> {
                        try {
                            return runOne(runSeed, image);
                        } finally {
                            Files.deleteIfExists(image);
                            for (String eFuseFile : new String[] {".efuse", ".efuse.before", ".efuse.before.target"}) {
                                Files.deleteIfExists(image.resolveSibling(image.getFileName() + eFuseFile));
                            }
                        }
                    }));
                    next++;
                }
                if (window.isEmpty()) {
                    break;
                }
                Future<RunResult> f = window.poll();
                long run = done++;
                RunResult r;
                try {
                    r = f.get(WATCHDOG_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    f.cancel(true);
                    r = new RunResult(Outcome.HANG, 0, "no end after " + WATCHDOG_SECONDS + " s");
                } catch (java.util.concurrent.ExecutionException e) {
                    r = new RunResult(Outcome.UNCLEAN_ERROR, 0, "soak harness: " + e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                t.runs++;
                t.faults += r.faults;
                t.outcomes[r.outcome.ordinal()]++;
                t.digest = t.digest * 31 + r.outcome.ordinal() * 1009L + r.faults;
                if (r.outcome != Outcome.SUCCESS && r.outcome != Outcome.CLEAN_FAILURE) {
                    t.problems.add(String.format(Locale.ROOT, "run %d (reproduce: --seed %d --first %d --runs 1): "
                            + "%s: %s", run, seed, run, r.outcome, r.detail));
                }
                if (log != null) {
                    log.printf(Locale.ROOT, "run %d: %s, %d faults: %s%n", run, r.outcome, r.faults, r.detail);
                }
                if (t.faults >= maxFaults) {
                    break; // runs already started beyond this one are dropped: the tally depends on the seed only
                }
            }
        } finally {
            // runs started past the last counted one are stopped; their boards' files go with them
            exec.shutdownNow();
            t.nanos = System.nanoTime() - start;
            try {
                exec.awaitTermination(WATCHDOG_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            deleteTree(dir);
        }
        return t;
    }

    static long runSeed(long seed, long run) {
        long z = seed * 0x9E3779B97F4A7C15L + run;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread th = new Thread(r, "soak-run");
            th.setDaemon(true);
            return th;
        };
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // temporary files only (a run stopped late may still be deleting its own)
        }
    }

    private static boolean traced(long runSeed) {
        return TRACE || runSeed == tracedRun && tracedRun != 0;
    }

    enum Op { WRITE, READ, VERIFY, ERASE, BURN }

    /** The board, the plan and the operation of one run. */
    static RunResult runOne(long runSeed, Path image) throws IOException {
        Random rng = new Random(runSeed);
        String chip = CHIPS[rng.nextInt(CHIPS.length)];
        boolean stub = chip.equals("esp8266") || rng.nextInt(4) != 0; // the ESP8266 ROM has no MD5
        int baud = stub || !chip.equals("esp8266") ? new int[] {115200, 460800, 921600}[rng.nextInt(3)] : 115200;
        int r = rng.nextInt(20);
        Op op = r < 9 ? Op.WRITE : r < 12 ? Op.READ : r < 15 ? Op.VERIFY : Op.ERASE;
        if (op == Op.ERASE && !chip.equals("esp8266") && new Random(runSeed * 31 + 7).nextInt(5) < 2) {
            op = Op.BURN; // drawn apart from rng, so every other run of a seed keeps its plan
        }
        // a quarter of the writes go uncompressed (--no-compress), also drawn apart from rng
        boolean noCompress = op == Op.WRITE && new Random(runSeed * 31 + 11).nextInt(4) == 0;
        // half the burns are keys (several blocks in one burn), also drawn apart from rng
        SoakBurn.Job burnJob = op != Op.BURN ? null
                : new Random(runSeed * 31 + 13).nextBoolean() ? SoakBurn.Job.KEY : SoakBurn.Job.BLOCK_DATA;
        byte[] before = new byte[FLASH];
        rng.nextBytes(before);
        Files.write(image, before);
        StubImage stubImage = stub ? stubFor(chip) : null;
        int stubBytes = stubImage == null ? 0 : stubImage.segments().stream().mapToInt(s -> s.data().length).sum();

        List<FlashFile> files = new ArrayList<>();
        int readAt = 0;
        int readLen = 0;
        boolean[] shouldMatch = null;
        byte[] burnData = null;
        long hostConnect = 600 + stubBytes * 21L / 20;
        long chipConnect = 400;
        long hostSpan = hostConnect + 200;
        long chipSpan = chipConnect + 200;
        switch (op) {
            case WRITE -> {
                files = drawFiles(rng, 1 + rng.nextInt(3), null, null);
                long bytes = files.stream().mapToLong(f -> f.data().length).sum();
                hostSpan += bytes * 11 / 10;
                chipSpan += bytes / 1024 * 14;
            }
            case VERIFY -> {
                int n = 1 + rng.nextInt(2);
                shouldMatch = new boolean[n];
                for (int i = 0; i < n; i++) {
                    shouldMatch[i] = rng.nextBoolean();
                }
                files = drawFiles(rng, n, before, shouldMatch);
            }
            case READ -> {
                readAt = 0x1000 * (16 + rng.nextInt(200));
                readLen = 256 + rng.nextInt(40_000);
                chipSpan += readLen * 11L / 10;
            }
            case ERASE -> {
                readAt = 0x1000 * (16 + rng.nextInt(200));
                readLen = 0x1000 * (1 + rng.nextInt(16));
            }
            case BURN -> {
                burnData = new byte[32];
                rng.nextBytes(burnData);
                hostSpan += 6000; // reading every eFuse register, programming, reading back
                chipSpan += 6000;
            }
            default -> throw new IllegalStateException();
        }
        SoakFaults plan = new SoakFaults(rng, 1 + rng.nextInt(6), hostConnect, hostSpan, chipConnect, chipSpan,
                Timeouts.millis(TIMEOUTS.timeout()) * 3 / 2);
        Path efuse = image.resolveSibling(image.getFileName() + ".efuse");
        Path efuseBefore = op == Op.BURN ? SoakBurn.prepare(chip, image, efuse) : null;
        Path efuseTarget = op == Op.BURN ? SoakBurn.expected(chip, image, efuseBefore, burnJob, burnData) : null;
        String port = "virtual://" + chip + "?flash=1MB&image=" + image
                + (op == Op.BURN ? "&efuse=" + efuse : "")
                + (plan.unplugAt >= 0 ? "&unplug-after=" + plan.unplugAt : "");
        String what = chip + (stub ? " stub" : " ROM") + " " + baud + " " + op + (noCompress ? " -u" : "")
                + (burnJob == SoakBurn.Job.KEY ? " key" : "") + " " + plan;
        Board board = new Board(port, plan, stubImage, baud, runSeed);
        Object result;
        Exception error = null;
        try {
            Loader loader = board.connect();
            Flasher flasher = new Flasher(loader, board::reconnect);
            if (traced(runSeed)) {
                flasher.listener(new org.jesptool.flash.ProgressListener() {
                    @Override
                    public void message(String text) {
                        System.err.println("[soak] " + text);
                    }
                });
            }
            result = switch (op) {
                case WRITE -> flasher.write(files, new WriteOptions().compress(noCompress ? Boolean.FALSE : null));
                case READ -> flasher.read(readAt, readLen);
                case VERIFY -> flasher.verify(files, new WriteOptions(), false);
                case ERASE -> {
                    flasher.eraseRegion(readAt, readLen, FLASH);
                    yield null;
                }
                case BURN -> {
                    SoakBurn.burn(loader, chip, burnJob, burnData);
                    yield null;
                }
            };
        } catch (IOException e) {
            result = null;
            error = e;
        } catch (RuntimeException e) {
            board.close();
            return new RunResult(Outcome.UNCLEAN_ERROR, plan.injected(), what + ": " + e);
        } finally {
            board.close();
        }
        byte[] after = Files.readAllBytes(image);
        int faults = plan.injected();
        String problem;
        if (error != null) {
            if (error.getMessage() == null || error.getMessage().isBlank()) {
                return new RunResult(Outcome.UNCLEAN_ERROR, faults, what + ": error without a message: " + error);
            }
            problem = SoakChecks.checkFailure(op, error, files, readAt, readLen, before, after);
            if (problem == null && op == Op.BURN) {
                problem = SoakBurn.check(chip, efuseBefore, efuse, efuseTarget, error);
            }
            return problem == null ? new RunResult(Outcome.CLEAN_FAILURE, faults, what + ": " + firstLine(error))
                    : new RunResult(Outcome.WRONG_REPORT, faults, what + ": " + problem + "; error was: "
                    + error.getMessage());
        }
        if (op == Op.BURN) {
            problem = SoakBurn.check(chip, efuseBefore, efuse, efuseTarget, null);
            problem = problem != null ? problem : SoakChecks.checkFailure(op, null, files, 0, 0, before, after);
            return problem == null ? new RunResult(Outcome.SUCCESS, faults, what)
                    : new RunResult(Outcome.SILENT_CORRUPTION, faults, what + ": " + problem);
        }
        problem = SoakChecks.checkSuccess(op, result, files, shouldMatch, readAt, readLen, before, after);
        return problem == null ? new RunResult(Outcome.SUCCESS, faults, what)
                : new RunResult(Outcome.SILENT_CORRUPTION, faults, what + ": " + problem);
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage();
        int nl = m.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
    }

    /** Distinct 64 KiB slots from 0x10000; plain data (no image header, so written as given). */
    private static List<FlashFile> drawFiles(Random rng, int n, byte[] flash, boolean[] match) {
        List<Integer> slots = new ArrayList<>();
        for (int i = 1; i < FLASH / 0x10000; i++) {
            slots.add(i);
        }
        java.util.Collections.shuffle(slots, rng);
        List<FlashFile> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int address = slots.get(i) * 0x10000 + 0x1000 * rng.nextInt(4);
            int len = 4 * (1 + rng.nextInt(12_000));
            byte[] data;
            if (flash != null) {
                data = Arrays.copyOfRange(flash, address, address + len);
                if (!match[i]) {
                    data[rng.nextInt(len)] ^= (byte) (1 + rng.nextInt(255));
                }
            } else {
                data = new byte[len];
                if (rng.nextBoolean()) {
                    rng.nextBytes(data); // incompressible
                } else {
                    for (int j = 0; j < len; j++) {
                        data[j] = (byte) (rng.nextInt(8) == 0 ? rng.nextInt(256) : j / 64); // compressible
                    }
                }
            }
            data[0] = 0x5A; // never an image header: no header patching, flash holds the bytes as given
            if (flash != null && match[i]) {
                data[0] = flash[address];
                if (data[0] == (byte) 0xE9) {
                    match[i] = false;
                    data[0] = 0x5A;
                }
            }
            files.add(new FlashFile(address, data, "f" + i + "@" + Integer.toHexString(address) + ".bin"));
        }
        files.sort(java.util.Comparator.comparingLong(FlashFile::address));
        return files;
    }

    /** Our stub image for the chip where the build has one, else a stand-in (the virtual board runs any). */
    static StubImage stubFor(String chip) throws IOException {
        try (var in = Soak.class.getResourceAsStream("/org/jesptool/stub/" + chip + ".json")) {
            if (in != null) {
                return StubImage.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        int[] ram = switch (chip) {
            case "esp32" -> new int[] {0x40090000, 0x3FFD0000};
            case "esp8266" -> new int[] {0x40104000, 0x3FFF0000};
            default -> new int[] {0x40390000, 0x3FCB0000};
        };
        byte[] text = new byte[256];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) (i * 37);
        }
        return new StubImage(List.of(new StubImage.Segment(ram[0], text),
                new StubImage.Segment(ram[1], new byte[] {1, 2, 3, 4})), ram[0]);
    }

    /** The host's side of one board: connects through the plan, reconnects after a lost link. */
    private static final class Board {
        final String port;
        final SoakFaults plan;
        final StubImage stub;
        final int baud;
        final long seed;
        final ConnectOptions options;
        SoakFaults.Link link;
        Device device;
        int connects;

        Board(String port, SoakFaults plan, StubImage stub, int baud, long seed) {
            this.port = port;
            this.plan = plan;
            this.stub = stub;
            this.baud = baud;
            this.seed = seed;
            this.options = ConnectOptions.of(port).baud(baud).connectAttempts(2).timeouts(TIMEOUTS);
            if (traced(seed)) {
                options.trace(line -> System.err.println("[trace] " + line)).messages(m -> System.err.println("[soak] " + m));
            }
        }

        Loader connect() throws IOException {
            if (link == null || link.dead) {
                if (link != null) {
                    link.close();
                }
                Transport t = Transports.open(port, 115200);
                link = plan.new Link(t, seed + connects);
            }
            connects++;
            link.setBaudRate(115200);
            device = Device.open(link, options);
            if (stub != null) {
                device.loadStub(stub);
            }
            if (baud > 115200) {
                device.changeBaudRate(baud);
            }
            device.attachFlash(null);
            return device.loader();
        }

        Loader reconnect() throws IOException {
            return connect();
        }

        void close() {
            try {
                if (link != null) {
                    link.close();
                }
            } catch (IOException e) {
                // closing a pulled cable
            }
        }
    }
}
