package org.jesptool.monitor.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.jesptool.loader.ResetSequence;
import org.jesptool.monitor.BootLogDecoder;
import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;
import org.jesptool.protocol.Slip;
import org.jesptool.transport.PortException;
import org.jesptool.transport.PortInfo;
import org.jesptool.transport.Transport;
import org.jesptool.transport.Transports;

/**
 * Finds out why a board does not connect: whether the port exists, may be opened and is free, which USB
 * bridge it is, and what the chip prints and answers after each reset strategy esptool uses. Every finding
 * comes with the next thing to try; the report ends with the command line that worked (or what to do first).
 */
public final class Doctor {
    /** One observation and what to do about it (next is null when nothing needs doing). */
    public record Finding(boolean problem, String what, String next) {
    }

    /** A reset strategy tried: what the chip printed after it, and whether it answered SYNC. */
    public record Attempt(String strategy, String before, String printed, boolean garbled, boolean synced) {
    }

    /** Everything found for one port; {@code command} is a command line that works, or null. */
    public record Report(String port, List<Finding> findings, List<Attempt> attempts, String command) {
        public boolean ok() {
            return command != null;
        }
    }

    private static final int ROM_BAUD = 115200;
    private static final int ESP8266_BAUD = 74880;
    private final Consumer<String> progress;
    private final long listenMillis;

    /** {@code progress} gets a line per step as it starts (for a terminal); {@code listenMillis} per reset. */
    public Doctor(Consumer<String> progress, long listenMillis) {
        this.progress = progress;
        this.listenMillis = listenMillis;
    }

    /** Examines every serial port the system lists (or says there is none). */
    public List<Report> examineAll() {
        List<Report> reports = new ArrayList<>();
        List<PortInfo> ports = Transports.listPorts();
        if (ports.isEmpty()) {
            reports.add(new Report("(none)", List.of(new Finding(true, "No serial port is present.",
                    "Plug the board in with a data cable (charge-only cables show no port), try another USB port or"
                            + " hub; install the driver of the board's USB bridge (CP210x, CH340, FTDI); boards with"
                            + " only native USB (ESP32-S2/S3) may need BOOT held while plugging in")),
                    List.of(), null));
        }
        for (PortInfo p : ports) {
            reports.add(examine(p.path()));
        }
        return reports;
    }

    /** Examines one port. */
    public Report examine(String port) {
        List<Finding> findings = new ArrayList<>();
        List<Attempt> attempts = new ArrayList<>();
        boolean local = !port.contains("://");
        if (local && !checkPath(port, findings)) {
            return new Report(port, findings, attempts, null);
        }
        if (local) {
            usb(port, findings);
        }
        Transport t;
        try {
            t = Transports.open(port, ROM_BAUD);
        } catch (PortException e) {
            findings.add(openFailure(port, e));
            if (e.reason() == PortException.Reason.BUSY && local) {
                List<String> holders = holders(Path.of(port));
                if (!holders.isEmpty()) {
                    findings.add(new Finding(false, "Processes with " + port + " open: " + String.join(", ", holders)
                            + ".", null));
                }
            }
            return new Report(port, findings, attempts, null);
        } catch (IOException e) {
            findings.add(new Finding(true, "Cannot open " + port + ": " + e.getMessage(), "Check the port name."));
            return new Report(port, findings, attempts, null);
        }
        try {
            tryStrategies(t, attempts);
        } catch (IOException e) {
            findings.add(new Finding(true, "The port failed while testing: " + e.getMessage(),
                    "Check the cable and the USB connection; run doctor again."));
        } finally {
            try {
                t.close();
            } catch (IOException ignored) {
                // done with it
            }
        }
        return conclude(port, t, findings, attempts);
    }

    private boolean checkPath(String port, List<Finding> findings) {
        Path p = Path.of(port);
        if (port.startsWith("/") && !Files.exists(p)) {
            List<String> present = new ArrayList<>();
            for (PortInfo i : Transports.listPorts()) {
                present.add(i.path());
            }
            findings.add(new Finding(true, "Port " + port + " does not exist" + (present.isEmpty() ? " and no serial"
                    + " port is present." : "; present: " + String.join(", ", present) + "."),
                    "Check the name; plug the board in with a data cable; a board whose USB port vanishes on reset"
                            + " (native USB) reappears under a new name: list them with 'esptool list-ports'."));
            return false;
        }
        if (port.startsWith("/") && (!Files.isReadable(p) || !Files.isWritable(p))) {
            findings.add(new Finding(true, "No permission to open " + port + groupOf(p) + ".",
                    "Add yourself to that group (sudo usermod -a -G " + groupName(p) + " $USER), then log out and in."));
            return false;
        }
        return true;
    }

