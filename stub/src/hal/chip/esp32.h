/* esp32: addresses for src/hal/esp_xtensa.c (stub-facts 2.3, 2.5). UART0 registers on the DPORT bus, TX bytes
 * through the AHB alias (ESP32 errata). No USB console, no security info. */
#define UART0_BASE 0x3FF40000u
#define UART0_TX_FIFO 0x60000000u
#define UART_CNT_MASK 0xFFu
#define UART_CLKDIV_INT_MASK 0xFFFFFu
/* CONF1: RX-full threshold bits 6:0, RX timeout (byte times) bits 30:24, timeout enable bit 31 */
#define UART_CONF1_MASK (0x7Fu | 0x7Fu << 24 | 1u << 31)
#define UART_CONF1_SET (32u | 2u << 24 | 1u << 31)
/* boot attach: eFuse SPI config, else HSPI when GPIO_STRAP says U0TXD was strapped low */
#define GPIO_STRAP 0x3FF44038u
