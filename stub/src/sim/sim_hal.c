/*
 * Simulation hardware layer for QEMU runs of the real cross-compiled core: console on the machine's
 * 16550 UART, NOR flash kept in RAM (erase -> 0xFF, program -> AND, busy until waited for), registers as
 * plain memory, and a chip identity for the host's detection. SIM_UART, SIM_UART_STRIDE, SIM_FLASH,
 * SIM_FLASH_SIZE and SIM_CHIP_* come from the build.
 */
#include "stub.h"
#include "slip.h"

#define UART_REG(n) (*(volatile u8 *)(SIM_UART + (n) * SIM_UART_STRIDE))
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define MAGIC_REG 0x40001000u

static u8 *const flash = (u8 *)SIM_FLASH;
static u32 busy_countdown; /* polls left until a started erase "finishes" */

void hal_init(void)
{
    u32 i;
    UART_REG(3) = 0x80; /* LCR: divisor latch */
    UART_REG(0) = 1;    /* divisor 1: the fastest rate the emulated UART models */
    UART_REG(1) = 0;
    UART_REG(3) = 0x03; /* 8N1 */
    UART_REG(2) = 0x07; /* FCR: FIFOs on and cleared */
    for (i = 0; i < SIM_FLASH_SIZE / 4; i++) {
        ((u32 *)flash)[i] = 0xFFFFFFFFu;
    }
}

void hal_poll(void)
{
    u32 len;
    while ((UART_REG(5) & LSR_DATA_READY) && !slip_frame(&len)) {
        slip_rx(UART_REG(0));
    }
}

void hal_tx(const u8 *p, u32 n)
{
    while (n--) {
        while (!(UART_REG(5) & LSR_THR_EMPTY)) {
        }
        UART_REG(0) = *p++;
    }
}

void hal_tx_flush(void)
{
}

void hal_set_baud(u32 new_baud, u32 old_baud)
{
    (void)new_baud;
    (void)old_baud;
}

static int out_of_range(u32 addr, u32 len)
{
    return addr > SIM_FLASH_SIZE || len > SIM_FLASH_SIZE - addr;
}

int hal_flash_wait(void)
{
    busy_countdown = 0;
    return 0;
}

int hal_flash_read(u32 addr, void *dst, u32 len)
{
    hal_flash_wait();
    if (out_of_range(addr, len)) {
        return 1;
    }
    mem_copy(dst, flash + addr, len);
    return 0;
}

int hal_flash_write(u32 addr, const void *src, u32 len)
{
    const u32 *s = src;
    u32 *d = (u32 *)(flash + addr);
    hal_flash_wait();
    if (out_of_range(addr, len)) {
        return 1;
    }
    for (len >>= 2; len; len--) {
        *d++ &= *s++;
    }
    return 0;
}

int hal_flash_erase_start(u32 addr, u32 size)
{
    u32 *d = (u32 *)(flash + addr);
    hal_flash_wait();
    if (out_of_range(addr, size)) {
        return 1;
    }
    for (size >>= 2; size; size--) {
        *d++ = 0xFFFFFFFFu;
    }
    busy_countdown = 1;
    return 0;
}

int hal_flash_erase_chip(void)
{
    return hal_flash_erase_start(0, SIM_FLASH_SIZE);
}

int hal_flash_set_params(const u32 *p)
{
    return p[1] > SIM_FLASH_SIZE;
}

int hal_flash_attach(u32 pins)
{
    (void)pins;
    return 0;
}

u32 hal_flash_default_size(void)
{
    return SIM_FLASH_SIZE;
}

/* Registers: the magic word for chip detection; RAM reads and writes as memory; everything else (eFuses,
 * peripherals the machine does not have) reads 0 and ignores writes. */
static int in_ram(u32 addr)
{
    return addr >= SIM_RAM_LO && addr < SIM_RAM_HI && (addr & 3) == 0;
}

u32 hal_read_reg(u32 addr)
{
    if (addr == MAGIC_REG) {
        return SIM_CHIP_MAGIC;
    }
    return in_ram(addr) ? *(volatile u32 *)addr : 0;
}

void hal_write_reg(u32 addr, u32 value)
{
    if (in_ram(addr)) {
        *(volatile u32 *)addr = value;
    }
}

void hal_delay_us(u32 us)
{
    volatile u32 n = us * 10;
    while (n) {
        n--;
    }
}

u32 hal_security_info(u8 *buf)
{
#ifdef SIM_CHIP_ID
    /* flags 0, flash_crypt_cnt 0, key purposes 0, chip id, API version 0 */
    mem_set(buf, 0, 20);
    wr32(buf + 12, SIM_CHIP_ID);
    return 20;
#else
    (void)buf;
    return 0;
#endif
}

void hal_mem_write(u32 addr, u32 value)
{
    *(volatile u32 *)addr = value;
}

void hal_run(u32 entry)
{
    ((void (*)(void))entry)();
}

int hal_can_run_user_code(void)
{
    return 0;
}

extern u32 _bss_start[], _bss_end[];

void sim_main(void)
{
    u32 *p;
    for (p = _bss_start; p < _bss_end; p++) {
        *p = 0;
    }
    hal_init();
    for (;;) {
        stub_main();
    }
}
