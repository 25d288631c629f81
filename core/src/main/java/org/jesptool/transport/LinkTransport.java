package org.jesptool.transport;

import java.io.IOException;
import java.util.Set;
import org.jesptool.protocol.link.SerialLink;

/**
 * A transport over a {@link SerialLink} from a {@link org.jesptool.protocol.link.SerialLinkProvider}, such
 * as the in-process virtual device ({@code virtual://CHIP?options}).
 */
final class LinkTransport extends PumpedTransport {
    private static final Set<Capability> CAPABILITIES = Set.of(Capability.values());
    private final SerialLink link;

    LinkTransport(String name, SerialLink link) {
        super(name);
        this.link = link;
        startPump(link.input());
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void write(byte[] data, int off, int len) throws IOException {
        link.output().write(data, off, len);
        link.output().flush();
    }

    @Override
    public void setDtr(boolean asserted) throws IOException {
        link.setDtr(asserted);
    }

    @Override
    public void setRts(boolean asserted) throws IOException {
        link.setRts(asserted);
    }

    @Override
    public void setDtrRts(boolean dtr, boolean rts) throws IOException {
        link.setDtrRts(dtr, rts);
    }

    @Override
    public void setBaudRate(int baud) throws IOException {
        link.setBaudRate(baud);
    }

    @Override
    public int baudRate() {
        return link.baudRate();
    }

    @Override
    public void close() throws IOException {
        closing();
        link.close();
    }
}
