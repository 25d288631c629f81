package org.jesptool.bench;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.jesptool.transport.ForwardingTransport;
import org.jesptool.transport.Transport;

/** Counts the bytes the host sends (for the benchmark's line-use figure). */
final class CountingTransport {
    private final AtomicLong sent = new AtomicLong();

    long sent() {
        return sent.get();
    }

    Transport wrap(Transport inner) {
        return new ForwardingTransport(inner) {
            @Override
            public void write(byte[] data, int off, int len) throws IOException {
                sent.addAndGet(len);
                super.write(data, off, len);
            }
        };
    }
}
