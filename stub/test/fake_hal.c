/*
 * A fake chip for the host tests: NOR flash in an array (erase -> 0xFF, program -> AND, a busy flag that
 * only hal_flash_wait clears), a register file, RAM for MEM_*, and a scripted serial line.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fake_hal.h"

u8 fl[FAKE_FLASH];
struct erase_rec erases[MAX_ERASES];
int n_erases;
int violations;         /* flash used while an erase was running */
int fail_write_at = -1; /* hal_flash_write fails when it touches this address */
u32 stuck_addr = 0xFFFFFFFF; /* this byte does not program (reads 0xFF after writes) */
int busy;
u8 outbuf[OUT_MAX];
u32 outn;
u8 inq[IN_MAX];
u32 inq_len, inq_pos;
int replies_while_busy;
int auto_ack;
u32 max_unacked;
u8 ram[4096];
u32 regs[16];
u32 ran_entry;
static jmp_buf stop;
static u32 ack_scan;  /* output position already examined for READ_FLASH packets */
static u32 acked_total;

void die(const char *m)
{
    fprintf(stderr, "fake hal: %s\n", m);
    exit(2);
}

/* ---- serial ---- */
void hal_init(void) { }

void hal_tx(const u8 *p, u32 n)
{
    if (outn + n > OUT_MAX) {
        die("output overflow");
    }
    memcpy(outbuf + outn, p, n);
    outn += n;
}

void hal_tx_flush(void)
{
    if (busy) {
        replies_while_busy++;
    }
}

void hal_set_baud(u32 n, u32 o) { (void)n; (void)o; }

/* Counts READ_FLASH data frames sent since the last look and queues one ack for all of them. */
static u32 ack_skip, ack_expect;

static void auto_acknowledge(void)
{
    u32 i, count = 0;
    for (i = ack_scan; i < outn; i++) {
        u32 len = 0;
        if (outbuf[i] != 0xC0) {
            continue;
        }
        for (i++; i < outn && outbuf[i] != 0xC0; i++) {
            if (outbuf[i] == 0xDB) {
                i++;
            }
            len++;
        }
        if (ack_skip) {
            ack_skip--;
        } else if (acked_total < ack_expect) {
            acked_total += len;
            count++;
        }
    }
    ack_scan = outn;
    if (count == 0) {
        return;
    }
    if (count > max_unacked) {
        max_unacked = count;
    }
    u8 d[4] = { (u8)acked_total, (u8)(acked_total >> 8), (u8)(acked_total >> 16), (u8)(acked_total >> 24) };
    queue_raw(d, 4);
}

/* Acks READ_FLASH packets whenever the stub waits; skip = frames before the first packet. */
void start_auto_ack(u32 expect, u32 skip)
{
    auto_ack = 1;
    ack_scan = 0;
    ack_skip = skip;
    ack_expect = expect;
    acked_total = 0;
    max_unacked = 0;
}

void hal_poll(void)
{
    u32 len;
    if (inq_pos == inq_len && auto_ack) {
        auto_acknowledge();
    }
    if (inq_pos == inq_len) {
        longjmp(stop, 1);
    }
    while (inq_pos < inq_len && !slip_frame(&len)) {
        slip_rx(inq[inq_pos++]);
    }
}

/* ---- flash ---- */
int hal_flash_read(u32 addr, void *dst, u32 len)
{
    if ((addr | len) & 3) {
        die("unaligned read");
    }
    if (busy) {
        violations++;
    }
    if (addr + len > FAKE_FLASH) {
        return 1;
    }
    memcpy(dst, fl + addr, len);
    return 0;
}

int hal_flash_write(u32 addr, const void *src, u32 len)
{
    const u8 *s = src;
    u32 i;
    if ((addr | len) & 3) {
        die("unaligned write");
    }
    if (busy) {
        violations++;
    }
    if (addr + len > FAKE_FLASH) {
        return 1;
    }
    if (fail_write_at >= 0 && (u32)fail_write_at >= addr && (u32)fail_write_at < addr + len) {
        return 1;
    }
    for (i = 0; i < len; i++) {
        if (addr + i != stuck_addr) {
            fl[addr + i] &= s[i];
        }
    }
    return 0;
}

