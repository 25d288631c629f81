package org.jesptool.image.hex;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jesptool.image.ImageException;

/**
 * Intel HEX reading and writing. Reading checks every record's checksum and refuses overlapping data; the
 * result is a list of contiguous {@link Chunk}s in address order. Writing produces the same text as the
 * Python {@code intelhex} package used by the reference: 16 data bytes per record, upper-case hex, an extended
 * linear address record whenever the upper 16 address bits change (only when data lies above 64 KiB), LF line
 * ends and a final {@code :00000001FF}.
 */
public final class IntelHex {
    /** A contiguous run of bytes at an absolute address. */
    public record Chunk(long address, byte[] data) {
        public long end() {
            return address + data.length;
        }
    }

    private IntelHex() {
    }

    /** Whether the bytes look like Intel HEX (the reference tests for a leading ':'). */
    public static boolean looksLikeHex(byte[] bytes) {
        return bytes.length > 0 && bytes[0] == ':';
    }

    /**
     * A malformed Intel HEX record (bad syntax, digits, length, checksum or record type). The reference then
     * takes the file for raw data instead; see {@link #readIfHex}.
     */
    public static final class RecordError extends ImageException {
        private static final long serialVersionUID = 1L;

        RecordError(String message) {
            super(message);
        }
    }

    /**
     * The contiguous parts of {@code bytes} when it is Intel HEX, or null when it is raw data: it does not
     * start with ':' or its records are malformed (the reference's fallback). Overlapping data is an error.
     */
    public static List<Chunk> readIfHex(byte[] bytes, String source) {
        if (!looksLikeHex(bytes)) {
            return null;
        }
        try {
            return read(bytes, source);
        } catch (RecordError e) {
            return null;
        }
    }

    /**
     * Parses Intel HEX text.
     *
     * @param source names the file in error messages
     * @throws ImageException naming the file and line of a malformed record, a bad checksum or overlapping data
     */
    public static List<Chunk> read(byte[] bytes, String source) {
        List<Chunk> runs = new ArrayList<>();
        List<String> runWhere = new ArrayList<>();
        String currentWhere = null;
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        long runStart = -1;
        long runEnd = -1;
        long base = 0;
        boolean eof = false;
        int line = 0;
        int pos = 0;
        byte[] rec = new byte[261];
        while (pos < bytes.length) {
            int lineEnd = pos;
            while (lineEnd < bytes.length && bytes[lineEnd] != '\n' && bytes[lineEnd] != '\r') {
                lineEnd++;
            }
            line++;
            int a = pos;
            int b = lineEnd;
            pos = lineEnd < bytes.length && bytes[lineEnd] == '\r' && lineEnd + 1 < bytes.length
                    && bytes[lineEnd + 1] == '\n' ? lineEnd + 2 : lineEnd + 1;
            while (a < b && bytes[a] <= ' ') {
                a++;
            }
            while (b > a && bytes[b - 1] <= ' ') {
                b--;
            }
            if (a == b) {
                continue;
            }
            String where = source + " line " + line;
            if (eof) {
                break; // like the reference's reader, nothing after the end-of-file record is read
            }
            int chars = b - a - 1;
            if (bytes[a] != ':' || chars < 10 || chars % 2 != 0 || chars / 2 > rec.length) {
                throw new RecordError(where + ": not an Intel HEX record");
            }
            int n = chars / 2;
            int sum = 0;
            for (int i = 0; i < n; i++) {
                int hi = Character.digit(bytes[a + 1 + 2 * i], 16);
                int lo = Character.digit(bytes[a + 2 + 2 * i], 16);
                if (hi < 0 || lo < 0) {
                    throw new RecordError(where + ": invalid hex digits in record");
                }
                rec[i] = (byte) (hi << 4 | lo);
                sum += rec[i] & 0xFF;
            }
            int len = rec[0] & 0xFF;
            if (n != len + 5) {
                throw new RecordError(where + ": record length " + len + " does not match the line");
            }
            if ((sum & 0xFF) != 0) {
                int stored = rec[n - 1] & 0xFF;
                int expected = (stored - sum) & 0xFF;
                throw new RecordError(String.format("%s: record checksum is 0x%02X, expected 0x%02X", where,
                        stored, expected));
            }
            int offset = ((rec[1] & 0xFF) << 8) | (rec[2] & 0xFF);
            int type = rec[3] & 0xFF;
            switch (type) {
                case 0 -> {
                    if (len == 0) {
                        break;
                    }
                    long addr = base + offset;
                    if (addr != runEnd) {
                        if (runStart >= 0) {
                            runs.add(new Chunk(runStart, current.toByteArray()));
                            runWhere.add(currentWhere);
                            current.reset();
                        }
                        runStart = addr;
                        currentWhere = where;
                    }
                    current.write(rec, 4, len);
                    runEnd = addr + len;
                }
                case 1 -> eof = true;
                case 2 -> base = (long) (((rec[4] & 0xFF) << 8) | (rec[5] & 0xFF)) << 4;
                case 4 -> base = (long) (((rec[4] & 0xFF) << 8) | (rec[5] & 0xFF)) << 16;
                case 3, 5 -> {
                    // start address records carry no data
                }
                default -> throw new RecordError(where + ": unknown record type " + type);
            }
        }
        if (runStart >= 0) {
            runs.add(new Chunk(runStart, current.toByteArray()));
            runWhere.add(currentWhere);
        }
        TreeMap<Long, byte[]> records = new TreeMap<>();
        for (int i = 0; i < runs.size(); i++) {
            Chunk c = runs.get(i);
            checkOverlap(records, c.address(), c.data().length, runWhere.get(i));
            records.put(c.address(), c.data());
        }
        return coalesce(records);
    }

