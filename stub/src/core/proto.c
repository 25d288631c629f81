/* Command dispatch: the esptool stub protocol (stub-facts 1.2) on top of the SLIP layer and the planner. */
#include "stub.h"
#include "slip.h"
#include "flashw.h"
#include "inflate.h"
#include "md5.h"

enum {
    OP_FLASH_BEGIN = 0x02, OP_FLASH_DATA = 0x03, OP_FLASH_END = 0x04,
    OP_MEM_BEGIN = 0x05, OP_MEM_END = 0x06, OP_MEM_DATA = 0x07,
    OP_SYNC = 0x08, OP_WRITE_REG = 0x09, OP_READ_REG = 0x0A,
    OP_SPI_SET_PARAMS = 0x0B, OP_SPI_ATTACH = 0x0D, OP_CHANGE_BAUD = 0x0F,
    OP_DEFL_BEGIN = 0x10, OP_DEFL_DATA = 0x11, OP_DEFL_END = 0x12,
    OP_SPI_FLASH_MD5 = 0x13, OP_GET_SECURITY_INFO = 0x14,
    OP_ERASE_FLASH = 0xD0, OP_ERASE_REGION = 0xD1, OP_READ_FLASH = 0xD2, OP_RUN_USER_CODE = 0xD3,
};

/* The identification the virtual device looks for in the data segment (STUB-CONTRACT 2). */
const char stub_marker[13] __attribute__((used, section(".rodata.jstub_marker"))) = { 'J', 'E', 's', 'p', 't', 'o', 'o', 'l', 'S', 't', 'u', 'b', 1 };

static u8 window[INF_WINDOW] __attribute__((aligned(4)));
static inflater inf;

static u8 flashing;        /* 0 none, 1 plain, 2 deflate */
static u32 flash_size;
static u32 defl_budget;    /* compressed bytes still allowed (nblocks x blksize) */
static u32 win_flushed;    /* window bytes already handed to the planner */
static u8 defl_done;
static u8 pending;         /* error found after a block was acked: answers the next command */
static u32 mem_addr, mem_left;
static u8 mem_active;
static u8 frame_released; /* the command frame was given back early (READ_FLASH waits for acks) */

/* ---- replies ---- */
static void reply(u8 op, u32 value, const u8 *payload, u32 n, u8 status)
{
    u8 h[8];
    u8 st[2];
    if (status != ST_OK) {
        n = 0;
    }
    h[0] = 1;
    h[1] = op;
    h[2] = (u8)(n + 2);
    h[3] = (u8)((n + 2) >> 8);
    wr32(h + 4, value);
    st[0] = status;
    st[1] = 0;
    slip_send_start();
    slip_send(h, 8);
    slip_send(payload, n);
    slip_send(st, 2);
    slip_send_end();
}

static void raw_frame(const u8 *p, u32 n)
{
    slip_send_start();
    slip_send(p, n);
    slip_send_end();
}

/* Waits for the next frame (polling consoles are read here). */
static u8 *next_frame(u32 *len)
{
    u8 *f;
    while ((f = slip_frame(len)) == 0) {
        hal_poll();
    }
    return f;
}

static int beyond_flash(u32 addr, u32 size)
{
    return addr > flash_size || size > flash_size - addr;
}

/* ---- flashing ---- */
static u8 flash_begin(const u8 *d, u32 n, int deflate)
{
    u32 size, nblocks, blksize, offset;
    int r;
    if (n != 16 && n != 20) {
        return ST_BAD_LEN;
    }
    size = rd32(d);
    nblocks = rd32(d + 4);
    blksize = rd32(d + 8);
    offset = rd32(d + 12);
    if (n == 20 && rd32(d + 16)) {
        /* encrypted writes are not implemented: refuse rather than write plaintext */
        return ST_BAD_CMD;
    }
    if (blksize > 0x4000 && size) {
        return ST_BAD_BLOCKSIZE;
    }
    if (beyond_flash(offset, size)) {
        return ST_SPI_FAIL;
    }
    flashing = 0;
    r = fw_begin(offset, size);
    if (r) {
        return (u8)r;
    }
    flashing = deflate ? 2 : 1;
    if (deflate) {
        inflate_init(&inf, window);
        win_flushed = 0;
        defl_done = 0;
        /* blksize <= 16 KiB here, so the product fits 32 bits below 2^18 blocks */
        defl_budget = nblocks >= 0x40000 ? 0xFFFFFFFFu : nblocks * blksize;
    }
    return ST_OK;
}