    private static String groupName(Path p) {
        try {
            GroupPrincipal g = Files.readAttributes(p, PosixFileAttributes.class).group();
            return g.getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "dialout";
        }
    }

    private static String groupOf(Path p) {
        return " (it belongs to group '" + groupName(p) + "')";
    }

    /** Every other process that has the device open, as "PID (command)", found through /proc (Linux). */
    static List<String> holders(Path device) {
        List<String> out = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (java.util.stream.Stream<Path> procs = Files.list(Path.of("/proc"))) {
            Path real = device.toRealPath();
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String name = proc.getFileName().toString();
                if (!name.matches("\\d+") || Long.parseLong(name) == self) {
                    continue;
                }
                try (java.util.stream.Stream<Path> fds = Files.list(proc.resolve("fd"))) {
                    boolean holds = fds.anyMatch(fd -> {
                        try {
                            return Files.readSymbolicLink(fd).equals(real);
                        } catch (IOException | RuntimeException e) {
                            return false;
                        }
                    });
                    if (holds) {
                        long pid = Long.parseLong(name);
                        out.add(pid + " (" + ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse("?") + ")");
                    }
                } catch (IOException | RuntimeException e) {
                    // a process we may not inspect, or gone
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc
        }
        return out;
    }

    private static Finding openFailure(String port, PortException e) {
        switch (e.reason()) {
            case BUSY:
                return new Finding(true, e.getMessage(), "Close the other program (a serial monitor, another esptool,"
                        + " a 3D-printer host, ModemManager) and run doctor again.");
            case PERMISSION:
                return new Finding(true, e.getMessage(), "Add yourself to the port's group (usually dialout), then log"
                        + " out and in.");
            case NOT_FOUND:
                return new Finding(true, e.getMessage(), "Plug the board in, or check the port name.");
            default:
                return new Finding(true, e.getMessage(), "Check the port name and that nothing else uses it.");
        }
    }

    private void usb(String port, List<Finding> findings) {
        for (PortInfo i : Transports.listPorts()) {
            if (!samePort(i.path(), port) || !i.isUsb()) {
                continue;
            }
            String what = UsbBridges.describe(i.vid(), i.pid());
            String driver = UsbBridges.linuxDriver(port);
            findings.add(new Finding(false, String.format("USB %04X:%04X: %s%s", i.vid(), i.pid(),
                    what != null ? what : "an unknown USB serial device (" + i.description() + ")",
                    driver != null ? "; bound to driver " + driver : ""), null));
        }
    }

    private static boolean samePort(String a, String b) {
        try {
            return Path.of(a).toRealPath().equals(Path.of(b).toRealPath());
        } catch (IOException | RuntimeException e) {
            return a.equals(b);
        }
    }

    // ---------------------------------------------------------------- reset strategies

    private void tryStrategies(Transport t, List<Attempt> attempts) throws IOException {
        attempts.add(attempt(t, "no reset (chip already in download mode?)", "no-reset", null));
        attempts.add(attempt(t, "classic reset (DTR/RTS, 100 ms)", "default-reset", ResetSequence.classic(100)));
        attempts.add(attempt(t, "tight reset (DTR/RTS together)", "default-reset", ResetSequence.unixTight(100)));
        attempts.add(attempt(t, "USB-Serial/JTAG reset", "usb-reset", ResetSequence.usbJtagSerial()));
        attempts.add(attempt(t, "reset into the app (RTS pulse)", null, ResetSequence.hard(false)));
    }

    private Attempt attempt(Transport t, String name, String before, ResetSequence reset) throws IOException {
        progress.accept("Trying " + name + " ...");
        t.setBaudRate(ROM_BAUD);
        t.discardInput();
        if (reset != null) {
            reset.run(t, Doctor::sleep);
        }
        byte[] printed = listen(t, listenMillis);
        boolean garbled = garbled(printed);
        String text = text(printed);
        if (garbled && reset != null && t.can(Transport.Capability.BAUD_RATE)) {
            // the ESP8266 ROM (and an ESP32-C2 with a 26 MHz crystal) prints at 74880: listen again at that rate
            t.setBaudRate(ESP8266_BAUD);
            t.discardInput();
            reset.run(t, Doctor::sleep);
            byte[] again = listen(t, listenMillis);
            if (!garbled(again) && again.length > 0) {
                text = "(at 74880 baud) " + text(again);
                garbled = false;
            }
            t.setBaudRate(ROM_BAUD);
            if (before != null) {
                reset.run(t, Doctor::sleep);
                listen(t, listenMillis / 2);
            }
        }
        boolean synced = before != null && sync(t);
        return new Attempt(name, before, text, garbled, synced);
    }

    private static byte[] listen(Transport t, long millis) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        long deadline = System.nanoTime() + millis * 1_000_000L;
        byte[] buf = new byte[1024];
        while (System.nanoTime() < deadline && b.size() < 64 * 1024) {
            int n = t.read(buf, 0, buf.length, 20);
            b.write(buf, 0, n);
        }
        return b.toByteArray();
    }

