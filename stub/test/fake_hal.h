#ifndef FAKE_HAL_H
#define FAKE_HAL_H
#include "stub.h"
#include "slip.h"

#define FAKE_FLASH (4u << 20)
#define MAX_ERASES 4096
#define OUT_MAX (12u << 20)
#define IN_MAX (12u << 20)

struct erase_rec { u32 addr, size; };
extern u8 fl[FAKE_FLASH];
extern struct erase_rec erases[MAX_ERASES];
extern int n_erases, violations, fail_write_at, busy, replies_while_busy, auto_ack;
extern u32 stuck_addr, outn, max_unacked, regs[16], ran_entry;
extern u8 outbuf[OUT_MAX], ram[4096];

void die(const char *m);
void queue_raw(const u8 *p, u32 n);
void queue_bytes(const u8 *p, u32 n);
void queue_cmd(u8 op, const u8 *data, u32 n, u32 chk);
void start_auto_ack(u32 expect, u32 skip);
void run_stub(void);
int out_frame(int k, u8 *dst);
#endif
