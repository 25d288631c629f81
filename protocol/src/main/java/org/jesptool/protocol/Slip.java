package org.jesptool.protocol;

import java.io.ByteArrayOutputStream;

/**
 * SLIP framing as the ESP serial loaders use it: a frame is {@code 0xC0} + escaped payload + {@code 0xC0},
 * where {@code 0xDB} becomes {@code DB DD} and {@code 0xC0} becomes {@code DB DC}.
 */
public final class Slip {
    /** Frame delimiter. */
    public static final int END = 0xC0;
    /** Escape byte. */
    public static final int ESC = 0xDB;
    /** Escaped form of END (after ESC). */
    public static final int ESC_END = 0xDC;
    /** Escaped form of ESC (after ESC). */
    public static final int ESC_ESC = 0xDD;

    private Slip() {
    }

    /** Returns {@code payload} as one complete SLIP frame, delimiters included. */
    public static byte[] encode(byte[] payload) {
        return encode(payload, 0, payload.length);
    }

    /** Returns {@code payload[off, off+len)} as one complete SLIP frame, delimiters included. */
    public static byte[] encode(byte[] payload, int off, int len) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(len + len / 16 + 2);
        out.write(END);
        for (int i = off; i < off + len; i++) {
            int b = payload[i] & 0xFF;
            if (b == END) {
                out.write(ESC);
                out.write(ESC_END);
            } else if (b == ESC) {
                out.write(ESC);
                out.write(ESC_ESC);
            } else {
                out.write(b);
            }
        }
        out.write(END);
        return out.toByteArray();
    }
}
