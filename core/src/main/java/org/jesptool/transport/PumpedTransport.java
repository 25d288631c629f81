package org.jesptool.transport;

import java.io.IOException;
import java.io.InputStream;

/** Base of transports over a blocking {@link InputStream}: a daemon thread moves bytes into a timed queue. */
abstract class PumpedTransport implements Transport {
    private final ByteQueue queue = new ByteQueue();
    private final String name;
    private volatile boolean closing;

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
        }
    }

    /** Called by the reader thread with raw bytes; subclasses that decode a protocol override it. */
    void received(byte[] b, int n) {
        deliver(b, 0, n);
    }

    final void deliver(byte[] b, int off, int n) {
        queue.put(b, off, n);
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