    /** Sends SYNC a few times; true when a SYNC reply frame comes back. */
    private static boolean sync(Transport t) throws IOException {
        byte[] payload = Opcode.syncPayload();
        byte[] frame = Slip.encode(Packet.request(Opcode.SYNC, payload, 0));
        for (int i = 0; i < 4; i++) {
            t.write(frame);
            byte[] reply = listen(t, 120);
            for (int k = 0; k + 2 < reply.length; k++) {
                if ((reply[k] & 0xFF) == Slip.END && reply[k + 1] == 1 && reply[k + 2] == Opcode.SYNC) {
                    listen(t, 50); // the other seven replies
                    return true;
                }
            }
        }
        return false;
    }

    static boolean garbled(byte[] b) {
        if (b.length < 8) {
            return false;
        }
        int bad = 0;
        for (byte x : b) {
            int c = x & 0xFF;
            if (c >= 0x80 || c < 0x20 && c != '\r' && c != '\n' && c != '\t') {
                bad++;
            }
        }
        return bad * 4 > b.length;
    }

    private static String text(byte[] b) {
        // only the printable part: a SLIP frame or line noise is not worth showing
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            int c = x & 0xFF;
            s.append(c == '\n' || c >= 0x20 && c < 0x7F ? (char) c : c == '\r' ? "" : ".");
        }
        return s.toString().strip();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- conclusions

    private Report conclude(String port, Transport t, List<Finding> findings, List<Attempt> attempts) {
        boolean anyText = false;
        boolean anyGarbage = false;
        Attempt worked = null;
        List<String> strapHigh = new ArrayList<>();
        String strapBanner = null;
        String plainBanner = null;
        boolean plainDownload = false;
        boolean erased = false;
        boolean slowRom = false;
        int brownouts = 0;
        for (Attempt a : attempts) {
            anyText |= !a.printed().isEmpty() && !a.garbled();
            anyGarbage |= a.garbled();
            if (a.synced() && worked == null) {
                worked = a;
            }
            if (a.printed().isEmpty() || a.garbled()) {
                continue;
            }
            slowRom |= a.printed().startsWith("(at 74880 baud)");
            Decoded d = decode(a.printed());
            brownouts += d.brownouts;
            erased |= d.decoder.invalidHeaders() > 0 || a.printed().contains("flash read err")
                    || a.printed().endsWith("ets_main.c");
            if ("default-reset".equals(a.before()) && !a.synced() && d.decoder.boots() > 0 && d.decoder.flashBoot()) {
                strapHigh.add(a.strategy());
                strapBanner = firstBanner(a.printed());
            } else if (a.before() == null && d.decoder.boots() > 0) {
                plainBanner = firstBanner(a.printed());
                plainDownload = d.decoder.downloadMode();
            }
        }
        if (!strapHigh.isEmpty()) {
            findings.add(new Finding(worked == null, "After the " + String.join(" and the ", strapHigh) + " the chip"
                    + " printed '" + strapBanner + "': GPIO0 (the boot strap) was high, so the chip booted the app"
                    + " instead of the download mode.", "Hold BOOT while resetting, or check the auto-reset circuit"
                    + " (DTR to GPIO0, RTS to EN through two transistors; 1-10 uF from EN to GND helps slow boards)"));
        }
        if (plainBanner != null) {
            findings.add(new Finding(plainDownload, "After a plain reset the chip printed '" + plainBanner + "'"
                    + (plainDownload ? ": it stays in download mode, so GPIO0 is held low and the app never runs" : "")
                    + ".", plainDownload ? "Release BOOT, or find what pulls GPIO0 low" : null));
        }
        if (slowRom) {
            findings.add(new Finding(false, "The ROM prints its boot log at 74880 baud: an ESP8266 (or an ESP32-C2"
                    + " with a 26 MHz crystal). That is normal and does not stop esptool.",
                    "To read its boot log: esptool --chip esp8266 --port " + quote(port) + " monitor"));
        }
        if (brownouts > 1) {
            findings.add(new Finding(true, "Brown-out resets: the supply voltage collapses while the chip starts.",
                    "Use a shorter or better USB cable, a powered hub or a stronger 3.3 V supply; add a capacitor"
                            + " (100 uF or more) near the module"));
        }
        if (erased) {
            findings.add(new Finding(false, "The ROM found no valid bootloader in flash (erased?). That does not stop"
                    + " esptool from connecting.", "Flash a bootloader and an app once connected"));
        }
        if (!anyText && !anyGarbage && worked == null) {
            findings.add(new Finding(true, "The chip printed nothing after any reset and did not answer.",
                    "Check power (the board's LED), that TX and RX are crossed (board TX to adapter RX), that this is"
                            + " the board's port, and the cable; on a board without auto-reset hold BOOT, press and"
                            + " release EN/RESET, release BOOT"));
        }
        if (anyGarbage && !anyText) {
            findings.add(new Finding(true, "The chip printed only garbage, at 115200 and at 74880 baud.",
                    "A crystal other than the ROM expects (the ROM assumes 40 MHz; 26 MHz scales 115200 to 74880), a"
                            + " loose wire or ground, or another device on this port"));
        }
        if (t.controlLinesRefused()) {
            findings.add(new Finding(false, "This port refused DTR/RTS changes (a pseudo-terminal or a bridge without"
                    + " modem lines): resets cannot reach the chip, only a chip already in download mode answers.",
                    worked == null ? "Reset the chip into download mode by hand (hold BOOT, press EN)" : null));
        }
        if (!t.can(Transport.Capability.CONTROL_LINES)) {
            findings.add(new Finding(false, "A plain socket carries no DTR/RTS: resets cannot reach the chip, only a"
                    + " chip already in download mode answers.", worked == null ? "Use rfc2217:// if the server"
                    + " speaks RFC 2217, or put the chip in download mode at the far end" : null));
        }
        String command = worked == null ? null
                : "esptool --port " + quote(port) + " --before " + worked.before() + " flash-id";
        if (worked == null) {
            findings.add(new Finding(true, "No reset strategy got an answer from the ROM loader.",
                    "Put the chip into download mode by hand (hold BOOT, press and release EN/RESET, release BOOT), then:"
                            + " esptool --port " + quote(port) + " --before no-reset flash-id"));
        }
        return new Report(port, findings, attempts, command);
    }

