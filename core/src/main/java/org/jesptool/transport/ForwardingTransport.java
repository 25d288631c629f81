package org.jesptool.transport;

import java.io.IOException;
import java.util.Set;

/**
 * A transport that passes every call on to another one. Subclasses override only what they observe or
 * change (counting bytes, injecting faults), so wrappers do not repeat the whole interface.
 */
public abstract class ForwardingTransport implements Transport {
    /** The transport calls are passed to. */
    protected final Transport inner;

    protected ForwardingTransport(Transport inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public Set<Capability> capabilities() {
        return inner.capabilities();
    }

    @Override
    public int read(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
        return inner.read(buf, off, len, timeoutMillis);
    }

    @Override
    public void write(byte[] data, int off, int len) throws IOException {
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
    public boolean controlLinesRefused() {
        return inner.controlLinesRefused();
    }

    @Override
    public PortInfo info() {
        return inner.info();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
