package org.jesptool.flash;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jesptool.transport.ForwardingTransport;
import org.jesptool.transport.Transport;

/**
 * Sits between the host stack and the virtual device and damages traffic on cue: the cue is the n-th
 * FLASH_DATA / FLASH_DEFL_DATA frame the host sends (counted from 0), or of the command {@link #cueOpcode}.
 */
final class FaultyTransport extends ForwardingTransport {

    /** What happens at the cue. */
    enum Fault {
        /** One byte in the middle of the data frame is lost. */
        DROP_HOST_BYTE,
        /** One byte in the middle of the data frame is changed. */
        CORRUPT_HOST_BYTE,
        /** The chip's reply to the data frame loses a byte. */
        DROP_CHIP_BYTE,
        /** Nothing arrives from the chip for {@link #stallMillis}; what it sent meanwhile is lost. */
        STALL,
        /** The chip is reset (EN pulsed) just before the data frame: the stub is gone. */
        RESET,
        /** The link goes down for good: writes and reads fail until the test heals it. */
        UNPLUG
    }

    private final Fault fault;
    private final int cue;
    private final AtomicInteger dataFrames = new AtomicInteger();
    long stallMillis = 4000;
    /** How many data frames in a row, from the cue on, get the fault. */
    int repeat = 1;
    /** When set, the cue counts the frames of this command instead of the data frames. */
    int cueOpcode = -1;
    private volatile long stallUntil;
    private volatile boolean dropNextChipByte;
    volatile boolean unplugged;
    volatile int faultsInjected;

    FaultyTransport(Transport inner, Fault fault, int cue) {
        super(inner);
        this.fault = fault;
        this.cue = cue;
    }

    /** Every command frame the host sent, in order: "op" in hex, and "op#seq" for data frames. */
    final java.util.List<String> sent = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    private void record(byte[] d, int off, int len) {
        if (len < 3 || (d[off] & 0xFF) != 0xC0) {
            return;
        }
        java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
        for (int i = off + 1; i < off + len && frame.size() < 16; i++) {
            int b = d[i] & 0xFF;
            if (b == 0xDB && i + 1 < off + len) {
                b = (d[++i] & 0xFF) == 0xDC ? 0xC0 : 0xDB;
            }
            frame.write(b);
        }
        byte[] f = frame.toByteArray();
        if (f.length < 2 || f[0] != 0) {
            return;
        }
        String op = Integer.toHexString(f[1] & 0xFF);
        boolean data = f[1] == 0x03 || f[1] == 0x11;
        sent.add(data && f.length >= 16 ? op + "#" + ((f[12] & 0xFF) | (f[13] & 0xFF) << 8 | (f[14] & 0xFF) << 16
                | (f[15] & 0xFF) << 24) : op);
    }

    private static boolean isDataFrame(byte[] d, int off, int len) {
        return isFrame(d, off, len, 0x03) || isFrame(d, off, len, 0x11);
    }

    /** Whether the write starts a request frame of command {@code op}. */
    private static boolean isFrame(byte[] d, int off, int len, int op) {
        return len > 3 && (d[off] & 0xFF) == 0xC0 && d[off + 1] == 0 && d[off + 2] == op;
    }

    @Override
    public void write(byte[] data, int off, int len) throws IOException {
        if (unplugged) {
            throw new IOException("device disconnected");
        }
        record(data, off, len);
        boolean cued = cueOpcode < 0 ? isDataFrame(data, off, len) : isFrame(data, off, len, cueOpcode);
        int n = cued ? dataFrames.getAndIncrement() : -1;
        if (n >= cue && n < cue + repeat) {
            faultsInjected++;
            byte[] copy = java.util.Arrays.copyOfRange(data, off, off + len);
            int mid = len / 2;
            switch (fault) {
                case DROP_HOST_BYTE -> {
                    byte[] shorter = new byte[len - 1];
                    System.arraycopy(copy, 0, shorter, 0, mid);
                    System.arraycopy(copy, mid + 1, shorter, mid, len - mid - 1);
                    inner.write(shorter, 0, shorter.length);
                    return;
                }
                case CORRUPT_HOST_BYTE -> {
                    copy[mid] = (byte) (copy[mid] == 0x55 ? 0x56 : 0x55);
                    inner.write(copy, 0, len);
                    return;
                }
                case DROP_CHIP_BYTE -> dropNextChipByte = true;
                case STALL -> stallUntil = System.currentTimeMillis() + stallMillis;
                case RESET -> {
                    inner.setRts(true);
                    sleep(100);
                    inner.setRts(false);
                    sleep(50);
                }
                case UNPLUG -> {
                    unplugged = true;
                    throw new IOException("device disconnected");
                }
                default -> throw new IllegalStateException();
            }
        }
        inner.write(data, off, len);
    }

    @Override
    public int read(byte[] buf, int off, int len, long timeoutMillis) throws IOException {
        if (unplugged) {
            throw new IOException("device disconnected");
        }
        long now = System.currentTimeMillis();
        if (now < stallUntil) {
            long wait = Math.min(timeoutMillis, stallUntil - now);
            sleep(wait);
            if (System.currentTimeMillis() < stallUntil) {
                return 0;
            }
            inner.discardInput(); // what the chip sent during the stall is lost
            return 0;
        }
        int n = inner.read(buf, off, len, timeoutMillis);
        if (n > 1 && dropNextChipByte) {
            dropNextChipByte = false;
            System.arraycopy(buf, off + n / 2 + 1, buf, off + n / 2, n - n / 2 - 1);
            return n - 1;
        }
        return n;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(0, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
