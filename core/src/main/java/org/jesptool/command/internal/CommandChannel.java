package org.jesptool.command.internal;

import java.io.IOException;
import java.util.Arrays;
import org.jesptool.command.LoaderException;
import org.jesptool.command.NoReplyException;
import org.jesptool.command.UnsupportedCommandException;
import org.jesptool.protocol.Opcode;
import org.jesptool.protocol.Packet;

/**
 * Request/response commands over a {@link SlipLink}: matches replies by opcode, detects unsupported
 * commands and checks the status bytes (ROM: {@code 01 code}; stub: code in the first byte).
 */
public final class CommandChannel {
    private static final int MAX_FRAMES_PER_REPLY = 100;
    private final SlipLink link;
    private boolean stub;
    private int romStatusBytes = 4;

    public CommandChannel(SlipLink link) {
        this.link = link;
    }

    public SlipLink link() {
        return link;
    }

    /** Whether the stub (2 status bytes, stub error codes) is answering. */
    public void setStub(boolean stub) {
        this.stub = stub;
    }

    public boolean stub() {
        return stub;
    }

    /** Status bytes of ROM replies: 4 on the ESP32 family, 2 on ESP8266. */
    public void setRomStatusBytes(int n) {
        this.romStatusBytes = n;
    }

    /** Number of status bytes the current loader appends. */
    public int statusBytes() {
        return stub ? 2 : romStatusBytes;
    }

    /** Sends a request frame without waiting for anything. */
    public void send(int op, byte[] data, int checksum) throws IOException {
        link.writeFrame(Packet.request(op, data, checksum));
    }

    /**
     * Sends a request and returns the first reply with the same opcode (status unchecked).
     *
     * @throws UnsupportedCommandException when the loader answers "invalid message" under another opcode
     * @throws NoReplyException when no matching reply arrives in time
     */
    public Reply command(int op, byte[] data, int checksum, long timeoutMillis) throws IOException {
        send(op, data, checksum);
        return awaitReply(op, timeoutMillis);
    }

    /** Waits for the reply to {@code op} (for requests sent with {@link #send}). */
    public Reply awaitReply(int op, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        int mark = link.noiseMark();
        for (int i = 0; i < MAX_FRAMES_PER_REPLY; i++) {
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            byte[] f = link.readFrame(left);
            if (f == null) {
                byte[] noise = link.peekNoise(mark);
                String printed = noise.length == 0 ? "" : " The chip printed: " + SlipLink.printable(noise);
                String crash = crashHint(noise);
                throw new NoReplyException("Timed out waiting for the reply to " + Opcode.name(op) + " after "
                        + timeoutMillis / 1000.0 + " s" + (noise.length == 0 && link.transport() != null
                        ? " (no serial data received)" : "") + "." + crash + printed, noise);
            }
            Packet.Response r = Packet.Response.parse(f);
            if (r == null) {
                continue;
            }
            if (r.op() == op) {
                return new Reply(r.op(), r.value(), r.data());
            }
            byte[] d = r.data();
            if (d.length >= 2 && d[0] != 0 && d[1] == 0x05) {
                drainUnsupportedRepeats();
                throw new UnsupportedCommandException(op);
            }
        }
        throw new IOException("No reply to " + Opcode.name(op) + " among " + MAX_FRAMES_PER_REPLY + " frames");
    }

    private static String crashHint(byte[] noise) {
        String s = new String(noise, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (s.contains("Guru Meditation") || s.contains("Fatal exception")) {
            return " The chip crashed (panic message seen).";
        }
        return "";
    }

    private void drainUnsupportedRepeats() throws IOException {
        // The ROM repeats that reply about 8 times; let them arrive, then drop them.
        link.collect(200);
        link.discardInput();
        link.takeNoise();
    }

    /**
     * Sends a request, waits for its reply and checks the status bytes found right after
     * {@code payloadLength} bytes of payload.
     *
     * @return the reply with {@code data} cut to the payload
     * @throws LoaderException when the status reports failure
     */
    public Reply check(int op, byte[] data, int checksum, long timeoutMillis, int payloadLength) throws IOException {
        return checkReply(command(op, data, checksum, timeoutMillis), payloadLength);
    }

    /** Checks the status of a reply already received. */
    public Reply checkReply(Reply r, int payloadLength) throws IOException {
        byte[] d = r.data();
        if (d.length < payloadLength + 2) {
            throw new IOException("Reply to " + Opcode.name(r.op()) + " is too short (" + d.length
                    + " bytes, expected " + payloadLength + " bytes of data and status)");
        }
        int status = d[payloadLength] & 0xFF;
        int error = d[payloadLength + 1] & 0xFF;
        if (status != 0) {
            boolean romStyle = !stub || status == 1;
            throw new LoaderException(r.op(), romStyle ? error : status, !romStyle);
        }
        return new Reply(r.op(), r.value(), Arrays.copyOf(d, payloadLength));
    }
}
