/*
 * Hardware layer of the ESP8266: UART0 (RX by interrupt on the ROM's CPU interrupt 5), SPI flash through
 * the ROM's SPIRead/SPIWrite/SPIErase* (they wait for the chip), no USB, no security info.
 */
#include "stub.h"
#include "slip.h"
#include "rom.h"

#define REG(a) (*(volatile u32 *)(a))
#define UART_FIFO 0x60000000u
#define UART_INT_ST 0x60000008u
#define UART_INT_ENA 0x6000000Cu
#define UART_INT_CLR 0x60000010u
#define UART_CLKDIV 0x60000014u
#define UART_STATUS 0x6000001Cu
#define UART_CONF1 0x60000024u
#define UART_INT_RX (1u << 0 | 1u << 8) /* RXFIFO_FULL, RXFIFO_TOUT */
#define UART_CPU_INT 5

void rom_select_spi_function(u32 hspi);
void rom_flash_attach(void);

static u32 rx_count(void)
{
    return REG(UART_STATUS) & 0xFF;
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

void hal_init(void)
{
    rom_set_user_start(0);
    /* the serial ROM loader leaves the flash unattached */
    hal_flash_attach(0);
    rom_flash_config_param(0, 16u << 20, BLOCK64, SECTOR, 256, 0xFFFF);
    rom_isr_mask(1u << UART_CPU_INT);
    rom_isr_attach(UART_CPU_INT, uart_isr, 0);
    /* interrupt at 16 bytes, or after 2 byte-times of silence */
    REG(UART_CONF1) = 16u | (2u << 24) | (1u << 31);
    REG(UART_INT_CLR) = 0xFFFF;
    REG(UART_INT_ENA) = UART_INT_RX;
    rom_isr_unmask(1u << UART_CPU_INT);
}

void hal_poll(void)
{
    u32 len;
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
    while (n--) {
        while (((REG(UART_STATUS) >> 16) & 0xFF) >= 126) {
        }
        REG(UART_FIFO) = *p++;
    }
}

void hal_tx_flush(void)
{
}

void hal_set_baud(u32 new_baud, u32 old_baud)
{
    u32 div;
    if (new_baud == 0) {
        return;
    }
    if (old_baud == 0) {
        old_baud = 115200;
    }
    while ((REG(UART_STATUS) >> 16) & 0xFF) {
    }
    rom_delay_us(2000);
    div = REG(UART_CLKDIV) & 0xFFFFF;
    rom_uart_div_modify(0, udiv32(div * old_baud + (new_baud >> 1), new_baud));
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

int hal_flash_attach(u32 pins)
{
    (void)pins; /* the ESP8266 has one flash connection */
    rom_select_spi_function(0);
    rom_flash_attach();
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
    (void)buf;
    return 0;
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
    return 1;
}

extern u32 _bss_start[], _bss_end[];

/* Reached from stub_entry with a0 = the ROM's boot path; returning boots the firmware (RUN_USER_CODE). */
void esp8266_main(void)
{
    u32 *p;
    for (p = _bss_start; p < _bss_end; p++) {
        *p = 0;
    }
    hal_init();
    stub_main();
    rom_isr_mask(1u << UART_CPU_INT);
}
