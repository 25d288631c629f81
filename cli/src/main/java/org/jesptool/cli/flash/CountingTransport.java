package org.jesptool.cli.flash;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.jesptool.transport.Transport;

/** Counts the bytes the host sends (for the benchmark's line-use figure). */
final class CountingTransport {
    private final AtomicLong sent = new AtomicLong();

    long sent() {
        return sent.get();
    }

    Transport wrap(Transport inner) {
        return new Transport() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public Kind kind() {
                return inner.kind();
            }

            @Override
            public int read(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
                return inner.read(buf, off, len, timeoutMillis);
            }

            @Override
            public void write(byte[] data, int off, int len) throws IOException {
                sent.addAndGet(len);
                inner.write(data, off, len);
            }

            @Override
            public void setDtr(boolean asserted) throws IOException {
                inner.setDtr(asserted);
            }

            @Override
            public void setRts(boolean asserted) throws IOException {
                inner.setRts(asserted);
            }

            @Override
            public void setDtrRts(boolean dtr, boolean rts) throws IOException {
                inner.setDtrRts(dtr, rts);
            }

            @Override
            public void setBaudRate(int baud) throws IOException {
                inner.setBaudRate(baud);
            }

            @Override
            public int baudRate() {
                return inner.baudRate();
            }

            @Override
            public void discardInput() throws IOException {
                inner.discardInput();
            }

            @Override
            public void close() throws IOException {
                inner.close();
            }
        };
    }
}
