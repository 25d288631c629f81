/* The two functions a compiler may call on its own even with -ffreestanding (target builds only). */
#include "stub.h"

void *memcpy(void *dst, const void *src, unsigned long n)
{
    mem_copy(dst, src, (u32)n);
    return dst;
}

void *memset(void *dst, int v, unsigned long n)
{
    mem_set(dst, v, (u32)n);
    return dst;
}
