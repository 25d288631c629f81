package org.jesptool.virtual;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What a chip's ROM prints when it boots from flash, computed from the bootloader image in flash the way
 * the ROM reads it (monitor facts 1.2 - 1.6): header checks, the {@code mode:} line, a {@code load:} line
 * per segment (with the ESP8266 and ESP32 loaders' 16-byte buffer arithmetic), the checksum and the entry.
 * Nothing is executed: the result says whether the ROM would jump to the bootloader, hang, or loop.
 */
final class RomBoot {
    /** How the ROM's flash boot ends. */
    enum End {
        /** The ROM jumps to the bootloader's entry point. */
        ENTRY,
        /** The ROM stops (after {@code ets_main.c N}); the watchdog it armed resets the chip (not on ESP8266). */
        HANG,
        /** The header is invalid: the ROM prints {@link Result#loopLine} again and again until the watchdog fires. */
        INVALID_HEADER
    }

    /** The text printed after the banner, how the boot ends and, for the invalid-header loop, its line. */
    record Result(String text, End end, String loopLine) {
    }

    private static final String[] MODES = {"QIO", "QOUT", "DIO", "DOUT", "FAST_RD", "SLOW_RD", "OPI_STR", "OPI_DTR",
        "OOUT", "OIO_STR", "OIO_DTR"};

    private final Chip chip;
    private final NorFlash flash;
    private final StringBuilder out = new StringBuilder();

    private RomBoot(Chip chip, NorFlash flash) {
        this.chip = chip;
        this.flash = flash;
    }

    /** Boots {@code chip} from {@code flash} (strap in flash-boot position). */
    static Result boot(Chip chip, NorFlash flash) {
        RomBoot r = new RomBoot(chip, flash);
        switch (chip.bootStyle) {
            case ESP8266: return r.esp8266();
            case ESP32: return r.esp32();
            default: return r.espRom();
        }
    }

    // ---------------------------------------------------------------- ESP32-S2 and later

    private Result espRom() {
        int off = chip.bootloaderOffset;
        byte[] h = read(off, 24);
        int count = h[1] & 0xFF;
        int mode = h[2] & 0xFF;
        int freq = h[3] & 0xF;
        boolean valid = (h[0] & 0xFF) == 0xE9 && count <= 32 && mode <= 10 && (freq <= 2 || freq == 0xF);
        if (!valid) {
            String line = String.format("invalid header: 0x%08x\r\n", u32(h, 0));
            if (chip.invalidHeaderRetries > 0) {
                out.append(line.repeat(chip.invalidHeaderRetries));
                return fail();
            }
            return new Result("", End.INVALID_HEADER, line);
        }
        line("SPIWP:0x%02x", h[8] & 0xFF);
        clkDrv(h, false);
        line("%s:%s, clock div:%d", chip.spiModeLine ? "SPI mode" : "mode", MODES[mode], clockDiv(freq));
        if (count > 16) {
            line("Invalid image block count: %d (max %d)", count, 16);
            return fail();
        }
        int id = u16(h, 12);
        if (id != chip.imageChipId) {
            line("Invalid chip id. Expected %d read %d. Bootloader for wrong chip?", chip.imageChipId, id);
            return fail();
        }
        long pos = off + 24;
        int sum = 0xEF;
        for (int i = 0; i < count; i++) {
            byte[] sh = read(pos, 8);
            long addr = u32(sh, 0);
            long len = u32(sh, 4);
            if (addr % 4 != 0 || len % 4 != 0 || len > 0x100000 || pos + 8 + len > flash.size()) {
                line("Invalid image block, can't boot.");
                return fail();
            }
            boolean skip = chip.skipsFlashSegments && (addr == 0 || addr >= 0x42000000L && addr + len <= 0x44000000L);
            line("%sload:0x%08x,len:0x%x", skip ? "skip " : "", addr, len);
            sum = xor(sum, pos + 8, len);
            pos += 8 + len;
        }
        long csumAt = checksumPosition(off, pos);
        int stored = read(csumAt, 1)[0] & 0xFF;
        if (stored != sum) {
            line("Checksum failure. Calculated 0x%02x stored 0x%02x", sum, stored);
            return fail();
        }
        if (h[23] == 1) {
            byte[] image = read(off, (int) (csumAt + 1 - off));
            String calculated = hex(sha256(image));
            String expected = hex(read(csumAt + 1, 32));
            if (!calculated.equals(expected)) {
                line("SHA-256 comparison failed:");
                line("Calculated: %s", calculated);
                line("Expected: %s", expected);
                line("Attempting to boot anyway...");
            }
        }
        line("entry 0x%08x", u32(h, 4));
        return new Result(out.toString(), End.ENTRY, null);
    }

    private Result fail() {
        if (chip.bootFailLine > 0) {
            line("ets_main.c %d ", chip.bootFailLine);
        }
        return new Result(out.toString(), End.HANG, null);
    }

    // ---------------------------------------------------------------- ESP32 (ROM of chip revisions 0 and 1)

    private Result esp32() {
        int off = chip.bootloaderOffset;
        byte[] h = read(off, 24);
        if ((h[0] & 0xFF) != 0xE9) {
            line("flash read err, 1000");
            line("ets_main.c %d ", chip.bootFailLine);
            return new Result(out.toString(), End.HANG, null);
        }
        line("configsip: 0, SPIWP:0x%02x", h[8] & 0xFF);
        clkDrv(h, true);
        line("mode:%s, clock div:%d", MODES[Math.min(h[2] & 0xFF, 5)], clockDiv(h[3] & 0xF));
        BufferedLoader loader = new BufferedLoader(off + 24, h[1] & 0xFF);
        while (loader.hasNext()) {
            loader.nextHeader();
            line("load:0x%08x,len:%d", loader.addr, loader.len);
            loader.consume();
        }
        int stored = loader.storedChecksum();
        if (stored != loader.sum) {
            line("csum err:0x%02x!=0x%02x", loader.sum, stored);
            line("ets_main.c %d ", chip.bootFailLine);
            return new Result(out.toString(), End.HANG, null);
        }
        line("entry 0x%08x", u32(h, 4));
        return new Result(out.toString(), End.ENTRY, null);
    }

    // ---------------------------------------------------------------- ESP8266

    private Result esp8266() {
        byte[] h = read(0, 8);
        if ((h[0] & 0xFF) != 0xE9) {
            out.append("ets_main.c ");
            return new Result(out.toString(), End.HANG, null);
        }
        BufferedLoader loader = new BufferedLoader(8, h[1] & 0xFF);
        while (loader.hasNext()) {
            loader.nextHeader();
            line("load 0x%08x, len %d, room %d ", loader.addr, loader.len, loader.room);
            loader.consume();
            line("tail %d", loader.tail);
            line("chksum 0x%02x", loader.sum);
        }
        int stored = loader.storedChecksum();
        if (stored != loader.sum) {
            line("csum err");
            line("ets_main.c ");
            return new Result(out.toString(), End.HANG, null);
        }
        line("csum 0x%02x", stored);
        return new Result(out.toString(), End.ENTRY, null);
    }

    /**
     * The ESP8266 / ESP32 loader reading flash through a 16-byte buffer (facts 1.6.3). {@code pos} is the
     * index of the next unread byte in the buffered block; {@code room = 16 - pos}.
     */
    private final class BufferedLoader {
        private long at;
        private int remaining;
        private boolean first = true;
        int room = 16;
        int ho;
        int tail;
        long addr;
        long len;
        int sum = 0xEF;

        /** {@code start}: the first segment header; header and first segment header fill whole blocks. */
        BufferedLoader(long start, int count) {
            this.at = start;
            this.remaining = count;
        }

        boolean hasNext() {
            return remaining > 0;
        }

        void nextHeader() {
            if (!first) {
                if (room >= 8) {
                    room -= 8;
                } else {
                    line("ho %d tail %d room %d", ho, tail, room);
                    room += 8;
                }
            }
            first = false;
            byte[] sh = read(at, 8);
            addr = u32(sh, 0);
            len = u32(sh, 4);
            at += 8;
            remaining--;
        }

        void consume() {
            long l = Math.min(len, Math.max(0, flash.size() - at));
            if (len < room) {
                ho = 16 - room;
                tail = (int) len;
            } else {
                ho = 0;
                tail = (int) ((len - room) % 16);
            }
            room = 16 - ho - tail;
            sum = xor(sum, at, l);
            at += len;
        }

        int storedChecksum() {
            return read(checksumPosition(0, at), 1)[0] & 0xFF; // images start 16-byte aligned
        }
    }

    /** The checksum byte: the last byte of the 16-byte block the image data ends in (images start aligned). */
    private static long checksumPosition(long imageStart, long end) {
        long p = end;
        while ((p - imageStart) % 16 != 15) {
            p++;
        }
        return p;
    }

    // ---------------------------------------------------------------- helpers

    private void clkDrv(byte[] h, boolean always) {
        int b9 = h[9] & 0xFF;
        int b10 = h[10] & 0xFF;
        int b11 = h[11] & 0xFF;
        if (always || (b9 | b10 | b11) != 0) {
            line("clk_drv:0x%02x,q_drv:0x%02x,d_drv:0x%02x,cs0_drv:0x%02x,hd_drv:0x%02x,wp_drv:0x%02x",
                    b9 & 15, b9 >> 4, b10 & 15, b10 >> 4, b11 & 15, b11 >> 4);
        }
    }

    /** The SPI clock divider the ROM sets from the header's frequency nibble (facts 1.6.1). */
    static int clockDiv(int freq) {
        return freq <= 2 ? freq + 2 : 1;
    }

    private int xor(int sum, long from, long len) {
        long end = Math.min(from + len, flash.size());
        for (long p = from; p < end; p += 4096) {
            byte[] b = read(p, (int) Math.min(4096, end - p));
            for (byte x : b) {
                sum ^= x & 0xFF;
            }
        }
        return sum;
    }

    private byte[] read(long offset, int len) {
        if (offset >= flash.size()) {
            byte[] b = new byte[len];
            java.util.Arrays.fill(b, (byte) 0xFF);
            return b;
        }
        int n = (int) Math.min(len, flash.size() - offset);
        byte[] b = flash.read((int) offset, n);
        if (n < len) {
            byte[] r = new byte[len];
            java.util.Arrays.fill(r, (byte) 0xFF);
            System.arraycopy(b, 0, r, 0, n);
            return r;
        }
        return b;
    }

    private void line(String format, Object... args) {
        out.append(String.format(format, args)).append("\r\n");
    }

    private static long u32(byte[] b, int off) {
        return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24;
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x & 0xFF));
        }
        return s.toString();
    }
}
