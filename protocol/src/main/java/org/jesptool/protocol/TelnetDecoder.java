package org.jesptool.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Splits a Telnet byte stream into serial data, option negotiations and sub-negotiations, across any
 * chunking of the input. Anything that is not a known construct (a lone IAC followed by another command) is
 * dropped, never an error: a peer speaking garbage cannot break the decoder. A sub-negotiation longer than
 * {@link #MAX_SUBNEGOTIATION} bytes is cut off and dropped.
 */
public final class TelnetDecoder {
    /** Longest sub-negotiation kept (RFC 2217's longest is a few bytes; a signature text a few dozen). */
    public static final int MAX_SUBNEGOTIATION = 256;

    /** Where the decoded parts go, in stream order. */
    public interface Handler {
        /** Serial data (IAC IAC already reduced to one 0xFF). */
        void data(byte[] b, int off, int len) throws IOException;

        /** {@code IAC verb option}, verb one of WILL, WONT, DO, DONT. */
        void negotiation(int verb, int option) throws IOException;

        /** The bytes between {@code IAC SB} and {@code IAC SE}, unescaped (first byte: the option). */
        void subnegotiation(byte[] body) throws IOException;
    }

    private enum State { DATA, IAC, OPTION, SB, SB_IAC }

    private final Handler handler;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private final ByteArrayOutputStream sub = new ByteArrayOutputStream();
    private State state = State.DATA;
    private int verb;
    private boolean subTooLong;

    public TelnetDecoder(Handler handler) {
        this.handler = handler;
    }

    /** Feeds bytes from the peer; the handler sees everything complete in them. */
    public void feed(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xFF;
            switch (state) {
                case DATA -> {
                    if (c == Rfc2217.IAC) {
                        state = State.IAC;
                    } else {
                        data.write(c);
                    }
                }
                case IAC -> {
                    if (c == Rfc2217.IAC) {
                        data.write(c);
                        state = State.DATA;
                    } else if (c == Rfc2217.SB) {
                        flushData();
                        sub.reset();
                        subTooLong = false;
                        state = State.SB;
                    } else if (c >= Rfc2217.WILL && c <= Rfc2217.DONT) {
                        verb = c;
                        state = State.OPTION;
                    } else {
                        state = State.DATA; // NOP, BREAK, AYT and the like: nothing to do for a serial port
                    }
                }
                case OPTION -> {
                    flushData();
                    handler.negotiation(verb, c);
                    state = State.DATA;
                }
                case SB -> {
                    if (c == Rfc2217.IAC) {
                        state = State.SB_IAC;
                    } else {
                        subByte(c);
                    }
                }
                case SB_IAC -> {
                    if (c == Rfc2217.SE) {
                        state = State.DATA;
                        if (!subTooLong) {
                            handler.subnegotiation(sub.toByteArray());
                        }
                    } else {
                        subByte(c); // IAC IAC inside: one 0xFF
                        state = State.SB;
                    }
                }
                default -> state = State.DATA;
            }
        }
        flushData();
    }

    private void subByte(int c) {
        if (sub.size() >= MAX_SUBNEGOTIATION) {
            subTooLong = true;
        } else {
            sub.write(c);
        }
    }

    private void flushData() throws IOException {
        if (data.size() > 0) {
            byte[] d = data.toByteArray();
            data.reset();
            handler.data(d, 0, d.length);
        }
    }
}
