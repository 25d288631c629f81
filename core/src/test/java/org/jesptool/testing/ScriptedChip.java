package org.jesptool.testing;

import java.io.ByteArrayOutputStream;
import org.jesptool.transport.Transport;

/**
 * A fake device for connect failures: prints {@code bootText} whenever EN (RTS) is released, and
 * optionally answers every write with fixed bytes. It never sends a valid reply.
 */
public final class ScriptedChip implements Transport {
    private final byte[] bootText;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
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
    public Kind kind() {
        return Kind.RFC2217;
    }

    @Override
    public synchronized int read(byte[] buf, int off, int len, long timeoutMillis) {
        byte[] p = pending.toByteArray();
        if (p.length == 0) {
            try {
                Thread.sleep(Math.min(timeoutMillis, 5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
        int n = Math.min(len, p.length);
        System.arraycopy(p, 0, buf, off, n);
        pending.reset();
        pending.write(p, n, p.length - n);
        return n;
    }

    @Override
    public synchronized void write(byte[] data, int off, int len) {
        if (answer != null) {
            pending.writeBytes(answer);
        }
    }

    @Override
    public void setDtr(boolean asserted) {
    }

    @Override
    public synchronized void setRts(boolean asserted) {
        if (rts && !asserted) {
            pending.writeBytes(bootText);
        }
        rts = asserted;
    }

    @Override
    public void setBaudRate(int baud) {
    }

    @Override
    public int baudRate() {
        return 115200;
    }

    @Override
    public synchronized void discardInput() {
        pending.reset();
    }

    @Override
    public void close() {
    }
}
