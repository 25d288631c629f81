package org.jesptool.transport;

import java.io.IOException;
import java.io.InputStream;

/** Base of transports over a blocking {@link InputStream}: a daemon thread moves bytes into a timed queue. */
abstract class PumpedTransport implements Transport {
    private final ByteQueue queue = new ByteQueue();
    private final String name;
    private volatile boolean closing;
    private volatile boolean pumpEnded;
    private static final int FIRST_BYTES = 240;
    private final java.io.ByteArrayOutputStream firstBytes = new java.io.ByteArrayOutputStream();

    PumpedTransport(String name) {
        this.name = name;
    }

    /** Starts the reader thread; call once the input stream is ready. */
    final void startPump(InputStream in) {
        Thread t = new Thread(() -> pump(in), "jesptool-reader " + name);
        t.setDaemon(true);
        t.start();
    }

    private void pump(InputStream in) {
        byte[] b = new byte[4096];
        try {
            while (true) {
                int n = in.read(b);
                if (n < 0) {
                    break;
                }
                received(b, n);
            }
            queue.close(null);
        } catch (IOException e) {
            queue.close(closing ? null : e);
        } finally {
            pumpEnded = true;
        }
    }

    /** Called by the reader thread with raw bytes; subclasses that decode a protocol override it. */
    void received(byte[] b, int n) {
        deliver(b, 0, n);
    }

    final void deliver(byte[] b, int off, int n) {
        synchronized (firstBytes) {
            firstBytes.write(b, off, Math.min(n, FIRST_BYTES - firstBytes.size()));
        }
        queue.put(b, off, n);
    }

    /**
     * The first bytes the other end sent, when they are a line of text (a server that turns the connection
     * down says why before closing it), else null.
     */
    final String firstWords() {
        // a write can fail before the reader has taken in what the other end said before closing: wait for it
        for (int i = 0; i < 50 && !pumpEnded; i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String text;
        synchronized (firstBytes) {
            text = firstBytes.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
        }
        return !text.isEmpty() && text.chars().allMatch(c -> c >= 0x20 && c < 0x7F || c > 0x9F) ? text : null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int read(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
        return queue.take(buf, off, len, timeoutMillis);
    }

    @Override
    public void discardInput() {
        queue.clear();
    }

    /** Marks the close as intended, so the reader thread's end is not reported as a failure. */
    final void closing() {
        closing = true;
    }
}
