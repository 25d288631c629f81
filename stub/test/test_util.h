/* Shared by the host test files: counters, the CHECK macro, a fixed pseudo-random source, zlib helpers. */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H
#include <stdio.h>
#include "stub.h"

extern int passed, failed;
#define CHECK(cond, ...) do { if (cond) { passed++; } else { failed++; printf("FAIL %s:%d: ", __FILE__, __LINE__); \
    printf(__VA_ARGS__); printf("\n"); } } while (0)

u32 rnd(void);
/* Text-like, compressible bytes. */
void fill_text(u8 *p, u32 n);
/* zlib-compresses in[0..n); flush_every > 0 ends a block (Z_FULL_FLUSH) every so many input bytes and
 * records the output offsets of those boundaries in bounds/nb. Returns the compressed length. */
u32 zcompress(const u8 *in, u32 n, u8 *out, u32 cap, int level, int strategy, u32 flush_every, u32 *bounds, int *nb);

void test_md5(void);
void test_inflate(void);
void test_protocol(void);
#endif
