/*
 * The flash write planner: takes the bytes of one FLASH_BEGIN..END range in order, stages them per
 * 4 KiB sector, erases just ahead of the data (never outside the window, skipping blank sectors),
 * programs each sector, reads it back and hashes the read-back into a running MD5 (STUB-CONTRACT 4, 5).
 */
#ifndef JSTUB_FLASHW_H
#define JSTUB_FLASHW_H
#include "stub.h"

/* Starts a range (nothing is erased until fw_block_done or data needs it). Returns a status code. */
int fw_begin(u32 offset, u32 size);
/* Adds data at the write pointer; bytes beyond the announced size are ignored (block padding). */
int fw_put(const u8 *p, u32 n);
/* Bytes the range still expects. */
u32 fw_remaining(void);
/* After FLASH_BEGIN's reply and after each block: keeps one erase running ahead of the data. */
int fw_block_done(void);
/* Waits until every erase and write has finished. */
int fw_finish(void);
/* Forgets the running hash (flash changed behind its back, or a write failed). */
void fw_forget(void);
/* If [addr, addr+size) is exactly the range last written and it was hashed completely: digest, 1. */
int fw_cached_md5(u32 addr, u32 size, u8 *digest);
/* A 4 KiB (+4) scratch buffer for reads (blank checks, MD5, READ_FLASH); not used across commands. */
extern u32 fw_scratch[SECTOR / 4 + 1]; /* one spare word for unaligned reads */
#endif
