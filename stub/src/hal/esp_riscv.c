/*
 * Hardware layer of the ESP RISC-V chips (C2, C3, C5, C6, C61, H2, P4). One source; CHIP_H names the
 * chip's header of addresses. Flash goes through the ROM's SPI flash functions (they wait for the chip);
 * the console is UART0 (RX by interrupt, ROM's CPU interrupt 5) or, where the ROM says the host came in
 * through it, the USB-Serial/JTAG port (polled: USB flow control means no byte is lost).
 */
#include "stub.h"
#include "slip.h"
#include "rom.h"
#include CHIP_H

#define REG(a) (*(volatile u32 *)(a))

#define UART_FIFO (UART0_BASE + 0x00)
#define UART_INT_ST (UART0_BASE + 0x08)
#define UART_INT_ENA (UART0_BASE + 0x0C)
#define UART_INT_CLR (UART0_BASE + 0x10)
#define UART_CLKDIV (UART0_BASE + 0x14)
#define UART_STATUS (UART0_BASE + 0x1C)
#define UART_INT_RX (1u << 0 | 1u << 8) /* RXFIFO_FULL, RXFIFO_TOUT */
#define UART_CPU_INT 5

#define USB_EP1 (USB_JTAG_BASE + 0x00)
#define USB_EP1_CONF (USB_JTAG_BASE + 0x04)
#define USB_INT_ENA (USB_JTAG_BASE + 0x10)
#define USB_WR_DONE (1u << 0)
#define USB_IN_FREE (1u << 1)
#define USB_OUT_AVAIL (1u << 2)

#define WDT_KEY 0x50D83AA1u

void *rom_get_uart_device(void);
void rom_intc_set_priority(u32 n, u32 prio);
int rom_security_info(void *a, void *b, u8 *buf);
#ifdef ROM_SECURITY_INFO_OLD_ECO
int rom_security_info_old(void *a, void *b, u8 *buf);
#endif

static u8 on_usb;

static u32 rx_count(void)
{
    return REG(UART_STATUS) & UART_RXCNT_MASK;
}

static void uart_isr(void *arg)
{
    u32 st = REG(UART_INT_ST);
    (void)arg;
    while (rx_count()) {
        slip_rx((u8)REG(UART_FIFO));
    }
    REG(UART_INT_CLR) = st;
}

#ifdef USB_JTAG_BASE
static void watchdogs_off(void)
{
    REG(RTC_WDT_WPROTECT) = WDT_KEY;
    REG(RTC_WDT_CONFIG0) = 0;
    REG(RTC_WDT_WPROTECT) = 0;
    REG(SWD_WPROTECT) = SWD_KEY;
    REG(SWD_CONF) |= 1u << SWD_AUTO_FEED_BIT;
    REG(SWD_WPROTECT) = 0;
}
#endif

void hal_init(void)
{
    rom_set_user_start(0);
    /* the serial ROM loader leaves the flash unattached, and hosts send SPI_ATTACH to a stub only when the
     * user names a connection: attach the default pins once here */
    hal_flash_attach(0);
    /* the ROM refuses addresses beyond its idea of the chip size; SPI_SET_PARAMS narrows it later */
    rom_flash_config_param(0, 16u << 20, BLOCK64, SECTOR, 256, 0xFFFF);
#ifdef USB_JTAG_BASE
    /* byte 24 of the ROM's UartDevice: the console the host came in on */
    on_usb = ((volatile u8 *)rom_get_uart_device())[24] == USB_JTAG_NUM;
    if (on_usb) {
        REG(USB_INT_ENA) = 0; /* we poll; nothing else may take the bytes */
        watchdogs_off();
        return;
    }
#endif
    rom_isr_mask(1u << UART_CPU_INT);
    rom_isr_attach(UART_CPU_INT, uart_isr, 0);
    rom_intc_set_priority(UART_CPU_INT, 1);
    REG(UART_INT_CLR) = UART_INT_RX;
    REG(UART_INT_ENA) |= UART_INT_RX;
    rom_isr_unmask(1u << UART_CPU_INT);
}

