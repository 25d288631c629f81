package org.jesptool.virtual;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The wire between chip and host. Chip-to-host bytes wait in a queue until the host reads them. With
 * the real-time model on, every byte takes 10 bit times at the sending baud rate: each chunk gets a
 * start deadline ({@code System.nanoTime} based) and bytes become readable one by one after it, so
 * pacing costs no sleeping per byte. Host-to-chip arrival times are computed the same way.
 */
final class Link {
    /** Bits per byte on the wire: start bit, 8 data bits, stop bit. */
    static final int BITS_PER_BYTE = 10;

    private final boolean realtime;
    private final java.util.function.LongSupplier clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
    private long chipTxFree;
    /**
     * Chip-to-host bytes the host has not read. Past {@link #MAX_UNREAD} the chip's output is lost, as on a real
     * port whose reader stopped reading: the chip transmits regardless and the host side's buffer overflows. A
     * client that asks for a flood (a READ_FLASH with no acknowledgement window) cannot make the board hold it.
     */
    private long unread;
    static final long MAX_UNREAD = 4L << 20;
    private long lost;
    private long hostTxFree;
    private boolean closed;

    Link(boolean realtime) {
        this(realtime, System::nanoTime);
    }

    /** With an explicit clock (nanoseconds), so tests can step time instead of waiting for it. */
    Link(boolean realtime, java.util.function.LongSupplier clock) {
        this(realtime, clock, false);
    }

    /** With {@code simulated}, a reader that would wait for bytes on the wire moves {@link SimulatedClock} instead. */
    Link(boolean realtime, java.util.function.LongSupplier clock, boolean simulated) {
        this.realtime = realtime;
        this.clock = clock;
        this.simulated = simulated;
    }

    private final boolean simulated;
    /** Simulated time: whether the host has written since the reader last moved into a new chunk. */
    private boolean hostWrote;
    /** Simulated time: the chunk the reader last gave the host a moment to answer before moving into it. */
    private Chunk graceGiven;
    /**
     * Simulated time: how long (real time) the reader waits for the host to answer what it has received before
     * moving time on to the next chunk. A host's reader thread may read ahead of the thread that answers; without
     * this grace it would move time past the moment the host answers (a READ_FLASH acknowledgement, say).
     */
    private static final long SIM_GRACE_NANOS = 20_000_000L;

    boolean realtime() {
        return realtime;
    }

    /** The current time on the link's clock (0 when not real-time). */
    long now() {
        return realtime ? clock.getAsLong() : 0;
    }

    static long byteNanos(int baud) {
        return baud <= 0 ? 0 : BITS_PER_BYTE * 1_000_000_000L / baud;
    }

    /**
     * Host-to-chip: {@code len} bytes written now at {@code baud}. Returns the arrival time of the
     * first byte; byte {@code i} arrives {@code i * byteNanos} later.
     */
    long hostWrites(int len, int baud) {
        if (!realtime) {
            return 0;
        }
        lock.lock();
        try {
            long bt = byteNanos(baud);
            long start = Math.max(clock.getAsLong(), hostTxFree);
            hostTxFree = start + len * bt;
            if (simulated) {
                hostWrote = true;
                arrived.signalAll();
            }
            return start + bt;
        } finally {
            lock.unlock();
        }
    }

