#include "inflate.h"

enum {
    S_ZHDR, S_BLKHDR, S_STORED_LEN, S_STORED, S_DYN_HDR, S_DYN_CLEN, S_DYN_LENS, S_CODES, S_COPY,
    S_TRAILER, S_DONE, S_ERROR
};

#define WMASK (INF_WINDOW - 1)
#define GO_ON 100 /* step() made progress: run the next one */

static const u16 LEN_BASE[29] = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
    35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const u8 LEN_EXTRA[29] = {
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const u16 DIST_BASE[30] = {
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
    257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577 };
static const u8 DIST_EXTRA[30] = {
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };
static const u8 CLEN_ORDER[19] = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };

/* Where input bytes come from during one call: first the carry, then the caller's slice. */
typedef struct {
    const u8 *in;
    u32 n, pos;
} source;

/* Makes at least nbits (<= 16) available in the bit buffer; 0 if the input ran out. */
static int need(inflater *f, source *s, u32 nbits)
{
    while (f->bitcnt < nbits) {
        u32 b;
        if (f->carry_pos < f->carry_len) {
            b = f->carry[f->carry_pos++];
        } else if (s->pos < s->n) {
            b = s->in[s->pos++];
        } else {
            return 0;
        }
        f->bitbuf |= b << f->bitcnt;
        f->bitcnt += 8;
    }
    return 1;
}

static u32 take(inflater *f, u32 nbits)
{
    u32 v = f->bitbuf & ((1u << nbits) - 1);
    f->bitbuf >>= nbits;
    f->bitcnt -= nbits;
    return v;
}

static void byte_align(inflater *f)
{
    take(f, f->bitcnt & 7);
}

/* Canonical Huffman table from code lengths; -1 if the lengths over-subscribe the code space. */
static int build(inf_huff *h, const u8 *lens, u32 n)
{
    u16 offs[16];
    u32 len, sym;
    s32 left = 1;
    for (len = 0; len < 16; len++) {
        h->count[len] = 0;
    }
    for (sym = 0; sym < n; sym++) {
        h->count[lens[sym]]++;
    }
    h->count[0] = 0;
    for (len = 1; len < 16; len++) {
        left = (left << 1) - h->count[len];
        if (left < 0) {
            return -1;
        }
    }
    offs[1] = 0;
    for (len = 1; len < 15; len++) {
        offs[len + 1] = (u16)(offs[len] + h->count[len]);
    }
    for (sym = 0; sym < n; sym++) {
        if (lens[sym]) {
            h->symbol[offs[lens[sym]]++] = (u16)sym;
        }
    }
    /* the lookup table for codes of up to INF_FAST_BITS bits; deflate sends codes MSB first, so the
     * table is indexed by the bit-reversed code */
    {
        u32 code = 0, idx = 0, i, k;
        for (i = 0; i < (1u << INF_FAST_BITS); i++) {
            h->fast[i] = 0;
        }
        for (len = 1; len <= INF_FAST_BITS; len++) {
            for (k = 0; k < h->count[len]; k++, code++) {
                u32 rev = 0, b;
                for (b = 0; b < len; b++) {
                    rev |= ((code >> b) & 1) << (len - 1 - b);
                }
                for (i = rev; i < (1u << INF_FAST_BITS); i += 1u << len) {
                    h->fast[i] = (u16)((len << 12) | h->symbol[idx]);
                }
                idx++;
            }
            code <<= 1;
        }
    }
    return 0;
}

#define DEC_NEED (-2)
#define DEC_BAD (-1)

static int decode(inflater *f, source *s, const inf_huff *h)
{
    s32 code = 0, first = 0, index = 0;
    u32 len;
    if (need(f, s, INF_FAST_BITS)) {
        u32 e = h->fast[f->bitbuf & ((1u << INF_FAST_BITS) - 1)];
        if (e) {
            take(f, e >> 12);
            return (int)(e & 0xFFF);
        }
    }
    /* longer codes, or too little input left for the table: one bit at a time */
    for (len = 1; len < 16; len++) {
        s32 count;
        if (!need(f, s, 1)) {
            return DEC_NEED;
        }
        code |= (s32)take(f, 1);
        count = h->count[len];
        if (code < first + count) {
            return h->symbol[index + (code - first)];
        }
        index += count;
        first = (first + count) << 1;
        code <<= 1;
    }
    return DEC_BAD;
}

