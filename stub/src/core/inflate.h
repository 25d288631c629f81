/*
 * A resumable zlib-stream inflater (RFC 1950 wrapper around RFC 1951 deflate), written for the stub.
 *
 * Input arrives in arbitrary slices; output goes into a 32 KiB circular window that is also the
 * deflate history. inflate_feed() runs until the input is used up, the window end is reached (the
 * caller takes the new bytes and calls again), the stream ends, or an error is found. Input that ends
 * in the middle of a symbol is kept in a few bytes of carry, so any split point works.
 */
#ifndef JSTUB_INFLATE_H
#define JSTUB_INFLATE_H
#include "stub.h"

#define INF_WINDOW 0x8000u

enum {
    INF_NEED_INPUT = 0, /* all input consumed, more expected */
    INF_WINDOW_END = 1, /* window filled up to its end: take the output, then call again */
    INF_DONE = 2,       /* stream and Adler-32 trailer complete */
    INF_ERROR = -1,     /* corrupt stream or Adler-32 mismatch */
};

#define INF_FAST_BITS 9

typedef struct {
    u16 count[16];  /* codes per bit length */
    u16 symbol[288];/* symbols ordered by code */
    u16 fast[1 << INF_FAST_BITS]; /* next 9 input bits -> (length << 12) | symbol, 0 if the code is longer */
} inf_huff;

typedef struct {
    u8 *window;     /* INF_WINDOW bytes, caller-provided */
    u32 wpos;       /* next write position in the window */
    u32 total;      /* bytes produced so far */
    u32 state;
    u32 bitbuf, bitcnt;
    u8 carry[16];
    u32 carry_len, carry_pos;
    u32 last;       /* BFINAL seen */
    u32 stored_left;
    u32 nlen, ndist, ncode, idx;
    u32 copy_len, copy_dist;
    u32 adler_a, adler_b, adler_pos; /* Adler-32 over window[adler_pos..wpos) still to add */
    u32 trailer;
    u8 lens[288 + 32];
    u8 clens[19];
    inf_huff lit, dist;
} inflater;

void inflate_init(inflater *f, u8 *window);
/* Consumes input from in[0..n); *used = bytes taken (including those kept as carry). */
int inflate_feed(inflater *f, const u8 *in, u32 n, u32 *used);
/* Bytes the stream did not need after INF_DONE (left in the bit buffer or carry). */
u32 inflate_excess(const inflater *f);
#endif
