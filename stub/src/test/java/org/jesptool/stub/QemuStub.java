package org.jesptool.stub;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jesptool.command.Timeouts;
import org.jesptool.loader.ConnectOptions;
import org.jesptool.loader.Device;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * One QEMU process running a simulation build of the stub, its UART served on a local TCP port.
 * Without QEMU or the ELF the test is skipped with the reason, except under CI=true where it fails.
 */
final class QemuStub implements AutoCloseable {
    /** The simulation builds: the ELF, the QEMU binary and its machine options. */
    enum Sim {
        RV32("sim-rv32.elf", "qemu-system-riscv32", "-M", "virt", "-bios", "none"),
        LX106("sim-lx106.elf", "qemu-system-xtensa", "-M", "lx60-nommu", "-cpu", "lx106"),
        /** Windowed Xtensa: the ESP32/S2/S3 code generation (clang-22/llc-22), with the sim's own window vectors. */
        LX6("sim-esp32.elf", "qemu-system-xtensa", "-M", "lx60-nommu", "-cpu", "sample_controller");

        final String elf;
        final String qemu;
        final List<String> machine;

        Sim(String elf, String qemu, String... machine) {
            this.elf = elf;
            this.qemu = qemu;
            this.machine = List.of(machine);
        }
    }

    /** esptool's timeouts but 30 s per reply: emulation on a loaded machine can stall for seconds. */
    static final Timeouts SLOW_HOST = new Timeouts(30, 120, 240, 0.1, 8, 30, 40, 0.2);

    private final Process process;
    final int port;

    private QemuStub(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static QemuStub start(Sim sim) throws IOException {
        Path dir = Path.of(System.getProperty("stub.dir", "."));
        Path elf = dir.resolve("build").resolve(sim.elf);
        String qemu = onPath(sim.qemu);
        String missing = qemu == null ? sim.qemu + " is not installed (Debian package qemu-system-misc)"
                : !Files.isRegularFile(elf) ? elf + " is missing (run stub/build.sh --sim)" : null;
        if (missing != null) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("QEMU stub test cannot run in CI: " + missing);
            }
            Assumptions.abort("QEMU stub test skipped: " + missing);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(qemu);
        cmd.addAll(sim.machine);
        cmd.addAll(List.of("-display", "none", "-monitor", "none", "-kernel", elf.toString(),
                "-serial", "tcp:127.0.0.1:" + port + ",server=on,wait=off"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return new QemuStub(p, port);
    }

    /** Connects the project's loader; the stub is already running, so SYNC finds it (no upload). */
    Device connect() throws IOException {
        IOException last = null;
        for (int i = 0; i < 100; i++) {
            if (!process.isAlive()) {
                throw new IOException("QEMU exited with status " + process.exitValue());
            }
            try {
                return Device.open(ConnectOptions.of("socket://127.0.0.1:" + port).connectAttempts(2)
                        .timeouts(SLOW_HOST));
            } catch (IOException e) {
                last = e;
                sleep(100);
            }
        }
        throw last;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(d, name);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