/* Checks a *_DATA frame length; on success data and len give the block. */
static u8 data_check(const u8 *d, u32 n, const u8 **data, u32 *len)
{
    if (n < 16 || rd32(d) != n - 16) {
        return ST_BAD_LEN;
    }
    *data = d + 16;
    *len = n - 16;
    return ST_OK;
}

static u8 checksum_ok(const u8 *d, u32 n, u32 chk)
{
    u32 sum = 0xEF;
    while (n--) {
        sum ^= *d++;
    }
    return (sum & 0xFF) == (chk & 0xFF);
}

/* Hands the new window bytes to the planner. */
static int defl_flush(void)
{
    u32 end = inf.wpos;
    int r = ST_OK;
    if (end > win_flushed) {
        u32 n = end - win_flushed;
        if (n > fw_remaining()) {
            return ST_TOO_MUCH;
        }
        r = fw_put(window + win_flushed, n);
    }
    win_flushed = end == INF_WINDOW ? 0 : end;
    return r;
}

static int defl_block(const u8 *p, u32 n)
{
    int r;
    if (defl_done) {
        return n ? ST_TOO_MUCH : ST_OK;
    }
    for (;;) {
        u32 used = 0;
        int s = inflate_feed(&inf, p, n, &used);
        p += used;
        n -= used;
        if (s == INF_ERROR) {
            return ST_INFLATE;
        }
        r = defl_flush();
        if (r) {
            return r;
        }
        if (s == INF_DONE) {
            defl_done = 1;
            if (n || inflate_excess(&inf)) {
                return ST_TOO_MUCH;
            }
            return fw_remaining() ? ST_NOT_ENOUGH : ST_OK;
        }
        if (s == INF_NEED_INPUT) {
            return ST_OK;
        }
    }
}

static void flash_data(u8 op, const u8 *d, u32 n, u32 chk)
{
    const u8 *data;
    u32 len;
    u8 st;
    int r;
    if (!flashing || (op == OP_DEFL_DATA) != (flashing == 2)) {
        reply(op, 0, 0, 0, ST_NOT_FLASHING);
        return;
    }
    st = data_check(d, n, &data, &len);
    if (st == ST_OK && !checksum_ok(data, len, chk)) {
        st = ST_BAD_CSUM;
    }
    if (st == ST_OK && flashing == 1 && fw_remaining() == 0 && len) {
        st = ST_TOO_MUCH;
    }
    if (st == ST_OK && flashing == 2) {
        if (len > defl_budget) {
            st = ST_TOO_MUCH;
        } else {
            defl_budget -= len;
        }
    }
    reply(op, 0, 0, 0, st);
    if (st != ST_OK) {
        return;
    }
    /* acked; now the work, while the next block is on the wire */
    r = flashing == 2 ? defl_block(data, len) : fw_put(data, len);
    if (r == ST_OK) {
        r = fw_block_done();
    }
    if (r) {
        pending = (u8)r;
        fw_forget();
    }
}

static void flash_end(u8 op, const u8 *d, u32 n)
{
    u8 st = ST_OK;
    (void)d;
    if (n != 4) {
        st = ST_BAD_LEN;
    } else if (!flashing || (op == OP_DEFL_END) != (flashing == 2)) {
        st = ST_NOT_FLASHING;
    } else if (fw_remaining()) {
        st = ST_NOT_ENOUGH;
    } else if (flashing == 2 && !defl_done) {
        /* every byte arrived but the stream's end (and its checksum) did not */
        st = ST_NOT_ENOUGH;
    }
    if (st == ST_OK || st == ST_NOT_ENOUGH) {
        int r = fw_finish();
        if (r && st == ST_OK) {
            st = (u8)r;
        }
        flashing = 0;
    }
    reply(op, 0, 0, 0, st);
}

/* ---- reading ---- */
static u8 flash_md5(u32 addr, u32 size, u8 *out)
{
    md5_ctx c;
    if (fw_cached_md5(addr, size, out)) {
        return ST_OK;
    }
    if (hal_flash_wait()) {
        return ST_SPI_FAIL;
    }
    md5_init(&c);
    while (size) {
        u32 a = addr & ~3u, skip = addr & 3u;
        u32 n = SECTOR - skip;
        if (n > size) {
            n = size;
        }
        if (hal_flash_read(a, fw_scratch, (skip + n + 3) & ~3u)) {
            return ST_SPI_FAIL;
        }
        md5_update(&c, (u8 *)fw_scratch + skip, n);
        addr += n;
        size -= n;
    }
    md5_final(&c, out);
    return ST_OK;
}

