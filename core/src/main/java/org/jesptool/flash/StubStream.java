package org.jesptool.flash;

import java.io.IOException;
import org.jesptool.flash.WritePlanner.PlannedFile;
import org.jesptool.loader.Loader;

/**
 * Writes a run of consecutive 64 KiB units of a file to the flasher stub as one compressed stream, compressed
 * while it goes out and cut into blocks by a {@link StubBlockPlanner}.
 */
final class StubStream {

    /** The stream broke off; the units before {@link #resumeUnit} are in flash (not yet verified). */
    static final class Broken extends Exception {
        private static final long serialVersionUID = 1L;
        final int resumeUnit;

        Broken(int resumeUnit, IOException cause) {
            super(cause.getMessage(), cause);
            this.resumeUnit = resumeUnit;
        }

        IOException cause() {
            return (IOException) getCause();
        }
    }

    /** Compressed bytes a stream may hold ahead of the sender (the compressor waits beyond). */
    static final int STREAM_WINDOW = 256 * 1024;

    private StubStream() {
    }

    /**
     * Sends units {@code [first, end)} of the file; returns once the stub has acknowledged every block.
     *
     * @param doneBefore the counter's raw bytes done before unit {@code first}
     */
    static void send(Loader loader, FileState fs, int first, int end, SegmentEncoder encoder, WriteCounter counter,
            long doneBefore, boolean flushFirst, ProgressListener listener) throws Broken {
        PlannedFile pf = fs.file;
        long base = pf.address() & 0xFFFFFFFFL;
        long start = fs.bounds.get(first).start();
        long stop = fs.bounds.get(end - 1).end();
        int rawLength = (int) (stop - start);
        int maxBlock = loader.flashWriteSize();
        // the planner reads up to two blocks past the last cut it gave: the window must hold more than that
        DeflateStream stream = encoder.stream(pf.data(), (int) (start - base), (int) (stop - base),
                Math.max(STREAM_WINDOW, 4 * maxBlock));
        StubBlockPlanner planner = new StubBlockPlanner(stream, start, maxBlock, loader.baudRate(),
                !loader.isOwnStub());
        encoder.plan(planner);
        StubBlockPlanner.Cut acked = null; // the last block the stub acknowledged
        try {
            if (flushFirst) {
                flushInflateBuffer(loader, (int) start);
            }
            // The stub uses blocks x block size only to tell whether more input follows; blocks here vary in
            // size and their number is known only at the end, so declare enough for the largest zlib stream.
            loader.flashDeflBegin(rawLength, declaredBlocks(rawLength, maxBlock), maxBlock, (int) start,
                    pf.encrypted());
            long previousRaw = 0;
            int seq = 0;
            for (StubBlockPlanner.Cut cut; (cut = planner.take()).len() > 0; seq++) {
                long raw = cut.rawEnd() - cut.rawStart();
                byte[] block = stream.bytes(cut.pos(), cut.pos() + cut.len());
                stream.release(cut.pos() + cut.len());
                BlockSender.send(loader, BlockSender.Kind.DEFLATED, block, seq,
                        BlockSender.compressedTimeout(Math.max(raw, previousRaw)));
                acked = cut;
                previousRaw = raw;
                counter.wire += cut.len();
                counter.done = doneBefore + Math.min(rawLength, cut.rawEnd());
                listener.progressed(counter.progress());
            }
            // the last block may take long (a few KiB can inflate to megabytes of 0xFF to erase and program):
            // wait for it here, with its own timeout, rather than fail the next command's default one
            loader.awaitIdle(BlockSender.compressedTimeout(previousRaw));
        } catch (RuntimeException e) {
            stream.cancel();
            throw e;
        } catch (IOException e) {
            stream.cancel();
            // Once a block is acknowledged the stub has inflated everything before it and programmed all but
            // what waits in its 32 KiB inflate buffer.
            long written = acked == null ? 0 : Math.max(0, acked.rawStart() - (StubBlockPlanner.INFLATE_BUFFER - 1));
            int u = first;
            while (u < end && fs.bounds.get(u).end() <= start + written) {
                u++;
            }
            throw new Broken(u, e);
        }
    }

    /** Raw size of the throwaway stream that empties the stub's inflate buffer. */
    private static final int FLUSH_SIZE = 4096;

    /**
     * Empties the stub's inflate buffer after a stream broke off on it: the stub keeps what it inflated but did
     * not write yet and would write it ahead of the next stream's bytes (its buffer is only emptied when
     * written). A throwaway 4 KiB stream at {@code address}, which the next stream erases and writes again,
     * takes it out (its write is cut to 4 KiB; a "too much data" it may leave is cleared by the next BEGIN).
     */
    static void flushInflateBuffer(Loader loader, int address) throws IOException {
        byte[] fill = new byte[FLUSH_SIZE];
        java.util.Arrays.fill(fill, (byte) 0xFF);
        byte[] z = SegmentEncoder.deflate(fill);
        loader.flashDeflBegin(FLUSH_SIZE, 1, loader.flashWriteSize(), address, false);
        BlockSender.send(loader, BlockSender.Kind.DEFLATED, z, 0, BlockSender.compressedTimeout(FLUSH_SIZE));
        loader.awaitIdle(BlockSender.compressedTimeout(StubBlockPlanner.INFLATE_BUFFER));
    }

    /** Blocks of {@code maxBlock} bytes that hold zlib's worst case for {@code rawLength} bytes. */
    static int declaredBlocks(int rawLength, int maxBlock) {
        long bound = DeflateStream.bound(rawLength);
        return (int) ((bound + maxBlock - 1) / maxBlock);
    }
}
