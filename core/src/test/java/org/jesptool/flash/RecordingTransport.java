package org.jesptool.flash;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jesptool.protocol.SlipDecoder;
import org.jesptool.transport.ForwardingTransport;
import org.jesptool.transport.Transport;

/** Passes everything through and records the opcode of every request the host sends. */
final class RecordingTransport extends ForwardingTransport {
    final List<Integer> sent = new CopyOnWriteArrayList<>();
    private final SlipDecoder decoder = new SlipDecoder(payload -> {
        if (payload.length >= 8 && payload[0] == 0) {
            sent.add(payload[1] & 0xFF);
        }
    });

    RecordingTransport(Transport inner) {
        super(inner);
    }

    @Override
    public void write(byte[] data, int off, int len) throws IOException {
        synchronized (decoder) {
            decoder.feed(data, off, len);
        }
        super.write(data, off, len);
    }

    /** Forgets what was sent so far (the connect sequence). */
    void clear() {
        sent.clear();
    }
}
