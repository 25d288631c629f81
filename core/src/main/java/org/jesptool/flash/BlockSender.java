package org.jesptool.flash;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import org.jesptool.command.LoaderException;
import org.jesptool.loader.Loader;

/** One FLASH_DATA / FLASH_DEFL_DATA block with its retries, and the block timeouts. */
final class BlockSender {
    static final int BLOCK_ATTEMPTS = 3;
    static final Duration PLAIN_BLOCK_TIMEOUT = Duration.ofSeconds(3);
    private static final double ERASE_WRITE_SECONDS_PER_MB = 40;

    private BlockSender() {
    }

    /** How a block travels. */
    enum Kind {
        /** FLASH_DATA. */
        PLAIN,
        /** FLASH_DEFL_DATA. */
        DEFLATED,
        /** FLASH_ENCRYPT_DATA (flasher stub). */
        ENCRYPTED
    }

    /**
     * Sends one block, up to {@link #BLOCK_ATTEMPTS} times when the line damaged it or its reply.
     *
     * <p>A compressed block to the ROM is not sent again when its reply never came: the ROM may have taken it,
     * and it inflates whatever follows as the continuation of one stream, with nothing bounding where the output
     * goes (unlike the stub, which stops at the size it was given). A second copy would write garbage past the
     * end of the file, into flash the job must not touch. The timeout goes up instead, and the caller starts
     * the segment again with a fresh FLASH_DEFL_BEGIN.
     */
    static void send(Loader loader, Kind kind, byte[] block, int seq, Duration timeout) throws IOException {
        boolean resendAfterTimeout = kind != Kind.DEFLATED || loader.isStub();
        IOException last = null;
        for (int attempt = 1; attempt <= BLOCK_ATTEMPTS; attempt++) {
            try {
                switch (kind) {
                    case DEFLATED -> loader.flashDeflData(block, seq, timeout);
                    case ENCRYPTED -> loader.flashEncryptData(block, seq, timeout);
                    default -> loader.flashData(block, seq, timeout);
                }
                return;
            } catch (InterruptedIOException e) {
                if (!resendAfterTimeout) {
                    throw e;
                }
                last = e; // timeout: the block or its reply was lost on the line
            } catch (LoaderException e) {
                if (!isTransmissionError(e)) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    /** Errors caused by bytes damaged on the line, which a resend of the same block cures. */
    static boolean isTransmissionError(LoaderException e) {
        int code = e.code();
        return e.fromStub() ? code == 0xC0 || code == 0xC1 : code == 0x05 || code == 0x07;
    }

    /**
     * Timeout of a compressed block whose reply may wait for {@code rawBytes} of inflating, erasing and
     * programming (the stub answers a block once it has finished the previous one).
     */
    static Duration compressedTimeout(double rawBytes) {
        double seconds = Math.max(3, ERASE_WRITE_SECONDS_PER_MB * rawBytes / 1e6);
        return Duration.ofMillis((long) (Math.min(seconds, 240) * 1000));
    }
}
