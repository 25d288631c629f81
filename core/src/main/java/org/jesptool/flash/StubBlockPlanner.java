package org.jesptool.flash;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Chooses where to cut one compressed stream into FLASH_DEFL_DATA blocks for the flasher stub.
 *
 * <p>It predicts the stub from how the esptool flasher stub writes: it acknowledges a block as soon as the block
 * has arrived, then inflates it into a 32 KiB buffer; at the start of every inflate step it starts the next erase
 * of the stream if the flash chip is idle (erase-ahead, without waiting for it), and each time the buffer fills it
 * waits for the chip and programs the buffer. The host cannot send a block before the previous one is
 * acknowledged, so the line stalls whenever the stub works on a block longer than the next block takes on the
 * wire. That happens to a full 16 KiB block that starts a fresh 64 KiB erase and then fills the buffer: erase
 * plus programming take about 200 ms against 180 ms for the next block at 921600 baud.
 *
 * <p>With typical NOR timings (datasheet "typ": 64 KiB erase 150 ms, 4 KiB erase 45 ms, 0.4 ms per 256-byte
 * page) and the link's baud rate, the planner picks for each block the length (in 1 KiB steps up to the
 * loader's block size) that gives the best predicted throughput over that block and the next one, averaged
 * over chip timings a little earlier and later than modelled: often a shorter block just before a buffer
 * fill, so that the fill's programming waits on an erase started earlier.
 * It only moves block boundaries; the bytes and their order stay the same, so a wrong prediction costs speed,
 * never correctness.
 *
 * <p>JEsptool's own stub needs no prediction ({@code predict} false): it erases only just ahead of the data,
 * between blocks, and programs each sector as it comes in, so full blocks keep the line busiest. Only the
 * stream's end is tapered (a block of up to 4 KiB, then one of up to 1 KiB) so that what the stub still has
 * to program after the last block, before it answers the END, is small.
 */
final class StubBlockPlanner implements Runnable {

    /**
     * One planned block: compressed bytes {@code [pos, pos + len)}, which inflate to raw bytes
     * {@code [rawStart, rawEnd)} of the stream (approximately, between profile steps); {@code len} 0 ends the plan.
     */
    record Cut(int pos, int len, long rawStart, long rawEnd) {
    }

    private final java.util.concurrent.BlockingQueue<Object> cuts = new java.util.concurrent.LinkedBlockingQueue<>();

    static final int INFLATE_BUFFER = 32768;
    private static final int SECTOR = 4096;
    private static final int SECTORS_PER_BLOCK = 16;
    private static final int PAGE = 256;
    private static final double BLOCK_ERASE_S = 0.150;
    private static final double SECTOR_ERASE_S = 0.045;
    private static final double PAGE_PROGRAM_S = 0.0004;
    /** Reply latency of the stub and the serial bridge, and host turnaround. */
    private static final double REPLY_LATENCY_S = 0.0012;
    /** SLIP-framed reply to a DATA block: 8 header + 2 status bytes and two delimiters. */
    private static final int REPLY_BYTES = 12;
    /** SLIP-framed request around the data: 8 header + 16 data header bytes and two delimiters. */
    private static final int REQUEST_OVERHEAD = 26;
    private static final int STEP = 1024;
    private static final int LOOKAHEAD = 2;
    private static final int PROFILE_STEP = 64;
    /**
     * The model is never exact (host and bridge delays, erase times vary by chip), so each candidate is scored
     * with the flash chip idle this much earlier or later than predicted, and the average counts: a cut that
     * only wins when the timing is exactly as modelled loses as soon as it is not.
     */
    private static final double[] CHIP_SHIFTS_S = {-0.020, -0.010, 0, 0.010, 0.020};

    private final DeflateStream stream;
    private final long address;
    private final int maxBlock;
    private final double bitTime;
    private final boolean timed;
    private final boolean predict;

    // inflate profile: output produced, and SLIP escapes, after each PROFILE_STEP input bytes
    private final Inflater inflater = new Inflater();
    private final byte[] scratch = new byte[65536];
    private int[] produced = new int[1024];
    private int[] escapes = new int[1024];
    private int profiled; // profile entries (entry i describes input [0, i * PROFILE_STEP))
    private int fed;
    private int end = -1; // compressed length once known

    private final State state;

