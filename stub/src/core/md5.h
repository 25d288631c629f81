/* MD5 (RFC 1321), written for the stub: small, no libc. */
#ifndef JSTUB_MD5_H
#define JSTUB_MD5_H
#include "stub.h"

typedef struct {
    u32 h[4];
    u32 count;      /* bytes hashed so far (the stub never hashes 4 GiB) */
    u8 block[64];
} md5_ctx;

void md5_init(md5_ctx *c);
void md5_update(md5_ctx *c, const u8 *p, u32 n);
/* Writes the 16-byte digest; c is left unusable. */
void md5_final(md5_ctx *c, u8 *digest);
#endif
