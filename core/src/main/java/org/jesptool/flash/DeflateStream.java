package org.jesptool.flash;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * One zlib stream (level 9, as the loaders inflate it) made incrementally on a background thread, so its first
 * blocks go on the wire while the rest of a long stream is still being compressed. Readers wait for the bytes
 * they ask for. With a window, the stream holds at most that many compressed bytes past what the sender has
 * {@link #release released}: the compressor waits for the sender, and sent bytes are let go.
 */
final class DeflateStream implements Runnable {
    private static final int INPUT_STEP = 0x10000;

    private final Bytes raw;
    private final int from;
    private final int to;
    private final int window;
    private byte[] out;
    /** Stream offset of {@code out[0]}: the bytes before it were released and let go. */
    private int base;
    private int released;
    private int length;
    private boolean finished;
    private RuntimeException failure;
    private volatile boolean cancelled;

    /** The whole stream of {@code raw[from, to)}, kept; nothing happens until {@link #run} is called. */
    DeflateStream(byte[] raw, int from, int to) {
        this(Bytes.of(raw), from, to, 0);
    }

    /** As {@link #DeflateStream(Bytes, int, int, int)} over an array. */
    DeflateStream(byte[] raw, int from, int to, int window) {
        this(Bytes.of(raw), from, to, window);
    }

    /**
     * The stream of {@code raw[from, to)} holding at most {@code window} unreleased compressed bytes (0: no
     * limit, all kept); nothing happens until {@link #run} is called (on a worker).
     */
    DeflateStream(Bytes raw, int from, int to, int window) {
        this.raw = raw;
        this.from = from;
        this.to = to;
        this.window = window;
        // a whole stream gets zlib's worst case at once: growing it would copy it (incompressible data) twice
        this.out = new byte[window > 0 ? window + 16384 : (int) Math.min(bound(to - from), Integer.MAX_VALUE - 8)];
    }

    /** zlib's largest output for {@code n} raw bytes (deflateBound with the zlib header and trailer). */
    static long bound(long n) {
        return n + (n >> 12) + (n >> 14) + (n >> 25) + 13;
    }

    /** Stops compressing (the stream is no longer wanted); readers waiting for more bytes fail. */
    synchronized void cancel() {
        cancelled = true;
        notifyAll();
    }

    /** The bytes before {@code upTo} are sent and will not be read again: the compressor may go on past them. */
    synchronized void release(int upTo) {
        if (upTo > released) {
            released = upTo;
            notifyAll();
        }
    }

    /** Raw (uncompressed) length of the stream. */
    int rawLength() {
        return to - from;
    }

    @Override
    public void run() {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] buf = new byte[16384];
        byte[] in = new byte[Math.min(INPUT_STEP, Math.max(0, to - from))];
        try {
            for (int pos = from; pos < to; pos += INPUT_STEP) {
                if (cancelled) {
                    throw new IllegalStateException("compression cancelled");
                }
                int n = Math.min(INPUT_STEP, to - pos);
                raw.copy(pos, in, 0, n);
                d.setInput(in, 0, n);
                while (!d.needsInput()) {
                    append(buf, d.deflate(buf));
                }
            }
            d.finish();
            while (!d.finished()) {
                append(buf, d.deflate(buf));
            }
            synchronized (this) {
                finished = true;
                notifyAll();
            }
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                failure = e instanceof RuntimeException r ? r : new IllegalStateException("compressing failed", e);
                notifyAll();
            }
        } finally {
            d.end();
        }
    }

    private synchronized void append(byte[] buf, int n) {
        if (n == 0) {
            return;
        }
        while (window > 0 && length - released >= window && !cancelled) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while compressing", e);
            }
        }
        if (cancelled) {
            throw new IllegalStateException("compression cancelled");
        }
        if (length - base + n > out.length && window > 0 && released > base) {
            System.arraycopy(out, released - base, out, 0, length - released);
            base = released;
        }
        if (length - base + n > out.length) {
            out = Arrays.copyOf(out, Math.max(length - base + n, out.length * 2));
        }
        System.arraycopy(buf, 0, out, length - base, n);
        length += n;
        notifyAll();
    }

    /**
     * Waits until at least {@code want} compressed bytes exist or the stream is complete; returns how many exist
     * then (fewer than {@code want} only at the end of the stream).
     */
    synchronized int await(int want) {
        while (length < want && !finished) {
            if (failure != null) {
                throw failure;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while compressing", e);
            }
        }
        return Math.min(length, want);
    }

    /** Whether {@code at} is the end of the complete stream (waits until that is known). */
    boolean endsAt(int at) {
        return await(at + 1) <= at;
    }

    /** Compressed bytes {@code [start, end)}, which must have been awaited and not released. */
    synchronized byte[] bytes(int start, int end) {
        if (start < base) {
            throw new IllegalStateException("compressed bytes from " + start + " were released already");
        }
        return Arrays.copyOfRange(out, start - base, end - base);
    }

    /** The whole compressed stream (waits for it). */
    byte[] all() {
        int n = await(Integer.MAX_VALUE);
        return bytes(0, n);
    }
}
