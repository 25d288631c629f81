package org.jesptool.transport;

import java.io.IOException;
import org.jesptool.virtual.VirtualPort;

/** {@code virtual://CHIP?options}: the in-process virtual device. */
final class VirtualTransport extends PumpedTransport {
    private final VirtualPort port;

    VirtualTransport(String name) throws IOException {
        super(name);
        try {
            port = VirtualPort.open(name);
        } catch (IllegalArgumentException e) {
            throw new PortException(PortException.Reason.BAD_ADDRESS, "Cannot open virtual device " + name + ": "
                    + e.getMessage(), e);
        }
        startPump(port.input());
    }

    @Override
    public Kind kind() {
        return Kind.VIRTUAL;
    }

    @Override
    public void write(byte[] data, int off, int len) throws IOException {
        port.output().write(data, off, len);
        port.output().flush();
    }

    @Override
    public void setDtr(boolean asserted) throws IOException {
        port.setDtr(asserted);
    }

    @Override
    public void setRts(boolean asserted) throws IOException {
        port.setRts(asserted);
    }

    @Override
    public void setDtrRts(boolean dtr, boolean rts) throws IOException {
        port.setDtrRts(dtr, rts);
    }

    @Override
    public void setBaudRate(int baud) throws IOException {
        port.setBaudRate(baud);
    }

    @Override
    public int baudRate() {
        return port.baudRate();
    }

    @Override
    public void close() throws IOException {
        closing();
        port.close();
    }
}
