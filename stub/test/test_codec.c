/* Host tests of the stub's MD5 and inflater on their own. */
#include <string.h>
#include <zlib.h>
#include "test_util.h"
#include "md5.h"
#include "inflate.h"

/* ------------------------------------------------------------------ MD5 */
static void hex(const u8 *d, char *out)
{
    for (int i = 0; i < 16; i++) {
        sprintf(out + 2 * i, "%02x", d[i]);
    }
}

void test_md5(void)
{
    static const char *vec[][2] = {
        { "", "d41d8cd98f00b204e9800998ecf8427e" },
        { "a", "0cc175b9c0f1b6a831c399e269772661" },
        { "abc", "900150983cd24fb0d6963f7d28e17f72" },
        { "message digest", "f96b697d7cb7938d525a2f31aaf161d0" },
        { "abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b" },
        { "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f" },
        { "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
          "57edf4a22be3c955ac49da2e2107b67a" },
    };
    for (unsigned i = 0; i < sizeof vec / sizeof vec[0]; i++) {
        md5_ctx c;
        u8 d[16];
        char h[33];
        md5_init(&c);
        md5_update(&c, (const u8 *)vec[i][0], strlen(vec[i][0]));
        md5_final(&c, d);
        hex(d, h);
        CHECK(strcmp(h, vec[i][1]) == 0, "md5(\"%s\") = %s", vec[i][0], h);
    }
    /* one million 'a' fed in odd-sized pieces (crosses every 64-byte boundary case) */
    {
        static u8 a[1000000];
        md5_ctx c;
        u8 d[16];
        char h[33];
        memset(a, 'a', sizeof a);
        md5_init(&c);
        for (u32 pos = 0, step = 1; pos < sizeof a; step = step % 131 + 7) {
            u32 n = sizeof a - pos < step ? sizeof a - pos : step;
            md5_update(&c, a + pos, n);
            pos += n;
        }
        md5_final(&c, d);
        hex(d, h);
        CHECK(strcmp(h, "7707d6ae4e027c70eea2a935c2296f21") == 0, "md5(10^6 x 'a') = %s", h);
    }
}

/* ------------------------------------------------------------------ inflate (direct) */
static u8 win[INF_WINDOW];

/* Inflates `z` fed in the given slices; returns output length or -1 on error/incomplete. */
static long inflate_slices(const u8 *z, u32 zn, const u32 *cuts, int ncuts, u8 *out, u32 cap)
{
    inflater f;
    u32 outn = 0, flushed = 0, pos = 0;
    int done = 0;
    inflate_init(&f, win);
    for (int c = 0; c <= ncuts && !done; c++) {
        u32 end = c < ncuts ? cuts[c] : zn;
        while (!done) {
            u32 used = 0;
            int r = inflate_feed(&f, z + pos, end - pos, &used);
            pos += used;
            if (r == INF_ERROR) {
                return -1;
            }
            if (f.wpos > flushed) {
                if (outn + f.wpos - flushed > cap) {
                    return -1;
                }
                memcpy(out + outn, win + flushed, f.wpos - flushed);
                outn += f.wpos - flushed;
            }
            flushed = f.wpos == INF_WINDOW ? 0 : f.wpos;
            if (r == INF_DONE) {
                done = 1;
            } else if (r == INF_NEED_INPUT) {
                break;
            }
        }
    }
    return done ? (long)outn : -1;
}

u32 zcompress(const u8 *in, u32 n, u8 *out, u32 cap, int level, int strategy, u32 flush_every,
        u32 *bounds, int *nb)
{
    z_stream s;
    memset(&s, 0, sizeof s);
    deflateInit2(&s, level, Z_DEFLATED, 15, 9, strategy);
    s.next_out = out;
    s.avail_out = cap;
    u32 pos = 0;
    if (nb) {
        *nb = 0;
    }
    while (pos < n) {
        u32 k = flush_every && n - pos > flush_every ? flush_every : n - pos;
        s.next_in = (u8 *)in + pos;
        s.avail_in = k;
        pos += k;
        deflate(&s, pos == n ? Z_FINISH : (flush_every ? Z_FULL_FLUSH : Z_NO_FLUSH));
        if (nb && pos < n) {
            bounds[(*nb)++] = s.total_out;
        }
    }
    if (n == 0) {
        deflate(&s, Z_FINISH);
    }
    u32 total = s.total_out;
    deflateEnd(&s);
    return total;
}

void fill_text(u8 *p, u32 n)
{
    static const char *w[] = { "flash ", "stub ", "the ", "espressif ", "block ", "sector\n", "0x4000 ", "erase " };
    u32 i = 0;
    while (i < n) {
        const char *x = w[rnd() % 8];
        while (*x && i < n) {
            p[i++] = (u8)*x++;
        }
    }
}

