/* esp32p4 before revision 3.0 (same peripherals as later revisions): addresses for src/hal/esp_riscv.c (stub-facts 2.3, 2.4). */
#define UART0_BASE 0x500CA000u
#define UART_RXCNT_MASK 0xFFu
#define USB_JTAG_BASE 0x500D2000u
#define USB_JTAG_NUM 6
#define RTC_WDT_CONFIG0 0x50116000u
#define RTC_WDT_WPROTECT 0x50116018u
#define SWD_CONF 0x5011601Cu
#define SWD_WPROTECT 0x50116020u
#define SWD_KEY 0x50D83AA1u
#define SWD_AUTO_FEED_BIT 18
