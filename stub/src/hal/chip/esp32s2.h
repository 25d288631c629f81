/* esp32s2: addresses for src/hal/esp_xtensa.c (stub-facts 2.3, 2.4, 2.5). */
#define UART0_BASE 0x60000000u
#define UART0_TX_FIFO 0x60000000u
#define UART_CNT_MASK 0x3FFu
#define UART_CLKDIV_INT_MASK 0xFFFFFu
/* CONF1: RX-full threshold bits 8:0, timeout enable bit 31; MEM_CONF: timeout (bit times) bits 25:16 */
#define UART_CONF1_MASK (0x1FFu | 1u << 31)
#define UART_CONF1_SET (32u | 1u << 31)
#define UART_MEM_CONF 0x5Cu
#define UART_MEM_CONF_MASK (0x3FFu << 16)
#define UART_MEM_CONF_SET (20u << 16)
#define SECURITY_INFO_LEN 12
/* USB-OTG CDC: console number in the ROM's UartDevice, the ROM's ACM device pointer, interrupt source */
#define USB_OTG_NUM 2
#define USB_OTG_BASE 0x60080000u
#define UART_ACM_DEV 0x3FFFFCF8u
#define USB_INTR_SOURCE 48
#define FORCE_DOWNLOAD_REG 0x3F408128u
#define FORCE_DOWNLOAD_BIT 0