void test_inflate(void)
{
    static u8 src[300000], z[400000], out[400000];
    u32 bounds[64];
    int nb;
    struct { const char *name; int level, strategy; int kind; u32 n; } cases[] = {
        { "stored (level 0)", 0, Z_DEFAULT_STRATEGY, 0, 70000 },
        { "fixed Huffman", 9, Z_FIXED, 0, 100000 },
        { "dynamic Huffman", 9, Z_DEFAULT_STRATEGY, 0, 200000 },
        { "Huffman only", 9, Z_HUFFMAN_ONLY, 0, 50000 },
        { "RLE", 9, Z_RLE, 2, 50000 },
        { "random data", 9, Z_DEFAULT_STRATEGY, 1, 100000 },
        { "window-spanning matches", 9, Z_DEFAULT_STRATEGY, 3, 32768 * 3 + 100 },
        { "empty", 9, Z_DEFAULT_STRATEGY, 0, 0 },
    };
    for (unsigned c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        u32 n = cases[c].n;
        if (cases[c].kind == 1) {
            for (u32 i = 0; i < n; i++) src[i] = (u8)rnd();
        } else if (cases[c].kind == 2) {
            for (u32 i = 0; i < n; i++) src[i] = (u8)((i / 300) & 3);
        } else if (cases[c].kind == 3) {
            /* 32 KiB of noise repeated: matches at the full 32768 distance */
            for (u32 i = 0; i < 32768; i++) src[i] = (u8)rnd();
            for (u32 i = 32768; i < n; i++) src[i] = src[i - 32768];
        } else {
            fill_text(src, n);
        }
        u32 zn = zcompress(src, n, z, sizeof z, cases[c].level, cases[c].strategy, 0, 0, 0);
        long got = inflate_slices(z, zn, 0, 0, out, sizeof out);
        CHECK(got == (long)n && memcmp(out, src, n) == 0, "inflate %s in one piece (got %ld of %u)",
                cases[c].name, got, n);
        /* the same data flushed into many blocks, split at every block boundary */
        if (n) {
            zn = zcompress(src, n, z, sizeof z, cases[c].level, cases[c].strategy, 7000, bounds, &nb);
            got = inflate_slices(z, zn, bounds, nb, out, sizeof out);
            CHECK(got == (long)n && memcmp(out, src, n) == 0, "inflate %s split at %d block boundaries",
                    cases[c].name, nb);
        }
    }
    /* a small stream of every block type split at every byte position (and into single bytes) */
    {
        u32 n = 3000, zn = 0;
        z_stream s;
        fill_text(src, n);
        memset(&s, 0, sizeof s);
        deflateInit(&s, 0);
        s.next_out = z;
        s.avail_out = sizeof z;
        s.next_in = src; s.avail_in = 1000; deflate(&s, Z_FULL_FLUSH);           /* stored */
        deflateParams(&s, 9, Z_FIXED);
        s.next_in = src + 1000; s.avail_in = 1000; deflate(&s, Z_FULL_FLUSH);    /* fixed */
        deflateParams(&s, 9, Z_DEFAULT_STRATEGY);
        s.next_in = src + 2000; s.avail_in = 1000; deflate(&s, Z_FINISH);        /* dynamic */
        zn = s.total_out;
        deflateEnd(&s);
        int bad = 0;
        for (u32 cut = 0; cut <= zn; cut++) {
            long got = inflate_slices(z, zn, &cut, 1, out, sizeof out);
            if (got != (long)n || memcmp(out, src, n) != 0) {
                bad++;
            }
        }
        CHECK(bad == 0, "mixed-block stream split at every one of %u positions: %d wrong", zn + 1, bad);
        static u32 all[8000];
        for (u32 i = 0; i < zn; i++) all[i] = i;
        long got = inflate_slices(z, zn, all, (int)zn, out, sizeof out);
        CHECK(got == (long)n && memcmp(out, src, n) == 0, "mixed-block stream fed one byte at a time");
        /* corruptions: header, adler, truncated, garbage block type */
        u8 bad1[8000];
        memcpy(bad1, z, zn);
        bad1[0] = 0x79;
        CHECK(inflate_slices(bad1, zn, 0, 0, out, sizeof out) == -1, "bad zlib header is an error");
        memcpy(bad1, z, zn);
        bad1[zn - 1] ^= 1;
        CHECK(inflate_slices(bad1, zn, 0, 0, out, sizeof out) == -1, "bad Adler-32 is an error");
        CHECK(inflate_slices(z, zn - 5, 0, 0, out, sizeof out) == -1, "truncated stream does not finish");
        u8 bt[] = { 0x78, 0x9c, 0x07 }; /* BFINAL=1, BTYPE=3 */
        CHECK(inflate_slices(bt, 3, 0, 0, out, sizeof out) == -1, "reserved block type is an error");
        u8 far[] = { 0x78, 0x9c, 0x03, 0x00 }; /* fixed block whose first symbol... */
        (void)far;
    }
    /* a distance reaching before the start of the output */
    {
        /* fixed block: literal 'a' then length 3 distance 2 (invalid: only 1 byte out) */
        u8 s2[16];
        u32 bits = 0, nbits = 0, k = 0;
        #define PUT(v, n) do { bits |= (u32)(v) << nbits; nbits += (n); while (nbits >= 8) { s2[k++] = (u8)bits; bits >>= 8; nbits -= 8; } } while (0)
        s2[k++] = 0x78; s2[k++] = 0x01;
        PUT(1, 1); PUT(1, 2);                 /* final, fixed */
        /* literal 'a' (0x61): code 0x30+0x61 = 0x91, 8 bits, sent MSB first */
        for (int i = 7; i >= 0; i--) PUT((0x91 >> i) & 1, 1);
        /* length 3 = symbol 257: 7-bit code 0000001 */
        for (int i = 6; i >= 0; i--) PUT((1 >> i) & 1, 1);
        /* distance 2 = symbol 1: 5-bit code 00001 */
        for (int i = 4; i >= 0; i--) PUT((1 >> i) & 1, 1);
        PUT(0, 7); PUT(0, 8);
        CHECK(inflate_slices(s2, k, 0, 0, out, sizeof out) == -1, "distance beyond the output is an error");
    }
}

