package org.jesptool.protocol;

import java.io.ByteArrayOutputStream;

/**
 * Incremental SLIP decoder. Feed it bytes as they arrive; it reports each complete frame, bytes seen
 * outside any frame (boot messages, panics) and invalid escape sequences to a {@link Listener}.
 *
 * <p>Two {@code 0xC0} in a row are treated as the end of one frame and the start of the next, so an
 * empty frame is never reported. Not thread-safe.
 */
public final class SlipDecoder {

    /** Receives what the decoder finds. */
    public interface Listener {
        /** A complete frame with escapes removed. */
        void onFrame(byte[] payload);

        /** A byte that arrived outside any frame (for example boot log text). */
        default void onNoise(int b) {
        }

        /** {@code 0xDB} followed by something other than {@code DC}/{@code DD}; the frame is dropped. */
        default void onInvalidEscape(int b) {
        }
    }

    private final Listener listener;
    private final ByteArrayOutputStream frame = new ByteArrayOutputStream(256);
    private final int maxFrame;
    private boolean inFrame;
    private boolean escaping;
    private boolean overlong;

    public SlipDecoder(Listener listener) {
        this(listener, Integer.MAX_VALUE);
    }

    /**
     * A decoder that drops frames longer than {@code maxFrame} payload bytes (the bytes up to the frame's end
     * are discarded as they arrive), so a peer that never ends a frame cannot grow memory without bound.
     */
    public SlipDecoder(Listener listener, int maxFrame) {
        this.listener = listener;
        this.maxFrame = maxFrame;
    }

    /** Whether the decoder is inside a frame (a start delimiter has been seen, no end yet). */
    public boolean inFrame() {
        return inFrame;
    }

    /** Feeds {@code len} bytes. */
    public void feed(byte[] data, int off, int len) {
        for (int i = off; i < off + len; i++) {
            feed(data[i] & 0xFF);
        }
    }

    /** Feeds one byte (0..255). */
    public void feed(int b) {
        if (!inFrame) {
            if (b == Slip.END) {
                inFrame = true;
                frame.reset();
                escaping = false;
            } else {
                listener.onNoise(b);
            }
            return;
        }
        if (escaping) {
            escaping = false;
            if (b == Slip.ESC_END) {
                frame.write(Slip.END);
            } else if (b == Slip.ESC_ESC) {
                frame.write(Slip.ESC);
            } else {
                inFrame = b == Slip.END;
                frame.reset();
                listener.onInvalidEscape(b);
            }
            return;
        }
        if (overlong) {
            if (b == Slip.END) {
                overlong = false;
                inFrame = false;
            }
            return;
        }
        if (b == Slip.END) {
            if (frame.size() == 0) {
                return; // back-to-back delimiters: stay in frame
            }
            byte[] payload = frame.toByteArray();
            frame.reset();
            inFrame = false;
            listener.onFrame(payload);
        } else if (b == Slip.ESC) {
            escaping = true;
        } else {
            frame.write(b);
        }
        if (frame.size() > maxFrame) {
            frame.reset();
            overlong = true;
        }
    }

    /** Forgets any partial frame. */
    public void reset() {
        frame.reset();
        overlong = false;
        inFrame = false;
        escaping = false;
    }
}
