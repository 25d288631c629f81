/* Host tests of the stub's command handling, flash planning and READ_FLASH, through the fake chip. */
#include <string.h>
#include <zlib.h>
#include "test_util.h"
#include "fake_hal.h"
#include "md5.h"

static u8 frame[0x10000];


static void words(u8 *p, const u32 *w, int n)
{
    for (int i = 0; i < n; i++) {
        wr32(p + 4 * i, w[i]);
    }
}

static void cmd_words(u8 op, const u32 *w, int n)
{
    u8 d[64];
    words(d, w, n);
    queue_cmd(op, d, 4 * n, 0);
}

static u32 csum(const u8 *p, u32 n)
{
    u32 s = 0xEF;
    while (n--) {
        s ^= *p++;
    }
    return s;
}

static void data_cmd(u8 op, const u8 *p, u32 n, u32 seq)
{
    static u8 d[16 + 0x8000];
    u32 h[4] = { n, seq, 0, 0 };
    words(d, h, 4);
    memcpy(d + 16, p, n);
    queue_cmd(op, d, 16 + n, csum(p, n));
}

/* Response k: returns status byte (0x100 if absent) and checks the esptool shape. */
static int status_of(int k, u8 op, u32 *value)
{
    int n = out_frame(k, frame);
    if (n < 10 || frame[0] != 1 || frame[1] != op) {
        printf("  (frame %d: len %d op %02x, wanted op %02x)\n", k, n, n > 1 ? frame[1] : 0, op);
        return 0x100;
    }
    if (value) {
        *value = rd32(frame + 4);
    }
    u32 len = frame[2] | (frame[3] << 8);
    if (len != (u32)(n - 8)) {
        return 0x200;
    }
    return frame[n - 2] | (frame[n - 1] << 8);
}

static int count_frames(void)
{
    int k = 0;
    while (out_frame(k, frame) >= 0) {
        k++;
    }
    return k;
}

/* ------------------------------------------------------------------ protocol */
static void flash_fill(u8 v)
{
    memset(fl, v, FAKE_FLASH);
}

static void test_sync_and_errors(void)
{
    u8 sync[36] = { 7, 7, 0x12, 0x20 };
    memset(sync + 4, 0x55, 32);
    queue_cmd(0x08, sync, 36, 0);
    queue_cmd(0x08, sync, 35, 0);
    queue_cmd(0x77, 0, 0, 0);               /* unknown */
    run_stub();
    CHECK(out_frame(0, frame) == 4 && memcmp(frame, "OHAI", 4) == 0, "OHAI first");
    int ok = 1;
    for (int k = 1; k <= 8; k++) {
        u32 v = 1;
        ok &= status_of(k, 0x08, &v) == 0 && v == 0;
    }
    CHECK(ok, "SYNC gets 8 replies with value 0");
    CHECK(status_of(9, 0x08, 0) == 0xC0, "SYNC of the wrong length: 0xC0");
    CHECK(status_of(10, 0x77, 0) == 0xC3 && out_frame(10, frame) == 10, "unknown command: 0xC3, two status bytes only");

    /* a header whose length field disagrees with the frame; frames too short; empty frames */
    u8 liar[12] = { 0, 0x0A, 8, 0, 0, 0, 0, 0, 0xC0, 0, 0xF0, 0x3F };
    queue_raw(liar, 12);
    u8 shortf[5] = { 0, 0x0A, 0, 0, 0 };
    queue_raw(shortf, 5);
    u8 cc[2] = { 0xC0, 0xC0 };
    queue_bytes(cc, 2);
    /* a bad escape drops the frame */
    u8 badesc[] = { 0xC0, 0, 0x0A, 4, 0, 0, 0, 0, 0, 0xDB, 0x01, 0, 0, 0xC0 };
    queue_bytes(badesc, sizeof badesc);
    /* a frame longer than any request is dropped, the next one is served */
    static u8 huge[FRAME_MAX + 100];
    memset(huge, 0x11, sizeof huge);
    queue_raw(huge, sizeof huge);
    /* READ_REG with 0xC0/0xDB in the address and in the value: escapes both ways */
    u32 a = 0x3FF000C0u;
    cmd_words(0x09, (u32[]){ a, 0xDBC0C0DB, 0xFFFFFFFF, 0 }, 4);
    cmd_words(0x0A, &a, 1);
    run_stub();
    u32 v = 0;
    CHECK(status_of(1, 0x0A, 0) == 0xC0, "length field disagreeing with the frame: 0xC0");
    CHECK(status_of(2, 0x09, 0) == 0, "garbled and oversize frames dropped without reply, next command served");
    CHECK(status_of(3, 0x0A, &v) == 0 && v == 0xDBC0C0DB, "READ_REG value with SLIP escapes (%08x)", v);
    CHECK(count_frames() == 4, "nothing else answered (%d frames)", count_frames());
}

