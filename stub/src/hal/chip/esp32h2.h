/* esp32h2: addresses for src/hal/esp_riscv.c (stub-facts 2.3, 2.4). */
#define UART0_BASE 0x60000000u
#define UART_RXCNT_MASK 0xFFu
#define USB_JTAG_BASE 0x6000F000u
#define USB_JTAG_NUM 3
#define RTC_WDT_CONFIG0 0x600B1C00u
#define RTC_WDT_WPROTECT 0x600B1C1Cu
#define SWD_CONF 0x600B1C20u
#define SWD_WPROTECT 0x600B1C24u
#define SWD_KEY 0x50D83AA1u
#define SWD_AUTO_FEED_BIT 18