    /**
     * @param stream the compressed stream
     * @param address flash offset where the stream's raw data starts
     * @param maxBlock the loader's largest block
     * @param baud the link's baud rate
     * @param predict cut by the model of esptool's stub (else: full blocks, tapered at the end)
     */
    StubBlockPlanner(DeflateStream stream, long address, int maxBlock, int baud, boolean predict) {
        this.stream = stream;
        this.predict = predict;
        this.address = address;
        this.maxBlock = maxBlock;
        this.timed = baud > 0;
        this.bitTime = 10.0 / Math.max(1, baud);
        long firstSector = address / SECTOR;
        long sectors = ((address % SECTOR) + stream.rawLength() + SECTOR - 1) / SECTOR;
        this.state = new State(firstSector, sectors);
        profiled = 1; // entry 0: nothing in, nothing out
    }

    /**
     * Plans the whole stream ahead of the sender (the plan does not depend on what the line does), block by
     * block, for {@link #take}.
     */
    @Override
    public void run() {
        try {
            int pos = 0;
            for (int len; (len = next(pos)) > 0; pos += len) {
                long rawStart = outputAt(pos);
                sent(pos, len);
                cuts.add(new Cut(pos, len, rawStart, outputAt(pos + len)));
            }
            cuts.add(new Cut(pos, 0, stream.rawLength(), stream.rawLength()));
        } catch (RuntimeException e) {
            cuts.add(e);
        } catch (Error e) {
            cuts.add(new IllegalStateException("planning blocks failed", e));
        } finally {
            inflater.end();
        }
    }

    /** The next planned block (waits for it). */
    Cut take() {
        Object o;
        try {
            o = cuts.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while planning blocks", e);
        }
        if (o instanceof RuntimeException e) {
            throw e;
        }
        return (Cut) o;
    }

    /** Length of the block that starts at compressed offset {@code pos} (0 when the stream has ended there). */
    private int next(int pos) {
        int avail = extendProfile(pos + LOOKAHEAD * maxBlock);
        if (avail <= pos) {
            return 0;
        }
        if (!predict) {
            return end >= 0 ? tapered(avail - pos, maxBlock) : maxBlock;
        }
        if (!timed) {
            return Math.min(maxBlock, avail - pos); // no baud rate to model (e.g. a USB or TCP link): full blocks
        }
        double bestScore = Double.MAX_VALUE;
        int best = Math.min(maxBlock, avail - pos);
        int previous = -1;
        for (int c = maxBlock; c >= STEP; c -= STEP) {
            int len = Math.min(c, avail - pos);
            if (len == previous) {
                continue;
            }
            previous = len;
            double score = 0;
            for (double shift : CHIP_SHIFTS_S) {
                State s = state.copy();
                s.chip += shift;
                double t0 = s.host;
                int p = pos;
                int sent = 0;
                for (int j = 0; j < LOOKAHEAD && p < avail; j++) {
                    int l = j == 0 ? len : Math.min(maxBlock, avail - p);
                    simulate(s, p, p + l);
                    p += l;
                    sent += l;
                }
                score += (s.host - t0) / sent;
            }
            if (score < bestScore - 1e-12) {
                bestScore = score;
                best = len;
            }
        }
        return best;
    }

    /** Last block of up to 1 KiB, the one before it up to 5 KiB, then full blocks. */
    static int tapered(int left, int maxBlock) {
        if (left <= TAIL) {
            return left;
        }
        if (left <= TAIL + TAPER + TAIL) {
            return left - TAIL;
        }
        return Math.min(maxBlock, left - TAPER - TAIL);
    }

    private static final int TAIL = 1024;
    private static final int TAPER = 4096;

    /** Records that the block {@code [pos, pos + len)} was sent. */
    private void sent(int pos, int len) {
        extendProfile(pos + len);
        simulate(state, pos, pos + len);
    }

    /** Raw bytes produced by the compressed bytes {@code [0, pos)} (approximate between profile steps). */
    private long outputAt(int pos) {
        int i = Math.min(profiled - 1, pos / PROFILE_STEP);
        if (end >= 0 && pos >= end) {
            return stream.rawLength();
        }
        return produced[i];
    }

    // ---------------------------------------------------------------- model of the stub and the flash chip

    private static final class State {
        double host; // when the host can send the next block
        double cpu; // when the stub has finished the previous block
        double chip; // when the flash chip is idle
        long nextEraseSector;
        long eraseSectorsLeft;
        long flushed; // raw bytes programmed (or handed to the chip)

