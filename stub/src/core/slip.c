#include "slip.h"

#define END 0xC0
#define ESC 0xDB
#define ESC_END 0xDC
#define ESC_ESC 0xDD

static u32 rx_words[SLIP_BUFFERS][(FRAME_MAX + 3) / 4]; /* word arrays keep frame data 4-byte aligned */
static volatile u32 ready_len[SLIP_BUFFERS];            /* nonzero: frame complete, owned by the reader */
static u32 fill;      /* buffer the receiver fills */
static u32 head;      /* oldest buffer the reader has not released */
static u32 rx_len;
static u8 in_frame, escaped, bad;
static u32 dropped;

void slip_reset(void)
{
    u32 i;
    for (i = 0; i < SLIP_BUFFERS; i++) {
        ready_len[i] = 0;
    }
    fill = head = rx_len = 0;
    in_frame = escaped = bad = 0;
    dropped = 0;
}

void slip_rx(u8 b)
{
    u8 *buf;
    if (b == END) {
        if (in_frame && rx_len) {
            if (bad || escaped) {
                dropped++;
            } else {
                ready_len[fill] = rx_len;
                fill = (fill + 1) & (SLIP_BUFFERS - 1);
            }
        }
        in_frame = 1;
        rx_len = 0;
        escaped = bad = 0;
        return;
    }
    if (!in_frame) {
        return; /* noise before the first frame */
    }
    if (ready_len[fill] || rx_len >= FRAME_MAX) {
        bad = 1; /* no free buffer, or longer than any legal request */
        rx_len = 1;
        return;
    }
    if (escaped) {
        escaped = 0;
        if (b == ESC_END) {
            b = END;
        } else if (b == ESC_ESC) {
            b = ESC;
        } else {
            bad = 1;
        }
    } else if (b == ESC) {
        escaped = 1;
        return;
    }
    if (bad) {
        rx_len = 1;
        return;
    }
    buf = (u8 *)rx_words[fill];
    buf[rx_len++] = b;
}

u8 *slip_frame(u32 *len)
{
    u32 n = ready_len[head];
    if (n == 0) {
        return 0;
    }
    *len = n;
    return (u8 *)rx_words[head];
}

void slip_release(void)
{
    ready_len[head] = 0;
    head = (head + 1) & (SLIP_BUFFERS - 1);
}

u32 slip_dropped(void)
{
    return dropped;
}

/* ---- sending ---- */
static u8 txbuf[64];
static u32 txn;

static void tx_push(u8 b)
{
    txbuf[txn++] = b;
    if (txn == sizeof txbuf) {
        hal_tx(txbuf, txn);
        txn = 0;
    }
}

void slip_send_start(void)
{
    tx_push(END);
}

void slip_send(const u8 *p, u32 n)
{
    while (n--) {
        u8 b = *p++;
        if (b == END) {
            tx_push(ESC);
            tx_push(ESC_END);
        } else if (b == ESC) {
            tx_push(ESC);
            tx_push(ESC_ESC);
        } else {
            tx_push(b);
        }
    }
}

void slip_send_end(void)
{
    tx_push(END);
    if (txn) {
        hal_tx(txbuf, txn);
        txn = 0;
    }
    hal_tx_flush();
}
