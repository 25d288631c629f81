package org.jesptool.flash;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.Deflater;

/**
 * Splits files into {@link Segment}s and deflates them on a background thread, so the next segment is
 * compressed while the current one is on the wire.
 */
final class SegmentEncoder implements AutoCloseable {
    /** Segment size and alignment: the unit of skipping, resuming and rewriting. */
    static final int SEGMENT = 0x10000;

    /** How compression is chosen for each segment. */
    enum Compression {
        /** Never compress. */
        OFF,
        /** Always compress. */
        ON,
        /** Compress when that sends fewer bytes. */
        AUTO
    }

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jesptool-deflate");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService planWorker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jesptool-plan");
        t.setDaemon(true);
        return t;
    });
    private final Compression compression;

    SegmentEncoder(Compression compression) {
        this.compression = compression;
    }

    /** Whether segments may be compressed at all. */
    boolean compresses() {
        return compression != Compression.OFF;
    }

    /** The raw segment bounds of a region starting at {@code address}. */
    static List<Span> bounds(int address, int length) {
        List<Span> out = new ArrayList<>();
        long start = address & 0xFFFFFFFFL;
        long end = start + length;
        while (start < end) {
            long next = Math.min(end, (start / SEGMENT + 1) * SEGMENT);
            out.add(new Span(start, next));
            start = next;
        }
        return out;
    }

    /** Starts encoding the given segments of {@code data} (based at {@code address}) in order. */
    List<CompletableFuture<Segment>> encode(int address, byte[] data, List<Span> segments) {
        return encode(address, Bytes.of(data), segments, compression);
    }

    /** Starts encoding the given segments of {@code data} (based at {@code address}) in order. */
    List<CompletableFuture<Segment>> encode(int address, Bytes data, List<Span> segments) {
        return encode(address, data, segments, compression);
    }

    /** The given segments of {@code data} (based at {@code address}) as they are, uncompressed. */
    List<CompletableFuture<Segment>> plain(int address, Bytes data, List<Span> segments) {
        return encode(address, data, segments, Compression.OFF);
    }

    /** Segments encoded ahead of the one being sent: enough to keep the worker busy, few enough to hold. */
    static final int AHEAD = 4;

    private List<CompletableFuture<Segment>> encode(int address, Bytes data, List<Span> segments,
            Compression mode) {
        return new Window(address, data, segments, mode);
    }

    /**
     * The encoded segments, each started when the reader comes within {@link #AHEAD} of it and let go once the
     * reader has moved past it (read in order), so a long file is never held encoded as a whole.
     */
    private final class Window extends java.util.AbstractList<CompletableFuture<Segment>> {
        private final long base;
        private final Bytes data;
        private final List<Span> segments;
        private final Compression mode;
        private final List<CompletableFuture<Segment>> started = new ArrayList<>();

        Window(int address, Bytes data, List<Span> segments, Compression mode) {
            this.base = address & 0xFFFFFFFFL;
            this.data = data;
            this.segments = segments;
            this.mode = mode;
        }

        @Override
        public CompletableFuture<Segment> get(int k) {
            while (started.size() < Math.min(segments.size(), k + 1 + AHEAD)) {
                started.add(start(segments.get(started.size())));
            }
            for (int i = k - 1; i >= 0 && started.get(i) != null; i--) {
                started.set(i, null);
            }
            CompletableFuture<Segment> f = started.get(k);
            if (f == null) {
                throw new IllegalStateException("segment " + k + " was read already and let go");
            }
            return f;
        }

        private CompletableFuture<Segment> start(Span b) {
            byte[] raw = data.slice((int) (b.start() - base), (int) (b.end() - base));
            return mode == Compression.OFF ? CompletableFuture.completedFuture(new Segment((int) b.start(), raw, raw,
                    false)) : CompletableFuture.supplyAsync(() -> encodeOne((int) b.start(), raw, mode), worker);
        }

        @Override
        public int size() {
            return segments.size();
        }
    }

    private static Segment encodeOne(int address, byte[] raw, Compression mode) {
        byte[] z = deflate(raw);
        if (mode == Compression.AUTO && z.length >= raw.length) {
            return new Segment(address, raw, raw, false);
        }
        return new Segment(address, raw, z, true);
    }

    /** Starts planning blocks on a second worker (the planner waits for the stream's bytes). */
    void plan(StubBlockPlanner planner) {
        planWorker.execute(planner);
    }

    /**
     * Starts compressing {@code data[from, to)} as one zlib stream on the worker thread, at most {@code window}
     * compressed bytes ahead of what the sender released.
     */
    DeflateStream stream(Bytes data, int from, int to, int window) {
        DeflateStream s = new DeflateStream(data, from, to, window);
        worker.execute(s);
        return s;
    }

    /**
     * Whether {@code data[from, to)} (one unit) is worth sending compressed: always when compression is forced;
     * otherwise when its first 16 KiB shrink by at least 3 % at the fastest level (level 9 does better).
     */
    boolean worthCompressing(Bytes data, int from, int to) {
        if (compression != Compression.AUTO) {
            return compression == Compression.ON;
        }
        int n = Math.min(to - from, 16384);
        Deflater d = new Deflater(Deflater.BEST_SPEED);
        try {
            d.setInput(data.slice(from, from + n));
            d.finish();
            byte[] buf = new byte[n + 64];
            long out = 0;
            while (!d.finished()) {
                out += d.deflate(buf);
            }
            return out < n * 0.97;
        } finally {
            d.end();
        }
    }

    /** zlib (RFC 1950) stream at level 9, as the loaders inflate it (made here, on the calling thread). */
    static byte[] deflate(byte[] raw) {
        DeflateStream s = new DeflateStream(Bytes.of(raw), 0, raw.length, 0);
        s.run();
        return s.all();
    }

    @Override
    public void close() {
        worker.shutdownNow();
        planWorker.shutdownNow();
    }
}
