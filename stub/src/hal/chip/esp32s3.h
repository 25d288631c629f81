/* esp32s3: addresses for src/hal/esp_xtensa.c (stub-facts 2.3, 2.4, 2.5). */
#define UART0_BASE 0x60000000u
#define UART0_TX_FIFO 0x60000000u
#define UART_CNT_MASK 0x3FFu
#define UART_CLKDIV_INT_MASK 0xFFFu
/* CONF1: RX-full threshold bits 9:0, timeout enable bit 23; MEM_CONF: timeout (bit times) bits 26:17 */
#define UART_CONF1_MASK (0x3FFu | 1u << 23)
#define UART_CONF1_SET (32u | 1u << 23)
#define UART_MEM_CONF 0x60u
#define UART_MEM_CONF_MASK (0x3FFu << 17)
#define UART_MEM_CONF_SET (20u << 17)
#define SECURITY_INFO_LEN 20
/* USB-OTG CDC */
#define USB_OTG_NUM 3
#define USB_OTG_BASE 0x60080000u
#define UART_ACM_DEV 0x3FCEFFBCu
#define USB_OTG_INTR_MAP 0x600C2098u
#define FORCE_DOWNLOAD_REG 0x6000812Cu
#define FORCE_DOWNLOAD_BIT 0
/* USB-Serial/JTAG and the watchdogs that must stop while it is the console */
#define USB_JTAG_BASE 0x60038000u
#define USB_JTAG_NUM 4
#define RTC_WDT_CONFIG0 0x60008098u
#define RTC_WDT_WPROTECT 0x600080B0u
#define SWD_CONF 0x600080B4u
#define SWD_WPROTECT 0x600080B8u
#define SWD_KEY 0x8F1D312Au
#define SWD_AUTO_FEED_BIT 31
