package org.jesptool.testing;

import java.util.Set;

/**
 * A fake device for connect failures: prints {@code bootText} whenever EN (RTS) is released, and
 * optionally answers every write with fixed bytes. It never sends a valid reply.
 */
public final class ScriptedChip extends QueuedTransport {
    private final byte[] bootText;
    private byte[] answer;
    private boolean rts;

    public ScriptedChip(String bootText, boolean unused) {
        this.bootText = bootText.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        pending.writeBytes(this.bootText);
    }

    public void answerEveryWriteWith(byte[] bytes) {
        this.answer = bytes;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public Set<Capability> capabilities() {
        return RecordingTransport.RFC2217;
    }

    @Override
    public synchronized void write(byte[] data, int off, int len) {
        if (answer != null) {
            pending.writeBytes(answer);
        }
    }

    @Override
    public synchronized void setRts(boolean asserted) {
        if (rts && !asserted) {
            pending.writeBytes(bootText);
        }
        rts = asserted;
    }
}
