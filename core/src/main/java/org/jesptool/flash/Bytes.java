package org.jesptool.flash;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The bytes of a planned write, read in slices: a file's bytes, possibly with 0xFF before (a start widened to a
 * sector) and after (padding), so a large file is never copied whole to be padded.
 */
abstract class Bytes {
    private static final int STEP = 0x10000;

    /** Number of bytes. */
    abstract int length();

    /** Copies {@code [pos, pos + count)} into {@code dst} from {@code off}. */
    abstract void copy(int pos, byte[] dst, int off, int count);

    static Bytes of(byte[] data) {
        return new Bytes() {
            @Override
            int length() {
                return data.length;
            }

            @Override
            void copy(int pos, byte[] dst, int off, int count) {
                System.arraycopy(data, pos, dst, off, count);
            }
        };
    }

    static Bytes of(FlashFile file) {
        return new Bytes() {
            @Override
            int length() {
                return file.length();
            }

            @Override
            void copy(int pos, byte[] dst, int off, int count) {
                file.readBytes(pos, dst, off, count);
            }
        };
    }

    /** {@code inner} after {@code head} bytes of 0xFF, followed by 0xFF up to {@code total} bytes. */
    static Bytes padded(Bytes inner, int head, int total) {
        if (head == 0 && total == inner.length()) {
            return inner;
        }
        return new Bytes() {
            @Override
            int length() {
                return total;
            }

            @Override
            void copy(int pos, byte[] dst, int off, int count) {
                int end = pos + count;
                int from = Math.max(pos, head);
                int to = Math.min(end, head + inner.length());
                if (from >= to) {
                    Arrays.fill(dst, off, off + count, (byte) 0xFF);
                    return;
                }
                Arrays.fill(dst, off, off + from - pos, (byte) 0xFF);
                inner.copy(from - head, dst, off + from - pos, to - from);
                Arrays.fill(dst, off + to - pos, off + count, (byte) 0xFF);
            }
        };
    }

    /** Bytes {@code [from, to)} in a new array. */
    final byte[] slice(int from, int to) {
        byte[] out = new byte[to - from];
        copy(from, out, 0, out.length);
        return out;
    }

    /** All bytes in one array (for small data only: a bootloader to patch). */
    final byte[] toArray() {
        return slice(0, length());
    }

    /** MD5 of all bytes. */
    final byte[] md5() {
        return md5(0, length());
    }

    /** MD5 of {@code [from, from + count)}, read in 64 KiB steps. */
    final byte[] md5(int from, int count) {
        MessageDigest md = Md5.digest();
        byte[] buf = new byte[Math.max(0, Math.min(STEP, count))];
        for (int done = 0; done < count; done += buf.length) {
            int n = Math.min(buf.length, count - done);
            copy(from + done, buf, 0, n);
            md.update(buf, 0, n);
        }
        return md.digest();
    }
}
