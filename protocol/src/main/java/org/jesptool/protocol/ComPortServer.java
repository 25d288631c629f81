package org.jesptool.protocol;

import java.io.IOException;
import java.util.Arrays;

/**
 * The server side of RFC 2217 around a serial port: decodes the client's stream ({@link TelnetDecoder}),
 * answers option negotiation ({@link TelnetOptions}) and answers each COM-PORT-OPTION command with the
 * command + {@link Rfc2217#SERVER_OFFSET} and the value {@link #command} returns. Subclasses carry out the
 * commands and serial data on their port (a real one, or the virtual device).
 */
public abstract class ComPortServer implements TelnetDecoder.Handler {
    private final TelnetDecoder decoder = new TelnetDecoder(this);
    private final TelnetOptions options = new TelnetOptions();

    /** A server with no client bytes seen yet. */
    protected ComPortServer() {
    }

    /** Feeds bytes from the client. */
    public final void fromClient(byte[] b, int off, int len) throws IOException {
        decoder.feed(b, off, len);
    }

    /** Sends bytes to the client as they are (already escaped or framed). */
    protected abstract void send(byte[] b) throws IOException;

    /**
     * Carries out one COM-PORT-OPTION command.
     *
     * @return the value of the answer, or null for no answer
     */
    protected abstract byte[] command(int command, byte[] value) throws IOException;

    /** Asks the client for an option ({@code WILL} or {@code DO}). */
    protected final void request(int verb, int option) throws IOException {
        options.requested(verb, option);
        send(Rfc2217.negotiation(verb, option));
    }

    @Override
    public final void negotiation(int verb, int option) throws IOException {
        byte[] reply = options.answer(verb, option);
        if (reply != null) {
            send(reply);
        }
    }

    @Override
    public final void subnegotiation(byte[] s) throws IOException {
        if (s.length < 2 || (s[0] & 0xFF) != Rfc2217.COM_PORT_OPTION) {
            return; // another option's sub-negotiation: nothing a serial port needs
        }
        int cmd = s[1] & 0xFF;
        byte[] answer = command(cmd, Arrays.copyOfRange(s, 2, s.length));
        if (answer != null) {
            send(Rfc2217.command(cmd + Rfc2217.SERVER_OFFSET, answer));
        }
    }
}
