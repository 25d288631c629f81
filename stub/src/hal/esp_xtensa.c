/*
 * Hardware layer of the windowed-Xtensa chips (ESP32 LX6, ESP32-S2 and ESP32-S3 LX7), built with clang/llc-22.
 * One source; CHIP_H names the chip's header of addresses. Everything here is ordinary windowed C: the ROM calls
 * stub_entry like a function, ROM functions are reached by l32r + callx8 (LLVM emits every call that way), and the
 * ROM's level-1 interrupt dispatcher calls our handlers as windowed functions.
 *
 * Flash goes through the ROM's SPI flash functions (they wait for the chip). The console is the one the host came
 * in on, from the ROM's UartDevice: UART0 (RX by interrupt on the ROM's CPU interrupt 5, batched with an RX-full
 * threshold and an RX timeout), the ROM's own USB-OTG CDC-ACM stack (S2, S3; its interrupt handler attached to
 * CPU interrupt 17), or USB-Serial/JTAG (S3; polled, watchdogs stopped).
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
#define UART_CONF1 (UART0_BASE + 0x24)
#define UART_INT_RX (1u << 0 | 1u << 8) /* RXFIFO_FULL, RXFIFO_TOUT */
#define UART_CPU_INT 5
#define USB_CPU_INT 17 /* a level-1 external interrupt on all three cores, unused by the ROM */

void *rom_get_uart_device(void);
u32 rom_efuse_get_spiconfig(void);
void rom_flash_attach(u32 pins, int legacy);

enum { CON_UART, CON_OTG, CON_JTAG };
static u8 console;

static u32 rx_count(void)
{
    return REG(UART_STATUS) & UART_CNT_MASK;
}

