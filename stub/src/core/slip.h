/* SLIP framing for the stub: a byte-at-a-time receiver feeding a small ring of frame buffers, and a sender. */
#ifndef JSTUB_SLIP_H
#define JSTUB_SLIP_H
#include "stub.h"

#define SLIP_BUFFERS 2

void slip_reset(void);
/* The oldest complete frame, or 0 if none has arrived; *len = its length. It stays valid until released. */
u8 *slip_frame(u32 *len);
void slip_release(void);
/* Frames dropped because they were malformed, too long or arrived with no free buffer. */
u32 slip_dropped(void);

void slip_send_start(void);
void slip_send(const u8 *p, u32 n);
void slip_send_end(void);
#endif