static u32 mod65521(u32 x)
{
    x = (x & 0xFFFF) + 15 * (x >> 16);
    x = (x & 0xFFFF) + 15 * (x >> 16);
    if (x >= 65521) {
        x -= 65521;
    }
    return x;
}

/* Adds window[adler_pos..wpos) to the running Adler-32. */
static void adler_catch_up(inflater *f)
{
    const u8 *p = f->window + f->adler_pos;
    u32 n = f->wpos - f->adler_pos;
    u32 a = f->adler_a, b = f->adler_b;
    while (n) {
        u32 chunk = n > 5552 ? 5552 : n;
        n -= chunk;
        while (chunk--) {
            a += *p++;
            b += a;
        }
        a = mod65521(a);
        b = mod65521(b);
    }
    f->adler_a = a;
    f->adler_b = b;
    f->adler_pos = f->wpos;
}

static void fixed_tables(inflater *f)
{
    u32 i;
    for (i = 0; i < 144; i++) {
        f->lens[i] = 8;
    }
    for (; i < 256; i++) {
        f->lens[i] = 9;
    }
    for (; i < 280; i++) {
        f->lens[i] = 7;
    }
    for (; i < 288; i++) {
        f->lens[i] = 8;
    }
    build(&f->lit, f->lens, 288);
    for (i = 0; i < 30; i++) {
        f->lens[i] = 5;
    }
    build(&f->dist, f->lens, 30);
}

void inflate_init(inflater *f, u8 *window)
{
    mem_set(f, 0, sizeof *f);
    f->window = window;
    f->adler_a = 1;
    f->state = S_ZHDR;
}

u32 inflate_excess(const inflater *f)
{
    return (f->bitcnt >> 3) + (f->carry_len - f->carry_pos);
}

static int header_ok(u32 cmf, u32 flg)
{
    u32 x = (cmf << 8) | flg;
    if ((cmf & 0x0F) != 8 || (cmf >> 4) > 7 || (flg & 0x20)) {
        return 0;
    }
    while (x > 31) { /* x mod 31 without division: 32 = 1 (mod 31) */
        x = (x >> 5) + (x & 31);
    }
    return x == 0 || x == 31;
}

