/*
 * JEsptool flasher stub: the portable core's view of the world.
 *
 * The core (src/core) speaks the esptool stub protocol and plans flash work; everything that touches
 * hardware goes through the hal_* functions below, implemented once per chip family (src/hal) and once
 * for the host tests (test/fake_hal.c). The core uses no libc and no division by anything but powers of
 * two (the lx106 has no divide instruction and Debian's libgcc for it lacks the helpers).
 */
#ifndef JSTUB_STUB_H
#define JSTUB_STUB_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef signed int s32;
typedef unsigned long long u64;

#define SECTOR 0x1000u
#define BLOCK64 0x10000u
/* Largest request: 8-byte header + 16-byte data header + 16 KiB block, with some slack. */
#define FRAME_MAX (8u + 16u + 0x4000u + 40u)

/* Status codes (first status byte; esptool-facts 2.4, esp-flasher-stub column). */
enum {
    ST_OK = 0x00,
    ST_BAD_LEN = 0xC0,
    ST_BAD_CSUM = 0xC1,
    ST_BAD_BLOCKSIZE = 0xC2,
    ST_BAD_CMD = 0xC3,
    ST_SPI_FAIL = 0xC4,
    ST_NOT_FLASHING = 0xC6,
    ST_INFLATE = 0xC7,
    ST_NOT_ENOUGH = 0xC8,
    ST_TOO_MUCH = 0xC9,
};

/* ---- console ---- */
/* Everything the core needs before the first frame: console choice, clocks, watchdogs, interrupts. */
void hal_init(void);
/* Moves bytes that arrived on a polled console into slip_rx(); a no-op where an ISR does that. */
void hal_poll(void);
/* Sends raw bytes (blocking until they are queued). */
void hal_tx(const u8 *p, u32 n);
/* End of a frame: lets a packetised console (USB) send what it holds. */
void hal_tx_flush(void);
/* CHANGE_BAUDRATE after its reply was sent at the old rate. */
void hal_set_baud(u32 new_baud, u32 old_baud);

/* ---- SPI flash (addresses and lengths 4-byte aligned; 0 = success) ---- */
int hal_flash_read(u32 addr, void *dst, u32 len);
/* Programs bytes; waits for a running erase first. */
int hal_flash_write(u32 addr, const void *src, u32 len);
/* Starts erasing one 4 KiB sector or 64 KiB block at addr; may return before it is done. */
int hal_flash_erase_start(u32 addr, u32 size);
/* Waits until the flash is idle; returns the result of the last erase. */
int hal_flash_wait(void);
int hal_flash_erase_chip(void);
/* SPI_SET_PARAMS words: id, total size, block, sector, page, status mask. */
int hal_flash_set_params(const u32 *p);
int hal_flash_attach(u32 pins);
/* The flash size assumed until SPI_SET_PARAMS says otherwise. */
u32 hal_flash_default_size(void);

/* ---- the rest ---- */
u32 hal_read_reg(u32 addr);
void hal_write_reg(u32 addr, u32 value);
void hal_delay_us(u32 us);
/* Fills buf with GET_SECURITY_INFO's payload; returns its length (12 or 20), 0 if the chip has none. */
u32 hal_security_info(u8 *buf);
/* MEM_DATA: stores a word in RAM. MEM_END: runs loaded code (may return). */
void hal_mem_write(u32 addr, u32 value);
void hal_run(u32 entry);
/* RUN_USER_CODE: returns nonzero if the chip can leave the stub for the ROM boot path. */
int hal_can_run_user_code(void);

/* ---- core entry points ---- */
/* Called for every received byte (from an ISR or from hal_poll). */
void slip_rx(u8 b);
/* Clears state, sends OHAI and serves commands; returns only on RUN_USER_CODE. */
void stub_main(void);

/* ---- small helpers (util.c) ---- */
void mem_copy(void *dst, const void *src, u32 n);
void mem_set(void *dst, int v, u32 n);
u32 udiv32(u32 n, u32 d);
u32 rd32(const u8 *p);
void wr32(u8 *p, u32 v);

#endif
