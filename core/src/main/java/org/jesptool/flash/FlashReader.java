package org.jesptool.flash;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.jesptool.command.LoaderException;
import org.jesptool.loader.Loader;

/**
 * Reads flash: streamed with acknowledgements and an MD5 check through the stub, 64 bytes at a time (then
 * checked against the ROM's MD5) through the ROM loader. Resumes once after a lost link, then checks the whole
 * range against the flash MD5.
 */
final class FlashReader {
    private static final int SLOW_CHUNK = 64;
    /**
     * Packets our own stub may send ahead: eight 4 KiB packets keep the line busy while acknowledgements travel
     * back. Other stubs get the reference's 64, which they take as one packet per round trip (esptool's reader
     * falls behind with more).
     */
    static final int OWN_STUB_IN_FLIGHT = 8;
    static final int OTHER_STUB_IN_FLIGHT = 64;

    private final LoaderSession session;
    private final ChipFacts chip;
    private final ProgressListener listener;

    FlashReader(LoaderSession session, ChipFacts chip, ProgressListener listener) {
        this.session = session;
        this.chip = chip;
        this.listener = listener;
    }

    byte[] read(int offset, int length) throws FlashException {
        byte[] data = new byte[Math.max(0, length)];
        // straight into the result: a ByteArrayOutputStream would hold the read twice at the end
        OutputStream out = new OutputStream() {
            private int pos;

            @Override
            public void write(int b) {
                data[pos++] = (byte) b;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                System.arraycopy(b, off, data, pos, len);
                pos += len;
            }
        };
        readInto(offset, length, out, "flash");
        return data;
    }

    FileResult readTo(int offset, int length, Path target) throws FlashException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new FlashException("Cannot create " + target + ": the folder " + dir + " does not exist. Nothing "
                    + "was read.");
        }
        if (Files.isDirectory(target)) {
            throw new FlashException("Cannot write " + target + ": it is a folder. Nothing was read.");
        }
        Path temp;
        try {
            // createFile, not createTempFile: the result gets the usual permissions, not owner-only ones
            temp = Files.createFile(dir.resolve("." + target.getFileName() + "."
                    + Long.toHexString(System.nanoTime()) + ".part"));
        } catch (IOException e) {
            throw new FlashException("Cannot create " + target + " (" + e.getMessage() + "). Nothing was read.");
        }
        boolean done = false;
        try {
            long t0 = System.nanoTime();
            try (OutputStream out = Files.newOutputStream(temp)) {
                readInto(offset, length, out, target.toString());
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            FileResult r = new FileResult("Read", target.toString(), offset & 0xFFFFFFFFL, length, length,
                    System.nanoTime() - t0, true);
            listener.finished(r);
            return r;
        } catch (FlashException e) {
            throw e;
        } catch (IOException e) {
            throw new FlashException("Cannot write " + target + ": " + e.getMessage() + ". It was not created.", e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the temporary name makes a leftover obvious
                }
            }
        }
    }

    private void readInto(int offset, int length, OutputStream out, String name) throws FlashException {
        if (length <= 0) {
            throw new FlashException("Nothing to read: the size must be positive.");
        }
        long t0 = System.nanoTime();
        listener.started(new Progress("Reading", name, offset & 0xFFFFFFFFL, length, 0, 0, 0));
        long[] received = {0};
        // Everything saved so far: after a resume the stub's own MD5 covers only the resumed part.
        java.security.MessageDigest md = Md5.digest();
        IOException last = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            if (last != null && !session.recover(listener, last)) {
                break;
            }
            try {
                int from = (int) received[0];
                if (session.loader.isStub()) {
                    int inFlight = session.loader.isOwnStub() ? OWN_STUB_IN_FLIGHT : OTHER_STUB_IN_FLIGHT;
                    session.loader.readFlash(offset + from, length - from, inFlight, (chunk, total) -> {
                        out.write(chunk);
                        md.update(chunk);
                        received[0] = from + total;
                        listener.progressed(new Progress("Reading", name, offset & 0xFFFFFFFFL, length,
                                received[0], received[0], System.nanoTime() - t0));
                    });
                    if (attempt > 0 && !Arrays.equals(md.digest(), session.loader.flashMd5(offset, length))) {
                        throw new FlashException("Reading flash failed: after resuming, the data read does not "
                                + "match the flash MD5. Nothing was saved; run read-flash again.");
                    }
                } else {
                    readSlow(offset, length, out, name, received, md, t0);
                }
                return;
            } catch (LoaderException e) {
                throw new FlashException("Reading flash failed: " + e.getMessage() + ".", e);
            } catch (FlashException e) {
                throw e; // not the link: reconnecting would not help
            } catch (IOException e) {
                last = e;
            }
        }
        throw new FlashException(String.format("Reading flash failed at 0x%08x after %d of %d bytes: %s. Nothing "
                + "was saved; run read-flash again.", offset + received[0], received[0], length,
                last.getMessage()), last);
    }

    /** Reads on from {@code received[0]} (a resume carries on where the lost link stopped), 64 bytes a request. */
    private void readSlow(int offset, int length, OutputStream out, String name, long[] received,
            java.security.MessageDigest md, long t0) throws IOException {
        Loader loader = session.loader;
        if (!chip.romSlowRead()) {
            throw new FlashException("read-flash needs the flasher stub on " + chip.name() + ": its ROM loader "
                    + "cannot read flash. " + loader.romModeHint());
        }
        for (int pos = (int) received[0]; pos < length; pos += SLOW_CHUNK) {
            int n = Math.min(SLOW_CHUNK, length - pos);
            byte[] data = loader.readFlashSlow(offset + pos, n);
            if (data.length > n) {
                data = Arrays.copyOf(data, n);
            }
            out.write(data);
            md.update(data);
            received[0] += n;
            listener.progressed(new Progress("Reading", name, offset & 0xFFFFFFFFL, length, received[0],
                    received[0], System.nanoTime() - t0));
        }
        if (chip.romMd5() && !Arrays.equals(md.digest(), loader.flashMd5(offset, length))) {
            throw new FlashException("Reading flash failed: the data read does not match the flash MD5. Nothing "
                    + "was saved; run read-flash again.");
        }
    }
}