static void test_write_reg(void)
{
    u32 a = 0x3FF000C4u;
    regs[1] = 0x12345678;
    cmd_words(0x09, (u32[]){ a, 0xABCD0000, 0xFFFF0000, 5, a + 4, 7, 0xFFFFFFFF, 0 }, 8);
    cmd_words(0x09, (u32[]){ a, 1, 2 }, 3);
    cmd_words(0x0A, (u32[]){ 0x40001000 }, 1);
    run_stub();
    CHECK(status_of(1, 0x09, 0) == 0 && regs[1] == 0xABCD5678 && regs[2] == 7, "WRITE_REG masks (%08x %08x)",
            regs[1], regs[2]);
    CHECK(status_of(2, 0x09, 0) == 0xC0, "WRITE_REG not a multiple of 16 bytes: 0xC0");
    u32 v;
    CHECK(status_of(3, 0x0A, &v) == 0 && v == (0x40001000 ^ 0xA5A5A5A5u), "READ_REG value");
}

static int erases_inside(u32 lo, u32 hi)
{
    for (int i = 0; i < n_erases && i < MAX_ERASES; i++) {
        if (erases[i].addr < lo || erases[i].addr + erases[i].size > hi) {
            printf("  erase %x+%x outside [%x, %x)\n", erases[i].addr, erases[i].size, lo, hi);
            return 0;
        }
    }
    return 1;
}

static u8 image[1 << 20];

/* Writes image[0..n) at offset through FLASH_* (deflate: FLASH_DEFL_*), one run; returns status list ok. */
static int write_image(u32 offset, u32 n, int deflate, u32 blk)
{
    static u8 z[1 << 21];
    const u8 *p = image;
    u32 total = n;
    if (deflate) {
        total = zcompress(image, n, z, sizeof z, 9, Z_DEFAULT_STRATEGY, 0, 0, 0);
        p = z;
    }
    u32 nblocks = (total + blk - 1) / blk;
    cmd_words(deflate ? 0x10 : 0x02, (u32[]){ n, nblocks, blk, offset }, 4);
    for (u32 i = 0; i < nblocks; i++) {
        static u8 b[0x4000];
        u32 k = total - i * blk < blk ? total - i * blk : blk;
        memcpy(b, p + i * blk, k);
        if (!deflate && k < blk) {
            memset(b + k, 0xFF, blk - k);
            k = blk;
        }
        data_cmd(deflate ? 0x11 : 0x03, b, k, i);
    }
    cmd_words(deflate ? 0x12 : 0x04, (u32[]){ 1 }, 1);
    run_stub();
    int ok = status_of(1, deflate ? 0x10 : 0x02, 0) == 0;
    for (u32 i = 0; i < nblocks; i++) {
        ok &= status_of(2 + i, deflate ? 0x11 : 0x03, 0) == 0;
    }
    ok &= status_of(2 + nblocks, deflate ? 0x12 : 0x04, 0) == 0;
    return ok;
}

static void md5_of(const u8 *p, u32 n, u8 *d)
{
    md5_ctx c;
    md5_init(&c);
    md5_update(&c, p, n);
    md5_final(&c, d);
}