static u32 tx_count(void)
{
    return (REG(UART_STATUS) >> 16) & UART_CNT_MASK;
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

static void uart_init(void)
{
    rom_isr_mask(1u << UART_CPU_INT);
    rom_isr_attach(UART_CPU_INT, uart_isr, 0);
    /* interrupt at 32 bytes, or when the line has been quiet for about two byte times */
    REG(UART_CONF1) = (REG(UART_CONF1) & ~UART_CONF1_MASK) | UART_CONF1_SET;
#ifdef UART_MEM_CONF
    REG(UART0_BASE + UART_MEM_CONF) = (REG(UART0_BASE + UART_MEM_CONF) & ~UART_MEM_CONF_MASK) | UART_MEM_CONF_SET;
#endif
    REG(UART_INT_CLR) = UART_INT_RX;
    REG(UART_INT_ENA) |= UART_INT_RX;
    rom_isr_unmask(1u << UART_CPU_INT);
}

/* ---- USB-OTG CDC-ACM through the ROM's driver (S2, S3) ---- */
#ifdef USB_OTG_NUM
#define CDC_STATUS_RX (-4)
#define CDC_STATUS_LINE (-1)
#define LINE_CTRL_RTS 2u

int rom_cdc_fifo_fill(void *dev, const u8 *buf, int len);
int rom_cdc_fifo_read(void *dev, u8 *buf, int len);
int rom_cdc_rx_fifo_cnt(void *dev);
void rom_cdc_callback_set(void *dev, void (*cb)(void *dev, int status));
int rom_cdc_line_ctrl_get(void *dev, u32 ctrl, u32 *value);
void rom_cdc_rx_enable(void *dev);
void rom_cdc_state_enable(void *dev);
void rom_usb_isr(void *arg);
void rom_usb_poll(void);
void rom_usb_set_persist_flags(u32 flags);
void rom_usb_prepare_persist(void);
void rom_software_reset_cpu(int cpu);
void rom_intr_matrix_set(int cpu, u32 source, u32 n);

static void *acm;
static u32 rts;
static volatile u8 reset_asked;
static volatile u32 usb_isr_count;

static void cdc_event(void *dev, int status)
{
    u8 buf[64];
    int n, i;
    if (status == CDC_STATUS_RX) {
        while (rom_cdc_rx_fifo_cnt(dev) > 0 && (n = rom_cdc_fifo_read(dev, buf, sizeof buf)) > 0) {
            for (i = 0; i < n; i++) {
                slip_rx(buf[i]);
            }
        }
    } else if (status == CDC_STATUS_LINE) {
        u32 now = 0;
        rom_cdc_line_ctrl_get(dev, LINE_CTRL_RTS, &now);
        /* RTS 1 -> 0 is the host asking for a reset (there are no reset lines on USB) */
        if (rts && !now) {
            reset_asked = 1;
        }
        rts = now;
    }
}

/* One windowed frame between the ROM's dispatcher and the ROM's USB handler: called directly, the handler was
 * seen to corrupt a register of the interrupted code on the S3 (stub-facts 2.4). */
static void usb_isr(void *arg)
{
    rom_usb_isr(arg);
    usb_isr_count++;
}

static void otg_init(void)
{
    acm = *(void **)UART_ACM_DEV;
    rom_isr_mask(1u << USB_CPU_INT);
    rom_isr_attach(USB_CPU_INT, usb_isr, 0);
#ifdef USB_OTG_INTR_MAP
    REG(USB_OTG_INTR_MAP) = USB_CPU_INT;
#else
    rom_intr_matrix_set(0, USB_INTR_SOURCE, USB_CPU_INT);
#endif
    rom_cdc_callback_set(acm, cdc_event);
    rom_cdc_rx_enable(acm);
    rom_cdc_state_enable(acm);
    REG(USB_OTG_BASE + 0x8) |= 1u; /* GAHBCFG: global interrupt enable */
    rom_isr_unmask(1u << USB_CPU_INT);
}

/* Resets into the firmware the way the ROM's own USB code does: persist the USB connection, leave download mode. */
static void otg_reset(void)
{
    rom_isr_mask(1u << USB_CPU_INT);
    rom_delay_us(10000);
    rom_usb_poll();
    REG(FORCE_DOWNLOAD_REG) &= ~(1u << FORCE_DOWNLOAD_BIT);
    rom_usb_set_persist_flags(1u << 31);
    rom_usb_prepare_persist();
    rom_software_reset_cpu(0);
}
#endif

/* ---- USB-Serial/JTAG (S3) ---- */
#ifdef USB_JTAG_BASE
#define USB_EP1 (USB_JTAG_BASE + 0x00)
#define USB_EP1_CONF (USB_JTAG_BASE + 0x04)
#define USB_INT_ENA (USB_JTAG_BASE + 0x10)
#define USB_WR_DONE (1u << 0)
#define USB_IN_FREE (1u << 1)
#define USB_OUT_AVAIL (1u << 2)
#define WDT_KEY 0x50D83AA1u

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

static u32 boot_pins(void)
{
    u32 pins = rom_efuse_get_spiconfig();
#ifdef GPIO_STRAP
    if (pins == 0 && (REG(GPIO_STRAP) & 0x1Cu) == 0x08u) {
        pins = 1; /* HSPI */
    }
#endif
    return pins;
}

void hal_init(void)
{
    u8 uart_no;
    rom_set_user_start(0);
    /* the serial ROM loader leaves the flash unattached: attach the pins the chip boots from */
    hal_flash_attach(boot_pins());
    /* the ROM refuses addresses beyond its idea of the chip size; SPI_SET_PARAMS narrows it later */
    rom_flash_config_param(0, 16u << 20, BLOCK64, SECTOR, 256, 0xFFFF);
    /* byte 24 of the ROM's UartDevice: the console the host came in on */
    uart_no = ((volatile u8 *)rom_get_uart_device())[24];
    (void)uart_no;
#ifdef USB_OTG_NUM
    if (uart_no == USB_OTG_NUM) {
        console = CON_OTG;
        otg_init();
        return;
    }
#endif
#ifdef USB_JTAG_BASE
    if (uart_no == USB_JTAG_NUM) {
        console = CON_JTAG;
        REG(USB_INT_ENA) = 0; /* we poll; nothing else may take the bytes */
        watchdogs_off();
        return;
    }
#endif
    console = CON_UART;
    uart_init();
}

void hal_poll(void)
{
    u32 len;
#ifdef USB_OTG_NUM
    if (console == CON_OTG) {
        if (reset_asked) {
            otg_reset();
        }
        /* events the interrupt has not taken (should it never fire): the ROM's own polling path */
        rom_isr_mask(1u << USB_CPU_INT);
        rom_usb_poll();
        rom_isr_unmask(1u << USB_CPU_INT);
        return;
    }
#endif
#ifdef USB_JTAG_BASE
    if (console == CON_JTAG) {
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
#ifdef USB_OTG_NUM
    if (console == CON_OTG) {
        u32 spin = 0;
        while (n) {
            int k = rom_cdc_fifo_fill(acm, p, (int)(n < 64 ? n : 64));
            if (k > 0) {
                p += k;
                n -= (u32)k;
                spin = 0;
            } else if (++spin > 2000000) {
                return; /* the host is not reading: give up rather than hang */
            }
        }
        return;
    }
#endif
#ifdef USB_JTAG_BASE
    if (console == CON_JTAG) {
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
        while (tx_count() >= 126) {
        }
        REG(UART0_TX_FIFO) = *p++;
    }
}

void hal_tx_flush(void)
{
#ifdef USB_JTAG_BASE
    if (console == CON_JTAG) {
        REG(USB_EP1_CONF) = USB_WR_DONE;
    }
#endif
}

void hal_set_baud(u32 new_baud, u32 old_baud)
{
    u32 div, div16;
    if (console != CON_UART || new_baud == 0) {
        return; /* USB: the rate is the host's fiction */
    }
    if (old_baud == 0) {
        old_baud = 115200;
    }
    while (tx_count()) {
    }
    rom_delay_us(2000); /* the last byte leaves the shift register */
    div = REG(UART_CLKDIV);
    div16 = ((div & UART_CLKDIV_INT_MASK) << 4) | ((div >> 20) & 0xF);
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
    /* the ROM erases synchronously; the console interrupt keeps receiving meanwhile */
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

static u32 attached = 0xFFFFFFFFu;

int hal_flash_attach(u32 pins)
{
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

#ifdef SECURITY_INFO_LEN
int rom_security_info(void *a, void *b, u8 *buf);
#endif

u32 hal_security_info(u8 *buf)
{
#ifdef SECURITY_INFO_LEN
    return rom_security_info(0, 0, buf) ? 0 : SECURITY_INFO_LEN;
#else
    (void)buf; /* the ESP32 ROM has no GetSecurityInfoProc */
    return 0;
#endif
}

void hal_mem_write(u32 addr, u32 value)
{
    REG(addr) = value; /* word-wise: IRAM takes 32-bit stores only */
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

/* The ROM calls this (a windowed call) after MEM_END, on its own stack, and never gets control back. */
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