        State(long firstSector, long sectors) {
            nextEraseSector = firstSector;
            eraseSectorsLeft = sectors;
        }

        State copy() {
            State s = new State(nextEraseSector, eraseSectorsLeft);
            s.host = host;
            s.cpu = cpu;
            s.chip = chip;
            s.flushed = flushed;
            return s;
        }
    }

    private void simulate(State s, int from, int to) {
        int frame = REQUEST_OVERHEAD + (to - from) + escapesBetween(from, to);
        double arrival = s.host + frame * bitTime;
        double t = Math.max(arrival, s.cpu) + REPLY_LATENCY_S;
        s.host = t + REPLY_BYTES * bitTime;
        long outTo = outputAt(to);
        int pos = from;
        while (true) {
            if (pos < to) {
                eraseIfIdle(s, t);
            }
            long fill = s.flushed + INFLATE_BUFFER;
            if (fill > outTo || fill > stream.rawLength()) {
                break;
            }
            t = write(s, t, INFLATE_BUFFER);
            pos = Math.max(pos, positionOf(fill, from, to));
            if (pos >= to) {
                break;
            }
        }
        if (end >= 0 && to >= end && s.flushed < stream.rawLength()) {
            t = write(s, t, stream.rawLength() - s.flushed); // the rest, when the stream is done
        }
        s.cpu = t;
    }

    private void eraseIfIdle(State s, double t) {
        if (s.eraseSectorsLeft > 0 && s.chip <= t) {
            startErase(s, t);
        }
    }

    private static void startErase(State s, double t) {
        boolean block = s.eraseSectorsLeft >= SECTORS_PER_BLOCK && s.nextEraseSector % SECTORS_PER_BLOCK == 0;
        s.chip = Math.max(t, s.chip) + (block ? BLOCK_ERASE_S : SECTOR_ERASE_S);
        long n = block ? SECTORS_PER_BLOCK : 1;
        s.eraseSectorsLeft -= n;
        s.nextEraseSector += n;
    }

    private double write(State s, double t, long len) {
        long lastSector = (address + s.flushed + len) / SECTOR;
        while (s.eraseSectorsLeft > 0 && s.nextEraseSector <= lastSector) {
            t = Math.max(t, s.chip);
            startErase(s, t);
        }
        t = Math.max(t, s.chip) + ((len + PAGE - 1) / PAGE) * PAGE_PROGRAM_S;
        s.chip = t;
        s.flushed += len;
        return t;
    }

    /** First profiled input position in {@code [from, to]} after which {@code level} raw bytes exist. */
    private int positionOf(long level, int from, int to) {
        int lo = from / PROFILE_STEP;
        int hi = Math.min(profiled - 1, (to + PROFILE_STEP - 1) / PROFILE_STEP);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (produced[mid] >= level) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return Math.min(to, Math.max(from, lo * PROFILE_STEP));
    }

    private int escapesBetween(int from, int to) {
        int a = Math.min(profiled - 1, from / PROFILE_STEP);
        int b = Math.min(profiled - 1, to / PROFILE_STEP);
        return escapes[b] - escapes[a];
    }

    /** Profiles the stream up to compressed offset {@code want}; returns the bytes available there. */
    private int extendProfile(int want) {
        int avail = stream.await(want);
        if (avail < want) {
            end = avail;
        }
        while (fed < avail && (fed + PROFILE_STEP <= avail || end >= 0)) {
            int n = Math.min(PROFILE_STEP, avail - fed);
            byte[] chunk = stream.bytes(fed, fed + n);
            int esc = 0;
            for (byte b : chunk) {
                if (b == (byte) 0xC0 || b == (byte) 0xDB) {
                    esc++;
                }
            }
            inflater.setInput(chunk);
            try {
                while (!inflater.needsInput() && !inflater.finished()) {
                    inflater.inflate(scratch);
                }
            } catch (DataFormatException e) {
                throw new IllegalStateException("own deflate output does not inflate", e);
            }
            fed += n;
            if (profiled == produced.length) {
                produced = Arrays.copyOf(produced, profiled * 2);
                escapes = Arrays.copyOf(escapes, profiled * 2);
            }
            produced[profiled] = (int) inflater.getBytesWritten();
            escapes[profiled] = escapes[profiled - 1] + esc;
            profiled++;
        }
        return avail;
    }
}
