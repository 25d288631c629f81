package org.jesptool.testing;

import java.io.ByteArrayOutputStream;
import org.jesptool.transport.Transport;

/**
 * A test transport whose chip side is a byte queue: subclasses queue what the "chip" sends in reaction to
 * writes or control lines; reads drain the queue. Control lines and baud rate are ignored unless overridden.
 */
abstract class QueuedTransport implements Transport {
    /** Bytes the chip has sent and the host has not read yet; guard with {@code this}. */
    protected final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    @Override
    public synchronized int read(byte[] buf, int off, int len, long timeoutMillis) {
        byte[] p = pending.toByteArray();
        if (p.length == 0) {
            try {
                Thread.sleep(Math.min(timeoutMillis, 5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
        int n = Math.min(len, p.length);
        System.arraycopy(p, 0, buf, off, n);
        pending.reset();
        pending.write(p, n, p.length - n);
        return n;
    }

    @Override
    public void setDtr(boolean asserted) {
    }

    @Override
    public void setRts(boolean asserted) {
    }

    @Override
    public void setBaudRate(int baud) {
    }

    @Override
    public int baudRate() {
        return 115200;
    }

    @Override
    public synchronized void discardInput() {
        pending.reset();
    }

    @Override
    public void close() {
    }
}