static void test_writes(void)
{
    struct { u32 offset, n; int deflate; u32 blk; u8 pre; const char *name; } w[] = {
        { 0x10000, 200000, 0, 0x4000, 0x00, "plain, aligned, 64 KiB start" },
        { 0x1003, 70001, 0, 0x4000, 0x5A, "plain, unaligned offset and size" },
        { 0x20000, 300000, 1, 0x4000, 0x00, "deflate, text" },
        { 0x3001, 9999, 1, 0x400, 0x33, "deflate, unaligned, 1 KiB blocks" },
        { 0x100000, 140000, 1, 0x4000, 0xFF, "deflate onto blank flash" },
    };
    for (unsigned i = 0; i < sizeof w / sizeof w[0]; i++) {
        u32 lo = w[i].offset & ~0xFFFu, hi = (w[i].offset + w[i].n + 0xFFF) & ~0xFFFu;
        flash_fill(w[i].pre);
        fill_text(image, w[i].n);
        if (i == 1) {
            for (u32 k = 0; k < w[i].n; k += 1000) image[k] = 0xC0;
        }
        n_erases = 0;
        violations = 0;
        int ok = write_image(w[i].offset, w[i].n, w[i].deflate, w[i].blk);
        CHECK(ok, "%s: every reply OK", w[i].name);
        CHECK(memcmp(fl + w[i].offset, image, w[i].n) == 0, "%s: flash holds the data", w[i].name);
        int outside = 0;
        for (u32 a = 0; a < FAKE_FLASH; a++) {
            if ((a < lo || a >= hi) && fl[a] != w[i].pre) {
                outside++;
            }
        }
        CHECK(outside == 0, "%s: nothing changed outside the erase window (%d bytes)", w[i].name, outside);
        CHECK(erases_inside(lo, hi), "%s: every erase inside the window", w[i].name);
        if (w[i].pre == 0xFF) {
            CHECK(n_erases == 0, "%s: blank sectors are not erased (%d erases)", w[i].name, n_erases);
        } else {
            int big = 0;
            for (int e = 0; e < n_erases; e++) big += erases[e].size == 0x10000;
            CHECK(n_erases > 0 && (hi - lo < 0x20000 || big > 0), "%s: %d erases, %d of 64 KiB", w[i].name,
                    n_erases, big);
        }
        CHECK(violations == 0 && replies_while_busy == 0 ? 1 : violations == 0,
                "%s: flash never used while an erase ran (%d)", w[i].name, violations);
        /* MD5 of the written range: the running read-back hash, equal to the data's */
        u8 want[16];
        md5_of(image, w[i].n, want);
        cmd_words(0x13, (u32[]){ w[i].offset, w[i].n, 0, 0 }, 4);
        cmd_words(0x13, (u32[]){ w[i].offset, w[i].n - 1, 0, 0 }, 4);
        run_stub();
        int n = out_frame(1, frame);
        CHECK(n == 26 && frame[24] == 0 && memcmp(frame + 8, want, 16) == 0, "%s: SPI_FLASH_MD5 of the range",
                w[i].name);
        md5_of(image, w[i].n - 1, want);
        n = out_frame(2, frame);
        CHECK(n == 26 && memcmp(frame + 8, want, 16) == 0, "%s: SPI_FLASH_MD5 of another range", w[i].name);
    }
    /* a programming fault: the read-back hash must show it (never a hash of what was received) */
    {
        flash_fill(0);
        fill_text(image, 50000);
        stuck_addr = 0x8000 + 12345;
        image[12345] = 0x00; /* the byte will read back 0xFF */
        write_image(0x8000, 50000, 1, 0x4000);
        stuck_addr = 0xFFFFFFFF;
        u8 want[16];
        md5_of(fl + 0x8000, 50000, want);
        cmd_words(0x13, (u32[]){ 0x8000, 50000, 0, 0 }, 4);
        run_stub();
        out_frame(1, frame);
        CHECK(memcmp(frame + 8, want, 16) == 0 && fl[0x8000 + 12345] == 0xFF,
                "MD5 after a write is of the flash as read back, not of the data sent");
    }
    /* FLASH_BEGIN(0, 0) then END: legal */
    cmd_words(0x02, (u32[]){ 0, 0, 0x4000, 0 }, 4);
    cmd_words(0x04, (u32[]){ 1 }, 1);
    run_stub();
    CHECK(status_of(1, 0x02, 0) == 0 && status_of(2, 0x04, 0) == 0, "FLASH_BEGIN(0,0) and END are accepted");
}

