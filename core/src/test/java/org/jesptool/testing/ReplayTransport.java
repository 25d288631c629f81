package org.jesptool.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.jesptool.protocol.Slip;
import org.jesptool.protocol.SlipDecoder;
import org.jesptool.testsupport.Trace;

/**
 * A transport that answers with the chip frames of a recorded session. Each frame the host sends is
 * looked up from the current position onwards among the recorded host frames (SYNC and stub MEM_DATA by
 * opcode, everything else byte for byte); the chip frames recorded after it are then delivered. Host
 * frames with no match are collected in {@link #unmatched()} and get no answer.
 */
public final class ReplayTransport extends QueuedTransport {
    private final List<Trace.Event> events;
    private int cursor;
    private final List<String> unmatched = new ArrayList<>();
    private final SlipDecoder decoder = new SlipDecoder(this::hostFrame);
    private int baud = 115200;
    private final List<Integer> bauds = new ArrayList<>();

    public ReplayTransport(Trace trace) {
        this.events = trace.events();
    }

    /** The recorded events. */
    public List<Trace.Event> events() {
        return events;
    }

    /** Host frames that matched nothing in the recording (hex). */
    public List<String> unmatched() {
        return unmatched;
    }

    /** Baud rates set, in order. */
    public List<Integer> bauds() {
        return bauds;
    }

    /**
     * Lets a recorded five-word stub FLASH_BEGIN / FLASH_DEFL_BEGIN with a zero "encrypted" word (esptool v5)
     * match the same four words (what JEsptool sends the stub for a plain write, as older clients do).
     */
    public ReplayTransport stubBeginWithoutEncryptedWord() {
        stubBeginFourWords = true;
        return this;
    }

    private boolean stubBeginFourWords;

    private boolean matches(byte[] recorded, byte[] sent) {
        if (stubBeginFourWords && recorded.length == 28 && sent.length == 24 && recorded[0] == 0
                && (recorded[1] == 0x02 || recorded[1] == 0x10) && sent[1] == recorded[1] && sent[2] == 16
                && sent[3] == 0 && Arrays.equals(recorded, 4, 24, sent, 4, 24)
                && Arrays.equals(recorded, 24, 28, new byte[4], 0, 4)) {
            return true;
        }
        if (recorded.length >= 2 && recorded[0] == 0 && (recorded[1] == 0x08 || recorded.length == 2 && recorded[1] == 0x07)) {
            return sent.length >= 2 && sent[0] == 0 && sent[1] == recorded[1];
        }
        return Arrays.equals(recorded, sent);
    }

    private void hostFrame(byte[] frame) {
        for (int i = cursor; i < events.size(); i++) {
            Trace.Event e = events.get(i);
            if (e.kind() == Trace.Kind.TO_CHIP && matches(e.payload(), frame)) {
                int j = i + 1;
                for (; j < events.size() && events.get(j).kind() != Trace.Kind.TO_CHIP; j++) {
                    if (events.get(j).kind() == Trace.Kind.FROM_CHIP) {
                        pending.writeBytes(Slip.encode(events.get(j).payload()));
                    }
                }
                cursor = j;
                return;
            }
        }
        unmatched.add(HexFormat.ofDelimiter(" ").formatHex(frame));
    }

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.values());
    }

    @Override
    public synchronized void write(byte[] data, int off, int len) {
        decoder.feed(data, off, len);
    }

    @Override
    public void setBaudRate(int baud) {
        this.baud = baud;
        bauds.add(baud);
    }

    @Override
    public int baudRate() {
        return baud;
    }
}
