package org.jesptool.transport;

import java.io.EOFException;
import java.io.IOException;

/** A growable byte FIFO between a reader thread and the consumer, with timed reads. */
final class ByteQueue {
    private byte[] buf = new byte[8192];
    private int head;
    private int size;
    private boolean closed;
    private IOException failure;

    synchronized void put(byte[] data, int off, int len) {
        if (size + len > buf.length) {
            byte[] n = new byte[Math.max(buf.length * 2, size + len)];
            for (int i = 0; i < size; i++) {
                n[i] = buf[(head + i) % buf.length];
            }
            buf = n;
            head = 0;
        }
        for (int i = 0; i < len; i++) {
            buf[(head + size + i) % buf.length] = data[off + i];
        }
        size += len;
        notifyAll();
    }

    synchronized int take(byte[] out, int off, int len, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (size == 0) {
            if (closed) {
                if (failure != null) {
                    throw failure;
                }
                throw new EOFException("The connection was closed");
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return 0;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            }
        }
        int n = Math.min(len, size);
        for (int i = 0; i < n; i++) {
            out[off + i] = buf[(head + i) % buf.length];
        }
        head = (head + n) % buf.length;
        size -= n;
        return n;
    }

    synchronized void clear() {
        head = 0;
        size = 0;
    }

    synchronized void close(IOException cause) {
        closed = true;
        failure = cause;
        notifyAll();
    }
}