/* One step of the state machine. Returns GO_ON, or a final INF_* status (with 0 = out of input). */
static int step(inflater *f, source *s)
{
    s32 sym;
    u32 v;
    switch (f->state) {
    case S_ZHDR:
        if (!need(f, s, 16)) {
            return INF_NEED_INPUT;
        }
        v = take(f, 16);
        if (!header_ok(v & 0xFF, v >> 8)) {
            return INF_ERROR;
        }
        f->state = S_BLKHDR;
        return GO_ON;
    case S_BLKHDR:
        if (!need(f, s, 3)) {
            return INF_NEED_INPUT;
        }
        f->last = take(f, 1);
        v = take(f, 2);
        if (v == 0) {
            f->state = S_STORED_LEN;
        } else if (v == 1) {
            fixed_tables(f);
            f->state = S_CODES;
        } else if (v == 2) {
            f->state = S_DYN_HDR;
        } else {
            return INF_ERROR;
        }
        return GO_ON;
    case S_STORED_LEN:
        byte_align(f);
        if (!need(f, s, 16)) {
            return INF_NEED_INPUT;
        }
        v = take(f, 16);
        if (!need(f, s, 16)) {
            return INF_NEED_INPUT;
        }
        if ((take(f, 16) ^ 0xFFFF) != v) {
            return INF_ERROR;
        }
        f->stored_left = v;
        f->state = S_STORED;
        return GO_ON;
    case S_STORED:
        if (f->stored_left == 0) {
            f->state = f->last ? S_TRAILER : S_BLKHDR;
            return GO_ON;
        }
        if (f->wpos == INF_WINDOW) {
            return INF_WINDOW_END;
        }
        if (f->bitcnt == 0 && f->carry_pos == f->carry_len) {
            /* byte-aligned with an empty bit buffer: copy straight from the input */
            u32 n = s->n - s->pos;
            if (n == 0) {
                return INF_NEED_INPUT;
            }
            if (n > f->stored_left) {
                n = f->stored_left;
            }
            if (n > INF_WINDOW - f->wpos) {
                n = INF_WINDOW - f->wpos;
            }
            mem_copy(f->window + f->wpos, s->in + s->pos, n);
            s->pos += n;
            f->wpos += n;
            f->total += n;
            f->stored_left -= n;
            return GO_ON;
        }
        if (!need(f, s, 8)) {
            return INF_NEED_INPUT;
        }
        f->window[f->wpos++] = (u8)take(f, 8);
        f->total++;
        f->stored_left--;
        return GO_ON;
    case S_DYN_HDR:
        if (!need(f, s, 14)) {
            return INF_NEED_INPUT;
        }
        f->nlen = take(f, 5) + 257;
        f->ndist = take(f, 5) + 1;
        f->ncode = take(f, 4) + 4;
        if (f->nlen > 286 || f->ndist > 30) {
            return INF_ERROR;
        }
        mem_set(f->clens, 0, sizeof f->clens);
        f->idx = 0;
        f->state = S_DYN_CLEN;
        return GO_ON;
    case S_DYN_CLEN:
        if (f->idx < f->ncode) {
            if (!need(f, s, 3)) {
                return INF_NEED_INPUT;
            }
            f->clens[CLEN_ORDER[f->idx++]] = (u8)take(f, 3);
            return GO_ON;
        }
        if (build(&f->lit, f->clens, 19) < 0) {
            return INF_ERROR;
        }
        f->idx = 0;
        f->state = S_DYN_LENS;
        return GO_ON;
    case S_DYN_LENS: {
        u32 total = f->nlen + f->ndist, rep, val;
        if (f->idx >= total) {
            if (f->lens[256] == 0 || build(&f->lit, f->lens, f->nlen) < 0
                    || build(&f->dist, f->lens + f->nlen, f->ndist) < 0) {
                return INF_ERROR;
            }
            f->state = S_CODES;
            return GO_ON;
        }
        sym = decode(f, s, &f->lit);
        if (sym == DEC_NEED) {
            return INF_NEED_INPUT;
        }
        if (sym < 0) {
            return INF_ERROR;
        }
        if (sym < 16) {
            f->lens[f->idx++] = (u8)sym;
            return GO_ON;
        }
        if (sym == 16) {
            if (f->idx == 0) {
                return INF_ERROR;
            }
            if (!need(f, s, 2)) {
                return INF_NEED_INPUT;
            }
            val = f->lens[f->idx - 1];
            rep = 3 + take(f, 2);
        } else if (sym == 17) {
            if (!need(f, s, 3)) {
                return INF_NEED_INPUT;
            }
            val = 0;
            rep = 3 + take(f, 3);
        } else {
            if (!need(f, s, 7)) {
                return INF_NEED_INPUT;
            }
            val = 0;
            rep = 11 + take(f, 7);
        }
        if (f->idx + rep > total) {
            return INF_ERROR;
        }
        while (rep--) {
            f->lens[f->idx++] = (u8)val;
        }
        return GO_ON;
    }
    case S_CODES: {
        u32 len, dist;
        if (f->wpos == INF_WINDOW) {
            return INF_WINDOW_END;
        }
        sym = decode(f, s, &f->lit);
        if (sym == DEC_NEED) {
            return INF_NEED_INPUT;
        }
        if (sym < 0) {
            return INF_ERROR;
        }
        if (sym < 256) {
            f->window[f->wpos++] = (u8)sym;
            f->total++;
            return GO_ON;
        }
        if (sym == 256) {
            f->state = f->last ? S_TRAILER : S_BLKHDR;
            return GO_ON;
        }
        sym -= 257;
        if (sym >= 29) {
            return INF_ERROR;
        }
        if (!need(f, s, LEN_EXTRA[sym])) {
            return INF_NEED_INPUT;
        }
        len = LEN_BASE[sym] + take(f, LEN_EXTRA[sym]);
        sym = decode(f, s, &f->dist);
        if (sym == DEC_NEED) {
            return INF_NEED_INPUT;
        }
        if (sym < 0 || sym >= 30) {
            return INF_ERROR;
        }
        if (!need(f, s, DIST_EXTRA[sym])) {
            return INF_NEED_INPUT;
        }
        dist = DIST_BASE[sym] + take(f, DIST_EXTRA[sym]);
        if (dist > f->total) {
            return INF_ERROR;
        }
        f->copy_len = len;
        f->copy_dist = dist;
        f->state = S_COPY;
        return GO_ON;
    }
    case S_COPY:
        while (f->copy_len) {
            if (f->wpos == INF_WINDOW) {
                return INF_WINDOW_END;
            }
            f->window[f->wpos] = f->window[(f->wpos - f->copy_dist) & WMASK];
            f->wpos++;
            f->total++;
            f->copy_len--;
        }
        f->state = S_CODES;
        return GO_ON;
    case S_TRAILER:
        byte_align(f);
        if (!need(f, s, 16)) {
            return INF_NEED_INPUT;
        }
        v = take(f, 16);
        if (!need(f, s, 16)) {
            return INF_NEED_INPUT;
        }
        v |= take(f, 16) << 16;
        /* the trailer is big-endian; v holds its bytes least significant first */
        v = (v >> 24) | ((v >> 8) & 0xFF00) | ((v << 8) & 0xFF0000) | (v << 24);
        adler_catch_up(f);
        if (v != ((f->adler_b << 16) | f->adler_a)) {
            return INF_ERROR;
        }
        f->state = S_DONE;
        return INF_DONE;
    case S_DONE:
        return INF_DONE;
    default:
        return INF_ERROR;
    }
}