void hal_poll(void)
{
    u32 len;
#ifdef USB_JTAG_BASE
    if (on_usb) {
        while ((REG(USB_EP1_CONF) & USB_OUT_AVAIL) && !slip_frame(&len)) {
            slip_rx((u8)REG(USB_EP1));
        }
        return;
    }
#endif
    /* bytes below the RX interrupt threshold: collect them with the interrupt masked */
    if (rx_count()) {
        rom_isr_mask(1u << UART_CPU_INT);
        while (rx_count() && !slip_frame(&len)) {
            slip_rx((u8)REG(UART_FIFO));
        }
        rom_isr_unmask(1u << UART_CPU_INT);
    }
}

void hal_tx(const u8 *p, u32 n)
{
#ifdef USB_JTAG_BASE
    if (on_usb) {
        while (n--) {
            u32 spin = 0;
            /* the host may not be reading: give up on a byte after a while rather than hang */
            while (!(REG(USB_EP1_CONF) & USB_IN_FREE) && ++spin < 2000000) {
            }
            REG(USB_EP1) = *p++;
        }
        return;
    }
#endif
    while (n--) {
        while (((REG(UART_STATUS) >> 16) & UART_RXCNT_MASK) >= 126) {
        }
        REG(UART_FIFO) = *p++;
    }
}

void hal_tx_flush(void)
{
#ifdef USB_JTAG_BASE
    if (on_usb) {
        REG(USB_EP1_CONF) = USB_WR_DONE;
    }
#endif
}

void hal_set_baud(u32 new_baud, u32 old_baud)
{
    u32 div, div16;
    if (on_usb || new_baud == 0) {
        return;
    }
    if (old_baud == 0) {
        old_baud = 115200;
    }
    while ((REG(UART_STATUS) >> 16) & UART_RXCNT_MASK) {
    }
    rom_delay_us(2000); /* the last byte leaves the shift register */
    div = REG(UART_CLKDIV);
    div16 = ((div & 0xFFF) << 4) | ((div >> 20) & 0xF);
    /* same clock, new rate: the divider scales by old/new (clock-independent) */
    rom_uart_div_modify(0, udiv32(div16 * old_baud + (new_baud >> 1), new_baud));
    rom_delay_us(1000);
}

int hal_flash_read(u32 addr, void *dst, u32 len)
{
    return rom_flash_read(addr, dst, (s32)len) != 0;
}

int hal_flash_write(u32 addr, const void *src, u32 len)
{
    return rom_flash_write(addr, src, (s32)len) != 0;
}

int hal_flash_erase_start(u32 addr, u32 size)
{
    /* the ROM erases synchronously; the UART interrupt keeps receiving meanwhile */
    return (size == BLOCK64 ? rom_flash_erase_block(addr >> 16) : rom_flash_erase_sector(addr >> 12)) != 0;
}

int hal_flash_wait(void)
{
    return 0;
}

int hal_flash_erase_chip(void)
{
    return rom_flash_erase_chip() != 0;
}

int hal_flash_set_params(const u32 *p)
{
    return rom_flash_config_param(p[0], p[1], p[2], p[3], p[4], p[5]) != 0;
}

void rom_flash_attach(u32 pins, int legacy);

static u32 attached = 0xFFFFFFFFu;

int hal_flash_attach(u32 pins)
{
    /* never twice with the same pins: on the P4 the ROM's attach also switches the flash power rail */
    if (pins != attached) {
        rom_flash_attach(pins, 0);
        attached = pins;
    }
    return 0;
}

u32 hal_flash_default_size(void)
{
    return 16u << 20;
}

u32 hal_read_reg(u32 addr)
{
    return REG(addr);
}

void hal_write_reg(u32 addr, u32 value)
{
    REG(addr) = value;
}

void hal_delay_us(u32 us)
{
    rom_delay_us(us);
}

u32 hal_security_info(u8 *buf)
{
#ifdef ROM_SECURITY_INFO_OLD_ECO
    if (REG(ROM_ECO_VERSION_ADDR) < ROM_SECURITY_INFO_OLD_ECO) {
        return rom_security_info_old(0, 0, buf) ? 0 : 20;
    }
#endif
    return rom_security_info(0, 0, buf) ? 0 : 20;
}

void hal_mem_write(u32 addr, u32 value)
{
    REG(addr) = value;
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

/* The ROM calls this after MEM_END, on its own stack. */
void stub_entry(void)
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