static void test_flash_errors(void)
{
    static u8 b[0x4000];
    fill_text(b, sizeof b);
    /* DATA without BEGIN; END without BEGIN */
    data_cmd(0x03, b, 0x4000, 0);
    data_cmd(0x11, b, 100, 0);
    cmd_words(0x04, (u32[]){ 1 }, 1);
    run_stub();
    CHECK(status_of(1, 0x03, 0) == 0xC6, "FLASH_DATA without BEGIN: 0xC6");
    CHECK(status_of(2, 0x11, 0) == 0xC6, "FLASH_DEFL_DATA without BEGIN: 0xC6");
    CHECK(status_of(3, 0x04, 0) == 0xC6, "FLASH_END without BEGIN: 0xC6");

    /* bad checksum, then the same block again; beyond the flash; bad BEGIN length */
    flash_fill(0);
    cmd_words(0x02, (u32[]){ 0x4000, 1, 0x4000, 0x40000 }, 4);
    {
        static u8 d[16 + 0x4000];
        words(d, (u32[]){ 0x4000, 0, 0, 0 }, 4);
        memcpy(d + 16, b, 0x4000);
        queue_cmd(0x03, d, sizeof d, csum(b, 0x4000) ^ 1);
        queue_cmd(0x03, d, sizeof d - 1, csum(b, 0x4000));
    }
    data_cmd(0x03, b, 0x4000, 0);
    data_cmd(0x03, b, 0x4000, 1);
    cmd_words(0x04, (u32[]){ 1 }, 1);
    cmd_words(0x02, (u32[]){ 0x2000, 1, 0x4000, FAKE_FLASH - 0x1000 }, 4);
    cmd_words(0x02, (u32[]){ 0x1000, 1, 0x4000 }, 3);
    cmd_words(0x10, (u32[]){ 0x1000, 1, 0x4000, 0x1000, 1 }, 5);
    cmd_words(0x10, (u32[]){ 0x1000, 1, 0x4000, 0x1000, 0 }, 5);
    cmd_words(0xD1, (u32[]){ FAKE_FLASH, 0x1000 }, 2);
    cmd_words(0xD2, (u32[]){ FAKE_FLASH - 16, 32, 0x1000, 1 }, 4);
    cmd_words(0x13, (u32[]){ 0xFFFFF000, 0x2000, 0, 0 }, 4);
    run_stub();
    CHECK(status_of(2, 0x03, 0) == 0xC1, "bad checksum: 0xC1");
    CHECK(status_of(3, 0x03, 0) == 0xC0, "FLASH_DATA length field disagreeing: 0xC0");
    CHECK(status_of(4, 0x03, 0) == 0, "the block sent again is accepted");
    CHECK(status_of(5, 0x03, 0) == 0xC9, "a block beyond the announced size: 0xC9");
    CHECK(status_of(6, 0x04, 0) == 0 && memcmp(fl + 0x40000, b, 0x4000) == 0, "END; data written once");
    CHECK(status_of(7, 0x02, 0) == 0xC4, "FLASH_BEGIN beyond the flash: 0xC4");
    CHECK(status_of(8, 0x02, 0) == 0xC0, "FLASH_BEGIN of 12 bytes: 0xC0");
    CHECK(status_of(9, 0x10, 0) == 0xC3, "encrypted FLASH_DEFL_BEGIN (not implemented): 0xC3");
    CHECK(status_of(10, 0x10, 0) == 0, "five-word FLASH_DEFL_BEGIN without encryption: OK");
    CHECK(status_of(11, 0xD1, 0) == 0xC4, "ERASE_REGION beyond the flash: 0xC4");
    CHECK(status_of(12, 0xD2, 0) == 0xC4, "READ_FLASH beyond the flash: 0xC4");
    CHECK(status_of(13, 0x13, 0) == 0xC4, "SPI_FLASH_MD5 wrapping around: 0xC4");

    /* END with bytes still expected */
    cmd_words(0x02, (u32[]){ 0x8000, 2, 0x4000, 0 }, 4);
    data_cmd(0x03, b, 0x4000, 0);
    cmd_words(0x04, (u32[]){ 1 }, 1);
    cmd_words(0x04, (u32[]){ 1 }, 1);
    run_stub();
    CHECK(status_of(3, 0x04, 0) == 0xC8, "END with bytes missing: 0xC8");
    CHECK(status_of(4, 0x04, 0) == 0xC6, "and flash mode is over: 0xC6");

    /* deflate: corrupt stream, longer than announced, shorter than announced, trailing garbage */
    static u8 src[60000], z[70000];
    fill_text(src, sizeof src);
    u32 zn = zcompress(src, sizeof src, z, sizeof z, 9, Z_DEFAULT_STRATEGY, 0, 0, 0);
    {
        static u8 bad[70000];
        memcpy(bad, z, zn);
        for (u32 i = 200; i < 260; i++) bad[i] ^= 0x5A;
        cmd_words(0x10, (u32[]){ sizeof src, 1, 0x4000, 0 }, 4);
        data_cmd(0x11, bad, zn < 0x4000 ? zn : 0x4000, 0);
        cmd_words(0x0A, (u32[]){ 0x40001000 }, 1);
        cmd_words(0x0A, (u32[]){ 0x40001000 }, 1);
        run_stub();
        CHECK(status_of(2, 0x11, 0) == 0, "corrupt deflate block is acked first");
        CHECK(status_of(3, 0x0A, 0) == 0xC7, "the next command answers 0xC7 (%x)", status_of(3, 0x0A, 0));
        CHECK(status_of(4, 0x0A, 0) == 0, "and the one after is served");
    }
    {
        /* announced 1000 bytes fewer than the stream holds */
        cmd_words(0x10, (u32[]){ sizeof src - 1000, (zn + 0x3FFF) / 0x4000, 0x4000, 0 }, 4);
        u32 nb = (zn + 0x3FFF) / 0x4000;
        for (u32 i = 0; i < nb; i++) {
            u32 k = zn - i * 0x4000 < 0x4000 ? zn - i * 0x4000 : 0x4000;
            data_cmd(0x11, z + i * 0x4000, k, i);
        }
        cmd_words(0x12, (u32[]){ 1 }, 1);
        run_stub();
        int st = 0;
        for (u32 i = 0; i <= nb; i++) {
            st = status_of(2 + i, i < nb ? 0x11 : 0x12, 0);
            if (st) break;
        }
        CHECK(st == 0xC9, "deflate stream longer than announced: 0xC9 (%x)", st);
    }
    {
        cmd_words(0x10, (u32[]){ sizeof src + 5000, (zn + 0x3FFF) / 0x4000, 0x4000, 0 }, 4);
        u32 nb = (zn + 0x3FFF) / 0x4000;
        for (u32 i = 0; i < nb; i++) {
            u32 k = zn - i * 0x4000 < 0x4000 ? zn - i * 0x4000 : 0x4000;
            data_cmd(0x11, z + i * 0x4000, k, i);
        }
        cmd_words(0x12, (u32[]){ 1 }, 1);
        run_stub();
        int st = status_of(2 + nb, 0x12, 0);
        CHECK(st == 0xC8, "deflate stream shorter than announced: 0xC8 (%x)", st);
    }
    {
        /* the whole stream then 3 bytes of garbage, in a block of its own */
        u8 junk[3] = { 1, 2, 3 };
        cmd_words(0x10, (u32[]){ sizeof src, (zn + 0x3FFF) / 0x4000 + 1, 0x4000, 0 }, 4);
        u32 nb = (zn + 0x3FFF) / 0x4000;
        for (u32 i = 0; i < nb; i++) {
            u32 k = zn - i * 0x4000 < 0x4000 ? zn - i * 0x4000 : 0x4000;
            data_cmd(0x11, z + i * 0x4000, k, i);
        }
        data_cmd(0x11, junk, 3, nb);
        cmd_words(0x12, (u32[]){ 1 }, 1);
        run_stub();
        CHECK(status_of(2 + nb, 0x11, 0) == 0 && status_of(3 + nb, 0x12, 0) == 0xC9,
                "bytes after the end of the deflate stream: 0xC9");
    }
    {
        /* more compressed bytes than nblocks x blksize allow */
        cmd_words(0x10, (u32[]){ sizeof src, 1, 0x100, 0 }, 4);
        data_cmd(0x11, z, 0x200, 0);
        run_stub();
        CHECK(status_of(2, 0x11, 0) == 0xC9, "compressed data beyond nblocks x blksize: 0xC9");
    }
    {
        /* the Adler-32 trailer alone in the last block */
        cmd_words(0x10, (u32[]){ sizeof src, 2, 0x4000, 0x80000 }, 4);
        data_cmd(0x11, z, zn - 4, 0);
        data_cmd(0x11, z + zn - 4, 4, 1);
        cmd_words(0x12, (u32[]){ 1 }, 1);
        run_stub();
        CHECK(status_of(2, 0x11, 0) == 0 && status_of(3, 0x11, 0) == 0 && status_of(4, 0x12, 0) == 0
                && memcmp(fl + 0x80000, src, sizeof src) == 0, "Adler-32 trailer alone in the last block");
    }
    {
        /* a write fault: reported by the next command, which is not run */
        fail_write_at = 0x90000 + 5000;
        cmd_words(0x02, (u32[]){ 0x8000, 2, 0x4000, 0x90000 }, 4);
        data_cmd(0x03, b, 0x4000, 0);
        data_cmd(0x03, b, 0x4000, 1);
        cmd_words(0x04, (u32[]){ 1 }, 1);
        run_stub();
        fail_write_at = -1;
        CHECK(status_of(2, 0x03, 0) == 0 && status_of(3, 0x03, 0) == 0xC4 && status_of(4, 0x04, 0) == 0xC6,
                "write failure: next command 0xC4, flash mode ended");
    }
}