int inflate_feed(inflater *f, const u8 *in, u32 n, u32 *used)
{
    source s;
    int r;
    s.in = in;
    s.n = n;
    s.pos = 0;
    if (f->state == S_ERROR) {
        *used = 0;
        return INF_ERROR;
    }
    if (f->wpos == INF_WINDOW) {
        adler_catch_up(f);
        f->wpos = 0;
        f->adler_pos = 0;
    }
    for (;;) {
        /* checkpoint: a step that runs out of input is undone and retried with more input */
        u32 bitbuf = f->bitbuf, bitcnt = f->bitcnt, carry_pos = f->carry_pos, pos = s.pos;
        r = step(f, &s);
        if (r == GO_ON) {
            continue;
        }
        if (r == INF_NEED_INPUT) {
            /* a step that ran out of input changed nothing but the bit buffer and the read positions */
            u32 k = 0, i;
            f->bitbuf = bitbuf;
            f->bitcnt = bitcnt;
            /* everything read since the checkpoint becomes carry for the next call */
            for (i = carry_pos; i < f->carry_len; i++) {
                f->carry[k++] = f->carry[i];
            }
            for (i = pos; i < s.n; i++) {
                if (k >= sizeof f->carry) {
                    f->state = S_ERROR;
                    *used = s.pos;
                    return INF_ERROR;
                }
                f->carry[k++] = s.in[i];
            }
            f->carry_len = k;
            f->carry_pos = 0;
            s.pos = s.n;
        } else if (r == INF_ERROR) {
            f->state = S_ERROR;
        } else if (r == INF_WINDOW_END) {
            adler_catch_up(f);
        }
        *used = s.pos;
        return r;
    }
}