/* READ_FLASH: packets of `packet` bytes, up to `window` unacknowledged (STUB-CONTRACT 6), then the MD5. */
static void read_flash(const u8 *d, u32 n)
{
    u32 offset, length, packet, inflight, sent = 0, acked = 0;
    md5_ctx c;
    u8 dig[16];
    if (n != 16) {
        reply(OP_READ_FLASH, 0, 0, 0, ST_BAD_LEN);
        return;
    }
    offset = rd32(d);
    length = rd32(d + 4);
    packet = rd32(d + 8);
    inflight = rd32(d + 12);
    if (packet == 0 || packet > SECTOR) {
        reply(OP_READ_FLASH, 0, 0, 0, ST_BAD_LEN);
        return;
    }
    if (beyond_flash(offset, length)) {
        reply(OP_READ_FLASH, 0, 0, 0, ST_SPI_FAIL);
        return;
    }
    if (inflight < 2 || inflight > 16) {
        inflight = 1;
    }
    if (hal_flash_wait()) {
        reply(OP_READ_FLASH, 0, 0, 0, ST_SPI_FAIL);
        return;
    }
    slip_release();
    frame_released = 1;
    reply(OP_READ_FLASH, 0, 0, 0, ST_OK);
    md5_init(&c);
    while (acked < length) {
        while (sent < length && sent - acked < inflight * packet) {
            u32 addr = offset + sent, skip = addr & 3u, k = length - sent;
            if (k > packet) {
                k = packet;
            }
            if (hal_flash_read(addr & ~3u, fw_scratch, (skip + k + 3) & ~3u)) {
                pending = ST_SPI_FAIL;
                return;
            }
            md5_update(&c, (u8 *)fw_scratch + skip, k);
            raw_frame((u8 *)fw_scratch + skip, k);
            sent += k;
        }
        {
            u32 len;
            u8 *f = next_frame(&len);
            u32 v = len == 4 ? rd32(f) : 0xFFFFFFFFu;
            slip_release();
            if (len != 4 || v > sent || v < acked) {
                return; /* not an ack: the host gave up; this frame is dropped */
            }
            acked = v;
        }
    }
    md5_final(&c, dig);
    raw_frame(dig, 16);
}

/* ---- erasing ---- */
static u8 erase_region(u32 addr, u32 size)
{
    if ((addr | size) & (SECTOR - 1)) {
        return ST_BAD_LEN;
    }
    if (beyond_flash(addr, size)) {
        return ST_SPI_FAIL;
    }
    fw_forget();
    while (size) {
        u32 unit = ((addr & (BLOCK64 - 1)) == 0 && size >= BLOCK64) ? BLOCK64 : SECTOR;
        if (hal_flash_wait() || hal_flash_erase_start(addr, unit)) {
            return ST_SPI_FAIL;
        }
        addr += unit;
        size -= unit;
    }
    return hal_flash_wait() ? ST_SPI_FAIL : ST_OK;
}