static void test_erase(void)
{
    flash_fill(0x42);
    n_erases = 0;
    cmd_words(0xD1, (u32[]){ 0x1000, 0x1000 + 0x20000 }, 2);
    cmd_words(0xD1, (u32[]){ 0x1001, 0x1000 }, 2);
    cmd_words(0xD1, (u32[]){ 0x1000, 0x800 }, 2);
    run_stub();
    int ok = 1;
    for (u32 a = 0; a < 0x30000; a++) {
        ok &= fl[a] == ((a >= 0x1000 && a < 0x22000) ? 0xFF : 0x42);
    }
    CHECK(status_of(1, 0xD1, 0) == 0 && ok, "ERASE_REGION erases exactly the region");
    CHECK(replies_while_busy == 0, "ERASE_REGION replies after the last erase finished");
    CHECK(erases_inside(0x1000, 0x22000) && n_erases == 15 + 1 + 2, "ERASE_REGION: 15 sectors, a block, 2 sectors (%d)",
            n_erases);
    CHECK(status_of(2, 0xD1, 0) == 0xC0 && status_of(3, 0xD1, 0) == 0xC0, "unaligned ERASE_REGION: 0xC0");
    queue_cmd(0xD0, 0, 0, 0);
    run_stub();
    CHECK(status_of(1, 0xD0, 0) == 0 && fl[0] == 0xFF && fl[FAKE_FLASH - 1] == 0xFF, "ERASE_FLASH");
}

