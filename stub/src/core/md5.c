#include "md5.h"

/* K[i] = floor(2^32 * |sin(i + 1)|) */
static const u32 K[64] = {
    0xd76aa478u, 0xe8c7b756u, 0x242070dbu, 0xc1bdceeeu,
    0xf57c0fafu, 0x4787c62au, 0xa8304613u, 0xfd469501u,
    0x698098d8u, 0x8b44f7afu, 0xffff5bb1u, 0x895cd7beu,
    0x6b901122u, 0xfd987193u, 0xa679438eu, 0x49b40821u,
    0xf61e2562u, 0xc040b340u, 0x265e5a51u, 0xe9b6c7aau,
    0xd62f105du, 0x02441453u, 0xd8a1e681u, 0xe7d3fbc8u,
    0x21e1cde6u, 0xc33707d6u, 0xf4d50d87u, 0x455a14edu,
    0xa9e3e905u, 0xfcefa3f8u, 0x676f02d9u, 0x8d2a4c8au,
    0xfffa3942u, 0x8771f681u, 0x6d9d6122u, 0xfde5380cu,
    0xa4beea44u, 0x4bdecfa9u, 0xf6bb4b60u, 0xbebfbc70u,
    0x289b7ec6u, 0xeaa127fau, 0xd4ef3085u, 0x04881d05u,
    0xd9d4d039u, 0xe6db99e5u, 0x1fa27cf8u, 0xc4ac5665u,
    0xf4292244u, 0x432aff97u, 0xab9423a7u, 0xfc93a039u,
    0x655b59c3u, 0x8f0ccc92u, 0xffeff47du, 0x85845dd1u,
    0x6fa87e4fu, 0xfe2ce6e0u, 0xa3014314u, 0x4e0811a1u,
    0xf7537e82u, 0xbd3af235u, 0x2ad7d2bbu, 0xeb86d391u,
};

/* Rotation amounts, four per round. */
static const u8 R[16] = { 7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21 };

static void md5_block(u32 *h, const u8 *blk)
{
    u32 w[16];
    u32 a = h[0], b = h[1], c = h[2], d = h[3];
    u32 i;
    for (i = 0; i < 16; i++) {
        w[i] = rd32(blk + 4 * i);
    }
    for (i = 0; i < 64; i++) {
        u32 f, g, t;
        u32 round = i >> 4;
        if (round == 0) {
            f = (b & c) | (~b & d);
            g = i;
        } else if (round == 1) {
            f = (d & b) | (~d & c);
            g = 5 * i + 1;
        } else if (round == 2) {
            f = b ^ c ^ d;
            g = 3 * i + 5;
        } else {
            f = c ^ (b | ~d);
            g = 7 * i;
        }
        t = a + f + K[i] + w[g & 15];
        {
            u32 s = R[(round << 2) | (i & 3)];
            t = (t << s) | (t >> (32 - s));
        }
        a = d;
        d = c;
        c = b;
        b = b + t;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
}

void md5_init(md5_ctx *c)
{
    c->h[0] = 0x67452301u;
    c->h[1] = 0xefcdab89u;
    c->h[2] = 0x98badcfeu;
    c->h[3] = 0x10325476u;
    c->count = 0;
}

void md5_update(md5_ctx *c, const u8 *p, u32 n)
{
    u32 used = c->count & 63;
    c->count += n;
    if (used) {
        u32 take = 64 - used;
        if (take > n) {
            take = n;
        }
        mem_copy(c->block + used, p, take);
        p += take;
        n -= take;
        if (used + take < 64) {
            return;
        }
        md5_block(c->h, c->block);
    }
    while (n >= 64) {
        md5_block(c->h, p);
        p += 64;
        n -= 64;
    }
    mem_copy(c->block, p, n);
}

void md5_final(md5_ctx *c, u8 *digest)
{
    u32 used = c->count & 63;
    u32 bits_lo = c->count << 3, bits_hi = c->count >> 29;
    u32 i;
    c->block[used++] = 0x80;
    if (used > 56) {
        mem_set(c->block + used, 0, 64 - used);
        md5_block(c->h, c->block);
        used = 0;
    }
    mem_set(c->block + used, 0, 56 - used);
    wr32(c->block + 56, bits_lo);
    wr32(c->block + 60, bits_hi);
    md5_block(c->h, c->block);
    for (i = 0; i < 4; i++) {
        wr32(digest + 4 * i, c->h[i]);
    }
}