/* ---- dispatch ---- */
static int handle(u8 op, const u8 *d, u32 n, u32 chk)
{
    u8 st = ST_OK;
    u8 out[32]; /* room for whatever a ROM's security-info call writes */
    u32 value = 0, outn = 0;
    if (pending && op != OP_SYNC) {
        /* a failure found after an ack is the answer to the next command, which is not run */
        st = pending;
        pending = 0;
        flashing = 0;
        reply(op, 0, 0, 0, st);
        return 0;
    }
    switch (op) {
    case OP_SYNC: {
        int i;
        if (n != 36) {
            st = ST_BAD_LEN;
            break;
        }
        for (i = 0; i < 7; i++) {
            reply(op, 0, 0, 0, ST_OK);
        }
        break;
    }
    case OP_FLASH_BEGIN:
    case OP_DEFL_BEGIN:
        st = flash_begin(d, n, op == OP_DEFL_BEGIN);
        reply(op, 0, 0, 0, st);
        if (st == ST_OK) {
            /* the first erase starts after the reply, so a slow erase never delays it */
            int r = fw_block_done();
            if (r) {
                pending = (u8)r;
            }
        }
        return 0;
    case OP_FLASH_DATA:
    case OP_DEFL_DATA:
        flash_data(op, d, n, chk);
        return 0;
    case OP_FLASH_END:
    case OP_DEFL_END:
        flash_end(op, d, n);
        return 0;
    case OP_SPI_FLASH_MD5:
        if (n != 16) {
            st = ST_BAD_LEN;
        } else if (beyond_flash(rd32(d), rd32(d + 4))) {
            st = ST_SPI_FAIL;
        } else {
            st = flash_md5(rd32(d), rd32(d + 4), out);
            outn = 16;
        }
        break;
    case OP_READ_FLASH:
        read_flash(d, n);
        return 0;
    case OP_ERASE_FLASH:
        fw_forget();
        st = (hal_flash_wait() || hal_flash_erase_chip()) ? ST_SPI_FAIL : ST_OK;
        break;
    case OP_ERASE_REGION:
        st = n != 8 ? ST_BAD_LEN : erase_region(rd32(d), rd32(d + 4));
        break;
    case OP_READ_REG:
        if (n != 4) {
            st = ST_BAD_LEN;
        } else {
            value = hal_read_reg(rd32(d));
        }
        break;
    case OP_WRITE_REG: {
        u32 i;
        if (n & 15) {
            st = ST_BAD_LEN;
            break;
        }
        for (i = 0; i < n; i += 16) {
            u32 addr = rd32(d + i), v = rd32(d + i + 4), mask = rd32(d + i + 8), delay = rd32(d + i + 12);
            if (delay) {
                hal_delay_us(delay);
            }
            if (mask != 0xFFFFFFFFu) {
                v = (v & mask) | (hal_read_reg(addr) & ~mask);
            }
            hal_write_reg(addr, v);
        }
        break;
    }
    case OP_SPI_SET_PARAMS:
        if (n != 24) {
            st = ST_BAD_LEN;
        } else {
            u32 p[6], i;
            for (i = 0; i < 6; i++) {
                p[i] = rd32(d + 4 * i);
            }
            if (hal_flash_set_params(p)) {
                st = ST_SPI_FAIL;
            } else {
                flash_size = p[1];
            }
        }
        break;
    case OP_SPI_ATTACH:
        if (n != 4 && n != 8) {
            st = ST_BAD_LEN;
        } else if (hal_flash_attach(rd32(d))) {
            st = ST_SPI_FAIL;
        }
        break;
    case OP_CHANGE_BAUD:
        if (n != 8) {
            st = ST_BAD_LEN;
            break;
        }
        reply(op, 0, 0, 0, ST_OK);
        hal_set_baud(rd32(d), rd32(d + 4));
        return 0;
    case OP_GET_SECURITY_INFO:
        outn = hal_security_info(out);
        if (outn == 0) {
            st = ST_BAD_CMD;
        }
        break;
    case OP_MEM_BEGIN:
        if (n != 16) {
            st = ST_BAD_LEN;
        } else {
            mem_left = rd32(d);
            mem_addr = rd32(d + 12);
            mem_active = 1;
        }
        break;
    case OP_MEM_DATA: {
        u32 len = n >= 16 ? rd32(d) : 0, i;
        if (!mem_active) {
            st = ST_NOT_FLASHING;
        } else if (n < 16 || len != n - 16 || (len & 3) || (mem_addr & 3)) {
            st = ST_BAD_LEN;
        } else if (len > mem_left) {
            st = ST_TOO_MUCH;
        } else {
            for (i = 0; i < len; i += 4) {
                hal_mem_write(mem_addr + i, rd32(d + 16 + i));
            }
            mem_addr += len;
            mem_left -= len;
        }
        break;
    }
    case OP_MEM_END:
        if (n != 8) {
            st = ST_BAD_LEN;
        } else if (!mem_active) {
            st = ST_NOT_FLASHING;
        } else if (mem_left) {
            st = ST_NOT_ENOUGH;
        }
        reply(op, 0, 0, 0, st);
        if (st == ST_OK) {
            mem_active = 0;
            if (rd32(d) == 0 && rd32(d + 4)) {
                hal_run(rd32(d + 4));
            }
        }
        return 0;
    case OP_RUN_USER_CODE:
        return hal_can_run_user_code();
    default:
        st = ST_BAD_CMD;
        break;
    }
    reply(op, value, out, outn, st);
    return 0;
}

void stub_main(void)
{
    static const u8 ohai[4] = { 'O', 'H', 'A', 'I' };
    slip_reset();
    flashing = 0;
    pending = 0;
    mem_active = 0;
    flash_size = hal_flash_default_size();
    raw_frame(ohai, 4);
    for (;;) {
        u32 len, n;
        u8 *f = next_frame(&len);
        int leave = 0;
        if (len >= 8 && f[0] == 0) {
            n = f[2] | ((u32)f[3] << 8);
            if (n != len - 8) {
                reply(f[1], 0, 0, 0, ST_BAD_LEN);
            } else {
                leave = handle(f[1], f + 8, n, rd32(f + 4));
            }
        }
        if (!frame_released) {
            slip_release();
        }
        frame_released = 0;
        if (leave) {
            return;
        }
    }
}