static void test_read_flash(void)
{
    for (u32 i = 0; i < FAKE_FLASH; i++) fl[i] = (u8)(i * 7 + (i >> 9));
    struct { u32 off, len, inflight, want; } r[] = {
        { 0x1000, 0x10000, 64, 1 }, { 0x2001, 50001, 8, 8 }, { 0, 0x20000, 16, 16 }, { 0, 0x3000, 17, 1 },
        { 5, 0, 8, 0 },
    };
    for (unsigned i = 0; i < sizeof r / sizeof r[0]; i++) {
        cmd_words(0xD2, (u32[]){ r[i].off, r[i].len, 0x1000, r[i].inflight }, 4);
        start_auto_ack(r[i].len, 2);
        run_stub();
        int ok = status_of(1, 0xD2, 0) == 0;
        static u8 got[0x40000];
        u32 total = 0;
        int k = 2;
        while (total < r[i].len) {
            int n = out_frame(k++, frame);
            if (n <= 0) {
                ok = 0;
                break;
            }
            memcpy(got + total, frame, n);
            total += n;
        }
        u8 want[16];
        md5_of(fl + r[i].off, r[i].len, want);
        int n = out_frame(k, frame);
        CHECK(ok && total == r[i].len && memcmp(got, fl + r[i].off, r[i].len) == 0 && n == 16
                && memcmp(frame, want, 16) == 0, "READ_FLASH %x+%x: data and MD5", r[i].off, r[i].len);
        CHECK(max_unacked == r[i].want, "READ_FLASH asked %u in flight: %u sent before an ack (want %u)",
                r[i].inflight, max_unacked, r[i].want);
    }
    /* a frame that is not an ack ends the read; the stub keeps serving */
    cmd_words(0xD2, (u32[]){ 0, 0x8000, 0x1000, 1 }, 4);
    queue_raw((u8[]){ 1, 2, 3 }, 3);
    cmd_words(0x0A, (u32[]){ 0x40001000 }, 1);
    run_stub();
    CHECK(status_of(1, 0xD2, 0) == 0 && out_frame(2, frame) == 0x1000 && status_of(3, 0x0A, 0) == 0,
            "READ_FLASH aborted by a non-ack frame, stub still serving");
    cmd_words(0xD2, (u32[]){ 0, 0x1000, 0x2000, 1 }, 4);
    run_stub();
    CHECK(status_of(1, 0xD2, 0) == 0xC0, "READ_FLASH packets above 4 KiB: 0xC0");
}

