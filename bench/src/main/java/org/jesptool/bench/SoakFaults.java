package org.jesptool.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jesptool.transport.ForwardingTransport;
import org.jesptool.transport.Transport;

/**
 * One soak run's faults, drawn from a seed. Each fault fires at a byte count of the traffic (host bytes
 * sent or chip bytes received), never at a time, so the same seed damages the same bytes again. A plan
 * outlives a reconnect: the {@link Link} of the new transport carries on counting.
 */
final class SoakFaults {

    /** What is done to the link. */
    enum Kind {
        DROP_HOST, DUP_HOST, CORRUPT_HOST, DELAY_HOST,
        DROP_CHIP, DUP_CHIP, CORRUPT_CHIP, DELAY_CHIP,
        /** Nothing arrives from the chip for longer than the command timeout; what it sent meanwhile is lost. */
        STALL,
        /** EN pulsed by "someone else": the chip reboots into the ROM (a running stub is gone). */
        RESET,
        /** The cable is pulled: the virtual board's {@code unplug-after} (it comes back on reopening). */
        UNPLUG,
        /** The host side runs at a wrong baud rate for a stretch of bytes: the chip sees garbage. */
        GARBLE,
        /** The program on the chip (stub or ROM) stops answering until the next reset. */
        SILENT
    }

    record Fault(Kind kind, long at, int arg) {
        boolean chipSide() {
            return kind == Kind.DROP_CHIP || kind == Kind.DUP_CHIP || kind == Kind.CORRUPT_CHIP
                    || kind == Kind.DELAY_CHIP || kind == Kind.STALL || kind == Kind.SILENT;
        }
    }

    private static final Kind[] DRAWN = {
        Kind.DROP_HOST, Kind.DROP_HOST, Kind.DUP_HOST, Kind.DUP_HOST, Kind.CORRUPT_HOST, Kind.CORRUPT_HOST,
        Kind.DELAY_HOST, Kind.DROP_CHIP, Kind.DROP_CHIP, Kind.DUP_CHIP, Kind.DUP_CHIP, Kind.CORRUPT_CHIP,
        Kind.CORRUPT_CHIP, Kind.DELAY_CHIP, Kind.STALL, Kind.RESET, Kind.RESET, Kind.UNPLUG, Kind.GARBLE,
        Kind.GARBLE, Kind.SILENT};

    final List<Fault> host = new ArrayList<>();
    final List<Fault> chip = new ArrayList<>();
    final long stallMillis;
    private int nextHost;
    private int nextChip;
    long hostBytes;
    long chipBytes;
    final Map<Kind, Integer> fired = new EnumMap<>(Kind.class);
    /** The {@code unplug-after} byte count for the port, or -1. */
    final long unplugAt;

    /**
     * @param hostConnect about how many bytes connecting (and the stub upload) takes; four faults in five land
     *     after it, in the operation itself
     * @param hostSpan about how many bytes the host will send (faults land in {@code [0, hostSpan)})
     * @param chipSpan about how many bytes the chip will send
     */
    SoakFaults(Random rng, int count, long hostConnect, long hostSpan, long chipConnect, long chipSpan,
            long stallMillis) {
        this.stallMillis = stallMillis;
        long unplug = -1;
        for (int i = 0; i < count; i++) {
            Kind k = DRAWN[rng.nextInt(DRAWN.length)];
            int arg = rng.nextInt(256);
            Fault f = new Fault(k, 0, arg);
            long from = rng.nextInt(5) == 0 ? 0 : f.chipSide() ? chipConnect : hostConnect;
            long to = f.chipSide() ? chipSpan : hostSpan;
            long at = from + (long) (rng.nextDouble() * Math.max(1, to - from));
            f = new Fault(k, at, arg);
            if (k == Kind.UNPLUG) {
                if (unplug < 0) {
                    unplug = Math.max(1, at);
                }
            } else if (f.chipSide()) {
                chip.add(f);
            } else {
                host.add(f);
            }
        }
        unplugAt = unplug;
        host.sort(Comparator.comparingLong(Fault::at));
        chip.sort(Comparator.comparingLong(Fault::at));
    }

    synchronized int injected() {
        return fired.values().stream().mapToInt(Integer::intValue).sum();
    }

    private void fire(Kind k) {
        fired.merge(k, 1, Integer::sum);
    }

    /** Text of the plan, for a reproduced run. */
    @Override
    public String toString() {
        List<Fault> all = new ArrayList<>(host);
        all.addAll(chip);
        return (unplugAt >= 0 ? "UNPLUG@host " + unplugAt + " " : "") + all;
    }

    /** The transport of one connection, damaging traffic by the plan. */
    final class Link extends ForwardingTransport {
        private final Random noise;
        private byte[] pending = new byte[0];
        private long stallUntil;
        private boolean silent;
        private long garbleUntil = -1;
        private int baud;
        volatile boolean dead;

        Link(Transport inner, long seed) {
            super(inner);
            this.noise = new Random(seed);
            this.baud = inner.baudRate();
        }

