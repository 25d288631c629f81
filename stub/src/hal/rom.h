/*
 * ROM functions the chip layers call. The names are ours; each chip's ld/rom/<chip>.ld gives their addresses
 * (stub-facts 2.5). Return values: 0 = OK, 1 = error, 2 = timeout.
 */
#ifndef JSTUB_ROM_H
#define JSTUB_ROM_H
#include "stub.h"

int rom_flash_read(u32 addr, u32 *dst, s32 len);
int rom_flash_write(u32 addr, const u32 *src, s32 len);
int rom_flash_erase_sector(u32 sector);
int rom_flash_erase_block(u32 block64k);
int rom_flash_erase_chip(void);
int rom_flash_config_param(u32 id, u32 size, u32 block, u32 sector, u32 page, u32 status_mask);
void rom_uart_div_modify(u32 uart, u32 div);
void rom_delay_us(u32 us);
void rom_isr_attach(u32 n, void (*fn)(void *), void *arg);
void rom_isr_mask(u32 bits);
void rom_isr_unmask(u32 bits);
void rom_set_user_start(u32 addr);
#endif
