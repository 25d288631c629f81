/* Byte helpers and a shift-subtract divider (no libc, no hardware divide needed). */
#include "stub.h"

void mem_copy(void *dst, const void *src, u32 n)
{
    u8 *d = dst;
    const u8 *s = src;
    if ((((u32)(unsigned long)d | (u32)(unsigned long)s | n) & 3) == 0) {
        u32 *dw = dst;
        const u32 *sw = src;
        for (n >>= 2; n; n--) {
            *dw++ = *sw++;
        }
        return;
    }
    while (n--) {
        *d++ = *s++;
    }
}

void mem_set(void *dst, int v, u32 n)
{
    u8 *d = dst;
    while (n--) {
        *d++ = (u8)v;
    }
}

u32 udiv32(u32 n, u32 d)
{
    u32 q = 0, r = 0;
    int i;
    if (d == 0) {
        return 0xFFFFFFFFu;
    }
    for (i = 31; i >= 0; i--) {
        r = (r << 1) | ((n >> i) & 1);
        if (r >= d) {
            r -= d;
            q |= 1u << i;
        }
    }
    return q;
}

u32 rd32(const u8 *p)
{
    return (u32)p[0] | ((u32)p[1] << 8) | ((u32)p[2] << 16) | ((u32)p[3] << 24);
}

void wr32(u8 *p, u32 v)
{
    p[0] = (u8)v;
    p[1] = (u8)(v >> 8);
    p[2] = (u8)(v >> 16);
    p[3] = (u8)(v >> 24);
}
