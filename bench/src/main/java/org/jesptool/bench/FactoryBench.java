package org.jesptool.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Factory benchmark ({@code bench/factory-bench}): the same {@code esptool --port ... write-flash} command on
 * one board, then on N boards at once (virtual boards in real-time mode, in-process), wall time of the whole
 * command each (connect, stub, baud change, write, verify, reset). Prints the ratio N boards / 1 board.
 */
public final class FactoryBench {
    private static final int MIB = 1 << 20;

    private FactoryBench() {
    }

    public static void main(String[] args) throws Exception {
        int boards = 8;
        int baud = 921600;
        int size = MIB;
        String chip = "esp32";
        int repeat = 2;
        Path corpus = Path.of("..", "shared", "conformance", "wild");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--boards" -> boards = Integer.parseInt(args[++i]);
                case "--baud" -> baud = Integer.parseInt(args[++i]);
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--chip" -> chip = args[++i];
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--corpus" -> corpus = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: factory-bench [--boards 8] [--baud 921600] [--size BYTES] [--chip esp32]"
                            + " [--repeat 2] [--corpus DIR]");
                    System.exit(2);
                }
            }
        }
        Path dir = Files.createTempDirectory("factory-bench");
        try {
            Path image = Files.write(dir.resolve("firmware.bin"), FlashBench.realistic(size, corpus));
            Path stub = Files.writeString(dir.resolve("stub.json"), BenchStub.json(chip));
            System.out.printf("Factory benchmark: esptool write-flash of %d bytes (%s) at %d baud with the stub, "
                    + "virtual %s boards in real-time mode (in-process); %d run(s) each, best shown.%n", size,
                    Files.isDirectory(corpus) ? "firmware from " + corpus : "synthetic firmware", baud, chip, repeat);
            System.out.printf("host: %d CPUs available to the JVM%n", Runtime.getRuntime().availableProcessors());
            System.out.println("boards  wall s  per board s (min..max)  succeeded");
            double one = Double.MAX_VALUE;
            double many = Double.MAX_VALUE;
            for (int r = 0; r < repeat; r++) {
                one = Math.min(one, run(1, chip, baud, image, stub, dir));
                many = Math.min(many, run(boards, chip, baud, image, stub, dir));
            }
            System.out.printf(Locale.ROOT, "ratio %d boards / 1 board: %.2f (goal <= 1.20)%n", boards, many / one);
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One run of the factory command on {@code n} fresh boards; prints a row; returns the wall time in s. */
    private static double run(int n, String chip, int baud, Path image, Path stub, Path dir) throws Exception {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path flash = dir.resolve("board" + n + "-" + i + ".bin");
            Files.deleteIfExists(flash);
            args.add("--port");
            args.add("virtual://" + chip + "?realtime=1&image=" + flash);
        }
        Path report = dir.resolve("report.json");
        args.addAll(List.of("--report", report.toString(), "--stub-file", stub.toString(), "-b",
                Integer.toString(baud), "write-flash", "0x10000", image.toString()));
        PrintStream none = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Map<String, String> env = new HashMap<>(System.getenv());
        long t0 = System.nanoTime();
        int code = esptool(args.toArray(String[]::new), none, env, dir);
        double wall = (System.nanoTime() - t0) / 1e9;
        String json = Files.readString(report);
        double min = Double.MAX_VALUE;
        double max = 0;
        Matcher m = Pattern.compile("\"seconds\": ([0-9.]+)").matcher(json);
        while (m.find()) {
            double s = Double.parseDouble(m.group(1));
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        int ok = count(json, "\"result\": \"succeeded\"");
        System.out.printf(Locale.ROOT, "%-6d  %6.2f  %6.2f..%-6.2f          %d/%d%s%n", n, wall, min, max, ok, n,
                code == 0 ? "" : " (exit " + code + ")");
        return wall;
    }

    private static int count(String s, String what) {
        int c = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            c++;
        }
        return c;
    }

    /**
     * Runs {@code esptool} in this JVM. The CLI is reached by name because the bench module cannot depend on it
     * (the CLI's tests use the bench's stand-in stub); bench/factory-bench puts the CLI jar on the class path.
     */
    private static int esptool(String[] args, PrintStream out, Map<String, String> env, Path cwd) throws Exception {
        java.lang.reflect.Method run = Class.forName("org.jesptool.cli.EsptoolMain").getMethod("run", String[].class,
                PrintStream.class, PrintStream.class, Map.class, Path.class, boolean.class);
        return (Integer) run.invoke(null, args, out, out, env, cwd, false);
    }
}