int hal_flash_erase_start(u32 addr, u32 size)
{
    if (busy) {
        violations++;
    }
    if ((size != 0x1000 && size != 0x10000) || (addr & (size - 1)) || addr + size > FAKE_FLASH) {
        die("bad erase");
    }
    if (n_erases < MAX_ERASES) {
        erases[n_erases].addr = addr;
        erases[n_erases].size = size;
    }
    n_erases++;
    memset(fl + addr, 0xFF, size);
    busy = 1;
    return 0;
}

int hal_flash_wait(void)
{
    busy = 0;
    return 0;
}

int hal_flash_erase_chip(void)
{
    memset(fl, 0xFF, FAKE_FLASH);
    return 0;
}

int hal_flash_set_params(const u32 *p)
{
    return p[1] > FAKE_FLASH ? 1 : 0;
}

int hal_flash_attach(u32 pins) { (void)pins; return 0; }

u32 hal_flash_default_size(void) { return FAKE_FLASH; }

/* ---- misc ---- */
u32 hal_read_reg(u32 addr)
{
    if ((addr & 0xFFFFFFC0u) == 0x3FF000C0u) {
        return regs[(addr >> 2) & 15];
    }
    return addr ^ 0xA5A5A5A5u;
}

void hal_write_reg(u32 addr, u32 v)
{
    if ((addr & 0xFFFFFFC0u) == 0x3FF000C0u) {
        regs[(addr >> 2) & 15] = v;
    }
}

void hal_delay_us(u32 us) { (void)us; }

u32 hal_security_info(u8 *buf) { (void)buf; return 0; }

void hal_mem_write(u32 addr, u32 v)
{
    if (addr < 0x40000000u || addr + 4 > 0x40000000u + sizeof ram) {
        die("MEM_DATA outside the fake RAM");
    }
    memcpy(ram + (addr - 0x40000000u), &v, 4);
}

void hal_run(u32 entry) { ran_entry = entry; }

int hal_can_run_user_code(void) { return 1; }

/* ---- script helpers ---- */
void queue_raw(const u8 *p, u32 n)
{
    u32 i;
    if (inq_len + 2 * n + 2 > IN_MAX) {
        die("input overflow");
    }
    inq[inq_len++] = 0xC0;
    for (i = 0; i < n; i++) {
        if (p[i] == 0xC0) {
            inq[inq_len++] = 0xDB;
            inq[inq_len++] = 0xDC;
        } else if (p[i] == 0xDB) {
            inq[inq_len++] = 0xDB;
            inq[inq_len++] = 0xDD;
        } else {
            inq[inq_len++] = p[i];
        }
    }
    inq[inq_len++] = 0xC0;
}

void queue_bytes(const u8 *p, u32 n)
{
    if (inq_len + n > IN_MAX) {
        die("input overflow");
    }
    memcpy(inq + inq_len, p, n);
    inq_len += n;
}

void queue_cmd(u8 op, const u8 *data, u32 n, u32 chk)
{
    static u8 buf[8 + 0x8000];
    buf[0] = 0;
    buf[1] = op;
    buf[2] = (u8)n;
    buf[3] = (u8)(n >> 8);
    memcpy(buf + 4, &chk, 4);
    if (n) {
        memcpy(buf + 8, data, n);
    }
    queue_raw(buf, 8 + n);
}

void run_stub(void)
{
    outn = 0;
    replies_while_busy = 0;
    if (setjmp(stop) == 0) {
        stub_main();
    }
    auto_ack = 0;
    inq_len = inq_pos = 0;
}

/* Decodes frame number k (0-based) of the output; returns its length or -1. */
int out_frame(int k, u8 *dst)
{
    u32 i = 0;
    int idx = -1;
    while (i < outn) {
        if (outbuf[i] != 0xC0) {
            i++;
            continue;
        }
        i++;
        u32 len = 0;
        while (i < outn && outbuf[i] != 0xC0) {
            u8 b = outbuf[i++];
            if (b == 0xDB) {
                b = outbuf[i++] == 0xDC ? 0xC0 : 0xDB;
            }
            if (idx + 1 == k) {
                dst[len] = b;
            }
            len++;
        }
        i++;
        idx++;
        if (idx == k) {
            return (int)len;
        }
    }
    return -1;
}