        @Override
        public void write(byte[] data, int off, int len) throws IOException {
            synchronized (SoakFaults.this) {
                if (unplugAt >= 0 && hostBytes < unplugAt && hostBytes + len >= unplugAt) {
                    fire(SoakFaults.Kind.UNPLUG);
                }
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(len + 8);
                for (int i = 0; i < len; i++) {
                    long pos = hostBytes + i;
                    if (garbleUntil >= 0 && pos >= garbleUntil) {
                        flush(out);
                        garbleUntil = -1;
                        inner.setBaudRate(baud);
                    }
                    boolean drop = false;
                    int copies = 1;
                    byte b = data[off + i];
                    while (nextHost < host.size() && host.get(nextHost).at() <= pos) {
                        Fault f = host.get(nextHost++);
                        fire(f.kind());
                        switch (f.kind()) {
                            case DROP_HOST -> drop = true;
                            case DUP_HOST -> copies = 2;
                            case CORRUPT_HOST -> b ^= (byte) (1 + f.arg() % 255);
                            case DELAY_HOST -> {
                                flush(out);
                                sleep(20 + f.arg());
                            }
                            case RESET -> {
                                flush(out);
                                pulseReset();
                            }
                            case GARBLE -> {
                                flush(out);
                                int wrong = baud == 115200 ? 74880 : 115200;
                                inner.setBaudRate(wrong);
                                garbleUntil = pos + 4 + f.arg();
                            }
                            default -> throw new IllegalStateException(f.toString());
                        }
                    }
                    if (!drop) {
                        for (int c = 0; c < copies; c++) {
                            out.write(b);
                        }
                    }
                }
                hostBytes += len;
                flush(out);
            }
        }

        private void flush(java.io.ByteArrayOutputStream out) throws IOException {
            if (out.size() > 0) {
                byte[] b = out.toByteArray();
                out.reset();
                try {
                    inner.write(b, 0, b.length);
                } catch (IOException e) {
                    dead = true;
                    throw e;
                }
            }
        }

        private void pulseReset() throws IOException {
            try {
                inner.setRts(true);
                sleep(20);
                inner.setRts(false);
                sleep(20);
            } catch (IOException e) {
                dead = true;
                throw e;
            }
            silent = false;
        }

        @Override
        public int read(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
            if (pending.length > 0) {
                int n = Math.min(len, pending.length);
                System.arraycopy(pending, 0, buf, off, n);
                pending = java.util.Arrays.copyOfRange(pending, n, pending.length);
                return n;
            }
            long now = System.currentTimeMillis();
            if (now < stallUntil) {
                sleep(Math.min(timeoutMillis, stallUntil - now));
                if (System.currentTimeMillis() >= stallUntil) {
                    inner.discardInput(); // what the chip sent during the stall is lost
                }
                return 0;
            }
            if (silent) {
                sleep(Math.min(timeoutMillis, 200));
                inner.discardInput();
                return 0;
            }
            int n;
            try {
                n = inner.read(buf, off, len, timeoutMillis);
            } catch (IOException e) {
                dead = true;
                throw e;
            }
            if (n <= 0) {
                if (n < 0) {
                    dead = true;
                }
                return n;
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(n + 8);
            long delay = 0;
            synchronized (SoakFaults.this) {
                for (int i = 0; i < n; i++) {
                    long pos = chipBytes + i;
                    byte b = buf[off + i];
                    boolean drop = false;
                    int copies = 1;
                    while (nextChip < chip.size() && chip.get(nextChip).at() <= pos) {
                        Fault f = chip.get(nextChip++);
                        fire(f.kind());
                        switch (f.kind()) {
                            case DROP_CHIP -> drop = true;
                            case DUP_CHIP -> copies = 2;
                            case CORRUPT_CHIP -> b ^= (byte) (1 + f.arg() % 255);
                            case DELAY_CHIP -> delay += 20 + f.arg();
                            case STALL -> {
                                stallUntil = System.currentTimeMillis() + stallMillis;
                                drop = true;
                            }
                            case SILENT -> {
                                silent = true;
                                drop = true;
                            }
                            default -> throw new IllegalStateException(f.toString());
                        }
                    }
                    if (stallUntil > System.currentTimeMillis() || silent) {
                        drop = true; // the rest of this chunk never arrives
                    }
                    if (!drop) {
                        for (int c = 0; c < copies; c++) {
                            out.write(b);
                        }
                    }
                }
                chipBytes += n;
            }
            if (delay > 0) {
                sleep(delay);
            }
            byte[] got = out.toByteArray();
            int m = Math.min(len, got.length);
            System.arraycopy(got, 0, buf, off, m);
            pending = java.util.Arrays.copyOfRange(got, m, got.length);
            return m;
        }

        @Override
        public void setBaudRate(int baud) throws IOException {
            this.baud = baud;
            garbleUntil = -1;
            inner.setBaudRate(baud);
        }

        @Override
        public void setRts(boolean asserted) throws IOException {
            silent = false; // a reset ends a hung program
            inner.setRts(asserted);
        }

        @Override
        public void setDtrRts(boolean dtr, boolean rts) throws IOException {
            silent = false;
            inner.setDtrRts(dtr, rts);
        }

        @Override
        public void discardInput() throws IOException {
            pending = new byte[0];
            inner.discardInput();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(0, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