    /** Chip-to-host: queues bytes that start leaving the chip no earlier than {@code notBefore}. */
    void chipSends(byte[] bytes, long notBefore, int baud) {
        if (bytes.length == 0) {
            return;
        }
        lock.lock();
        try {
            if (closed) {
                return;
            }
            long bt = realtime ? byteNanos(baud) : 0;
            long start = realtime ? Math.max(notBefore, chipTxFree) : 0;
            chipTxFree = start + bytes.length * bt;
            if (unread + bytes.length > MAX_UNREAD) {
                lost += bytes.length; // sent, but the host side's buffer is full: gone
                return;
            }
            unread += bytes.length;
            queue.add(new Chunk(bytes, start, bt));
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Chip-to-host bytes lost because the host had {@link #MAX_UNREAD} bytes unread. */
    long lost() {
        lock.lock();
        try {
            return lost;
        } finally {
            lock.unlock();
        }
    }

    /** When the chip's transmitter becomes idle (end of the last queued byte). */
    long chipIdleAt() {
        lock.lock();
        try {
            return chipTxFree;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes readable right now. */
    int available() {
        lock.lock();
        try {
            long now = now();
            int n = 0;
            for (Chunk c : queue) {
                int ready = c.ready(now);
                n += ready;
                if (ready < c.data.length - c.pos) {
                    break;
                }
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads at least one byte, blocking until one is readable, the timeout passes (returns 0) or the
     * link closes (returns -1). A negative timeout waits forever.
     */
    int read(byte[] b, int off, int len, long timeoutNanos) throws InterruptedException {
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
            while (true) {
                long now = now();
                int n = 0;
                while (n < len && !queue.isEmpty()) {
                    Chunk c = queue.peek();
                    int ready = Math.min(c.ready(now), len - n);
                    if (ready <= 0) {
                        break;
                    }
                    System.arraycopy(c.data, c.pos, b, off + n, ready);
                    c.pos += ready;
                    unread -= ready;
                    n += ready;
                    if (c.pos == c.data.length) {
                        queue.poll();
                    } else {
                        break;
                    }
                }
                if (n > 0) {
                    return n;
                }
                if (closed) {
                    return -1;
                }
                long wait;
                if (queue.isEmpty()) {
                    wait = deadline == Long.MAX_VALUE ? TimeUnit.SECONDS.toNanos(1) : deadline - System.nanoTime();
                } else if (simulated) {
                    Chunk head = queue.peek();
                    if (head.pos == 0 && !hostWrote && head != graceGiven) {
                        graceGiven = head;
                        arrived.awaitNanos(SIM_GRACE_NANOS);
                        continue;
                    }
                    if (head.pos == 0) {
                        hostWrote = false;
                    }
                    SimulatedClock.advanceTo(head.batchReadyAt());
                    continue;
                } else {
                    wait = Math.max(1000, queue.peek().batchReadyAt() - clock.getAsLong());
                    if (deadline != Long.MAX_VALUE) {
                        wait = Math.min(wait, deadline - System.nanoTime());
                    }
                }
                if (deadline != Long.MAX_VALUE && System.nanoTime() >= deadline) {
                    return 0;
                }
                if (wait > 0) {
                    arrived.awaitNanos(wait);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drops everything the host has not read yet (an input-buffer flush on the host side). */
    void discardPending() {
        lock.lock();
        try {
            long now = now();
            // bytes still "on the wire" keep arriving; only what already arrived is flushed
            while (!queue.isEmpty()) {
                Chunk c = queue.peek();
                int ready = c.ready(now);
                c.pos += ready;
                unread -= ready;
                if (c.pos < c.data.length) {
                    break;
                }
                queue.poll();
            }
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean closed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Reopens after a close (the TCP server's next client). Pending bytes are dropped. */
    void reopen() {
        lock.lock();
        try {
            queue.clear();
            unread = 0;
            closed = false;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes a waiting reader lets accumulate before it wakes (32: a UART FIFO threshold). */
    static final int READ_BATCH = 32;

    private static final class Chunk {
        final byte[] data;
        final long start;
        final long byteNanos;
        int pos;

        Chunk(byte[] data, long start, long byteNanos) {
            this.data = data;
            this.start = start;
            this.byteNanos = byteNanos;
        }

        /** Bytes from {@code pos} that have fully arrived by {@code now}. */
        int ready(long now) {
            if (byteNanos == 0) {
                return data.length - pos;
            }
            long arrivedCount = (now - start) / byteNanos;
            if (arrivedCount <= pos) {
                return 0;
            }
            return (int) Math.min(data.length, arrivedCount) - pos;
        }

        /**
         * When the reader should look again: once a small batch (or the rest of the chunk) has arrived,
         * as a UART driver hands bytes over in FIFO-sized pieces; keeps wake-ups few at high baud rates.
         */
        long batchReadyAt() {
            long target = Math.min(pos + READ_BATCH, (long) data.length);
            return start + target * byteNanos;
        }
    }
}
