#include "flashw.h"
#include "md5.h"

u32 fw_scratch[SECTOR / 4 + 1];

static u32 stage[SECTOR / 4];  /* the sector being assembled */
static u32 st_base, st_lo, st_hi;
static u8 st_active;

static u32 wr_addr, remaining;   /* next byte to write, bytes still expected */
static u32 win_end;              /* erase window end (exclusive, 4 KiB aligned) */
static u32 erase_ptr;            /* everything below is erased (or was blank) */
static u8 erase_running;

static md5_ctx hash;
static u32 hash_addr, hash_size;
static u8 hash_state;            /* 0 none, 1 running, 2 complete */
static u8 digest[16];

static int wait_erase(void)
{
    if (erase_running) {
        erase_running = 0;
        if (hal_flash_wait()) {
            return ST_SPI_FAIL;
        }
    }
    return ST_OK;
}

static int is_blank(u32 addr, u32 size)
{
    u32 done, i;
    for (done = 0; done < size; done += SECTOR) {
        if (hal_flash_read(addr + done, fw_scratch, SECTOR)) {
            return 0;
        }
        for (i = 0; i < SECTOR / 4; i++) {
            if (fw_scratch[i] != 0xFFFFFFFFu) {
                return 0;
            }
        }
    }
    return 1;
}

/* Erases (or finds blank) the next unit of the window: a 64 KiB block when aligned and the window
 * holds that much more, else a 4 KiB sector. Leaves the erase running. */
static int erase_next(void)
{
    u32 size;
    int r = wait_erase();
    if (r) {
        return r;
    }
    size = ((erase_ptr & (BLOCK64 - 1)) == 0 && win_end - erase_ptr >= BLOCK64) ? BLOCK64 : SECTOR;
    if (!is_blank(erase_ptr, size)) {
        if (hal_flash_erase_start(erase_ptr, size)) {
            return ST_SPI_FAIL;
        }
        erase_running = 1;
    }
    erase_ptr += size;
    return ST_OK;
}

static void stage_clear(void)
{
    u32 i;
    for (i = 0; i < SECTOR / 4; i++) {
        stage[i] = 0xFFFFFFFFu;
    }
}

/* Programs the staged sector, reads it back and hashes what was read. */
static int commit(void)
{
    u32 lo = st_lo & ~3u, hi = (st_hi + 3) & ~3u;
    int r = ST_OK;
    st_active = 0;
    while (erase_ptr <= st_base) {
        r = erase_next();
        if (r) {
            return r;
        }
    }
    r = wait_erase();
    if (r) {
        return r;
    }
    if (hal_flash_write(st_base + lo, (u8 *)stage + lo, hi - lo)) {
        return ST_SPI_FAIL;
    }
    if (hash_state == 1) {
        if (hal_flash_read(st_base + lo, (u8 *)stage + lo, hi - lo)) {
            return ST_SPI_FAIL;
        }
        md5_update(&hash, (u8 *)stage + st_lo, st_hi - st_lo);
        if (remaining == 0) {
            md5_final(&hash, digest);
            hash_state = 2;
        }
    }
    return ST_OK;
}

int fw_begin(u32 offset, u32 size)
{
    int r = wait_erase();
    st_active = 0;
    wr_addr = offset;
    remaining = size;
    erase_ptr = offset & ~(SECTOR - 1);
    win_end = (offset + size + SECTOR - 1) & ~(SECTOR - 1);
    if (size == 0) {
        win_end = erase_ptr;
    }
    hash_addr = offset;
    hash_size = size;
    hash_state = 1;
    md5_init(&hash);
    return r;
}

int fw_put(const u8 *p, u32 n)
{
    int r;
    if (n > remaining) {
        n = remaining; /* the last block arrives padded */
    }
    while (n) {
        u32 off = wr_addr & (SECTOR - 1), take = SECTOR - off;
        if (!st_active) {
            st_active = 1;
            st_base = wr_addr - off;
            st_lo = off;
            stage_clear();
        }
        if (take > n) {
            take = n;
        }
        mem_copy((u8 *)stage + off, p, take);
        p += take;
        n -= take;
        wr_addr += take;
        remaining -= take;
        st_hi = off + take;
        if (st_hi == SECTOR || remaining == 0) {
            r = commit();
            if (r) {
                hash_state = 0;
                return r;
            }
        }
    }
    return ST_OK;
}

u32 fw_remaining(void)
{
    return remaining;
}

int fw_block_done(void)
{
    int r = ST_OK;
    if (!erase_running && erase_ptr < win_end && remaining) {
        /* the one erase kept running ahead of the data */
        r = erase_next();
        if (r) {
            hash_state = 0;
        }
    }
    return r;
}

int fw_finish(void)
{
    int r = ST_OK;
    if (st_active) {
        r = commit();
    }
    if (wait_erase() && r == ST_OK) {
        r = ST_SPI_FAIL;
    }
    if (r) {
        hash_state = 0;
    }
    return r;
}

void fw_forget(void)
{
    hash_state = 0;
}

int fw_cached_md5(u32 addr, u32 size, u8 *out)
{
    if (hash_state != 2 || addr != hash_addr || size != hash_size || size == 0) {
        return 0;
    }
    mem_copy(out, digest, 16);
    return 1;
}