    private static void checkOverlap(TreeMap<Long, byte[]> records, long addr, int length, String where) {
        Map.Entry<Long, byte[]> below = records.floorEntry(addr + length - 1);
        if (below != null && below.getKey() + below.getValue().length > addr) {
            throw new ImageException(String.format("%s: data at address 0x%x overlaps other data", where,
                    Math.max(addr, below.getKey())));
        }
    }

    private static List<Chunk> coalesce(TreeMap<Long, byte[]> records) {
        List<Chunk> chunks = new ArrayList<>();
        ByteArrayOutputStream current = null;
        long start = 0;
        long end = 0;
        for (Map.Entry<Long, byte[]> e : records.entrySet()) {
            if (current != null && e.getKey() == end) {
                current.writeBytes(e.getValue());
            } else {
                if (current != null) {
                    chunks.add(new Chunk(start, current.toByteArray()));
                }
                current = new ByteArrayOutputStream();
                current.writeBytes(e.getValue());
                start = e.getKey();
            }
            end = e.getKey() + e.getValue().length;
        }
        if (current != null) {
            chunks.add(new Chunk(start, current.toByteArray()));
        }
        return chunks;
    }

    /**
     * Writes chunks (non-overlapping; touching chunks are joined) as Intel HEX text exactly as the reference
     * does.
     */
    public static byte[] write(List<Chunk> input) {
        List<Chunk> sorted = new ArrayList<>(input);
        sorted.removeIf(c -> c.data().length == 0);
        sorted.sort((a, b) -> Long.compare(a.address(), b.address()));
        List<Chunk> chunks = new ArrayList<>();
        for (Chunk c : sorted) {
            Chunk last = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
            if (last != null && c.address() < last.end()) {
                throw new ImageException(String.format("Data at address 0x%x overlaps data ending at 0x%x",
                        c.address(), last.end()));
            }
            if (last != null && c.address() == last.end()) {
                byte[] joined = Arrays.copyOf(last.data(), last.data().length + c.data().length);
                System.arraycopy(c.data(), 0, joined, last.data().length, c.data().length);
                chunks.set(chunks.size() - 1, new Chunk(last.address(), joined));
            } else {
                chunks.add(c);
            }
        }
        StringBuilder out = new StringBuilder();
        if (!chunks.isEmpty()) {
            long max = chunks.get(chunks.size() - 1).end() - 1;
            boolean extended = max > 0xFFFF;
            long high = -1;
            for (Chunk c : chunks) {
                long pos = c.address();
                while (pos < c.end()) {
                    if (extended && (pos >> 16) != high) {
                        high = pos >> 16;
                        record(out, 0, 4, new byte[] {(byte) (high >> 8), (byte) high}, 0, 2);
                    }
                    int low = (int) (pos & 0xFFFF);
                    int n = (int) Math.min(16, Math.min(0x10000 - low, c.end() - pos));
                    record(out, low, 0, c.data(), (int) (pos - c.address()), n);
                    pos += n;
                }
            }
        }
        out.append(":00000001FF\n");
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void record(StringBuilder out, int address, int type, byte[] data, int off, int len) {
        int sum = len + (address >> 8) + (address & 0xFF) + type;
        out.append(':');
        hex2(out, len);
        hex2(out, address >> 8);
        hex2(out, address & 0xFF);
        hex2(out, type);
        for (int i = 0; i < len; i++) {
            int b = data[off + i] & 0xFF;
            sum += b;
            hex2(out, b);
        }
        hex2(out, -sum & 0xFF).append('\n');
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static StringBuilder hex2(StringBuilder out, int v) {
        return out.append(HEX[(v >> 4) & 0xF]).append(HEX[v & 0xF]);
    }
}