static void test_mem(void)
{
    u8 code[16 + 8];
    words(code, (u32[]){ 8, 0, 0, 0, 0xDEADBEEF, 0x12345678 }, 6);
    cmd_words(0x07, (u32[]){ 0, 0, 0, 0 }, 4);
    cmd_words(0x05, (u32[]){ 8, 1, 0x1800, 0x40000010 }, 4);
    queue_cmd(0x07, code, 24, 0);
    cmd_words(0x06, (u32[]){ 0, 0x40000010 }, 2);
    run_stub();
    CHECK(status_of(1, 0x07, 0) == 0xC6, "MEM_DATA without MEM_BEGIN: 0xC6");
    CHECK(status_of(3, 0x07, 0) == 0 && rd32(ram + 0x10) == 0xDEADBEEF && rd32(ram + 0x14) == 0x12345678,
            "MEM_DATA stores words");
    CHECK(status_of(4, 0x06, 0) == 0 && ran_entry == 0x40000010, "MEM_END replies, then runs the entry");
    queue_cmd(0xD3, 0, 0, 0);
    cmd_words(0x0A, (u32[]){ 0 }, 1);
    run_stub();
    CHECK(count_frames() == 1, "RUN_USER_CODE: no reply, the stub returns");
}

void test_protocol(void)
{
    test_sync_and_errors();
    test_write_reg();
    test_writes();
    test_flash_errors();
    test_erase();
    test_read_flash();
    test_mem();
}
