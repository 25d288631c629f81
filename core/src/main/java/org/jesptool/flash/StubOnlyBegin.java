package org.jesptool.flash;

import java.io.IOException;
import org.jesptool.command.LoaderException;
import org.jesptool.loader.Loader;

/**
 * A plain FLASH_BEGIN meant for the stub, on a chip whose ROM takes that command too but erases past the data
 * (the ESP8266 erase-size bug). Should the chip be reset just before it, the ROM would erase flash outside the
 * write. The stub is asked for the MD5 of nothing, which only the stub answers, before and after the BEGIN:
 * <ul>
 * <li>the ROM answering before means the chip was reset already; that is a lost link, and nothing was erased;
 * <li>the stub answering after means no reset came between the two questions, so the stub took the BEGIN;
 * <li>anything else means the ROM may have taken it: {@link MayHaveErased} names the flash it may have erased.
 * </ul>
 */
final class StubOnlyBegin {

    /** Questions after the BEGIN before the stub counts as gone (a noisy line may lose one or two). */
    static final int CHECKS = 3;

    private StubOnlyBegin() {
    }

    /** The FLASH_BEGIN itself. */
    interface Begin {
        void run() throws IOException;
    }

    /** The ROM may have taken a FLASH_BEGIN meant for the stub and erased {@code [start, end)}. */
    static final class MayHaveErased extends IOException {
        private static final long serialVersionUID = 1L;
        final long start;
        final long end;

        MayHaveErased(long start, long end, IOException beginFailure) {
            super(String.format("the chip may have been reset just before FLASH_BEGIN, whose erase size its ROM reads "
                    + "differently: flash 0x%08x-0x%08x may have been erased", start, end - 1), beginFailure);
            this.start = start;
            this.end = end;
        }
    }

    /**
     * Runs {@code begin} for {@code size} bytes at {@code address}; {@code romExtent} is how many bytes from the
     * address's sector the ROM would erase for that BEGIN.
     */
    static void run(Loader loader, long address, long romExtent, Begin begin) throws IOException {
        loader.flashMd5(0, 0); // the ROM's "unsupported" reply is a lost link: nothing was erased
        IOException failed = null;
        try {
            begin.run();
        } catch (IOException e) {
            failed = e;
        }
        if (!stubAnswers(loader)) {
            long start = address & ~0xFFFL;
            throw new MayHaveErased(start, (start + romExtent + 0xFFF) & ~0xFFFL, failed);
        }
        if (failed != null) {
            throw failed;
        }
    }

    private static boolean stubAnswers(Loader loader) {
        for (int i = 0; i < CHECKS; i++) {
            try {
                loader.flashMd5(0, 0);
                return true;
            } catch (LoaderException e) {
                return e.fromStub(); // an error from the stub still says it runs
            } catch (IOException e) {
                // no answer, or a damaged one: ask again
            }
        }
        return false;
    }
}