    /** An attempt's output run through the boot-log decoder, with the brown-outs counted. */
    private static final class Decoded {
        final BootLogDecoder decoder = new BootLogDecoder();
        int brownouts;
    }

    private static Decoded decode(String printed) {
        Decoded d = new Decoded();
        for (String line : printed.split("\n")) {
            String l = line.strip();
            if (l.startsWith("(at 74880 baud) ")) {
                l = l.substring(16);
            }
            for (String n : d.decoder.decode(l)) {
                if (n.startsWith("brown-out") || n.startsWith("rst cause") && n.contains("brown-out")) {
                    d.brownouts++;
                }
            }
        }
        return d;
    }

    private static String firstBanner(String printed) {
        for (String l : printed.split("\n")) {
            String s = l.strip();
            if (s.startsWith("(at 74880 baud) ")) {
                s = s.substring(16);
            }
            if (s.startsWith("rst:") || s.startsWith("ets Jan  8 2013")) {
                return s;
            }
        }
        return "";
    }

    private static String quote(String port) {
        return port.matches("[A-Za-z0-9_./:-]+") ? port : "'" + port + "'";
    }

    /** A report as text: findings with their next steps, the strategies tried, and the working command. */
    public static String format(Report r) {
        StringBuilder b = new StringBuilder();
        b.append("Port ").append(r.port()).append('\n');
        for (Finding f : r.findings()) {
            b.append(f.problem() ? "  problem: " : "  note:    ").append(f.what()).append('\n');
            if (f.next() != null) {
                b.append("           next: ").append(f.next()).append('\n');
            }
        }
        if (!r.attempts().isEmpty()) {
            b.append("  Reset strategies:\n");
            for (Attempt a : r.attempts()) {
                String result = a.before() == null ? (a.printed().isEmpty() ? "printed nothing" : "printed output")
                        : a.synced() ? "WORKED: the ROM loader answered SYNC" : "no answer to SYNC";
                b.append(String.format(Locale.ROOT, "    %-44s %s%s%n", a.strategy(), result,
                        a.garbled() ? " (garbled output)" : ""));
            }
        }
        b.append(r.command() != null ? "  This command works: " + r.command() + "\n"
                : "  No command works yet: do the first 'next' step above, then run doctor again.\n");
        return b.toString();
    }
}
