package org.jesptool.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jesptool.loader.Sleeper;
import org.jesptool.transport.Transport;

/** Records control-line changes and sleeps (as a {@link Sleeper}) line by line; reads time out, writes vanish. */
public final class RecordingTransport implements Transport, Sleeper {
    private final List<String> log = new ArrayList<>();
    private final Set<Capability> capabilities;

    /** A link with these capabilities, e.g. {@link #SERIAL} or {@link #RFC2217}. */
    public RecordingTransport(Set<Capability> capabilities) {
        this.capabilities = capabilities;
    }

    /** What a local serial port can do. */
    public static final Set<Capability> SERIAL = Set.of(Capability.values());
    /** What an RFC 2217 link can do: lines and baud rate, relayed over the network. */
    public static final Set<Capability> RFC2217 = Set.of(Capability.CONTROL_LINES, Capability.BAUD_RATE);

    public List<String> log() {
        return log;
    }

    @Override
    public void sleep(long millis) {
        log.add("sleep " + millis);
    }

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public int read(byte[] buf, int off, int len, long timeoutMillis) {
        return 0;
    }

    @Override
    public void write(byte[] data, int off, int len) {
    }

    @Override
    public void setDtr(boolean asserted) {
        log.add("DTR=" + (asserted ? 1 : 0));
    }

    @Override
    public void setRts(boolean asserted) {
        log.add("RTS=" + (asserted ? 1 : 0));
    }

    @Override
    public void setDtrRts(boolean dtr, boolean rts) {
        log.add("DTR,RTS=" + (dtr ? 1 : 0) + "," + (rts ? 1 : 0));
    }

    @Override
    public void setBaudRate(int baud) {
    }

    @Override
    public int baudRate() {
        return 115200;
    }

    @Override
    public void discardInput() {
    }

    @Override
    public void close() {
    }
}
