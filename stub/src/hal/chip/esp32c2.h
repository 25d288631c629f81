/* esp32c2: addresses for src/hal/esp_riscv.c (stub-facts 2.3, 2.4). */
#define UART0_BASE 0x60000000u
#define UART_RXCNT_MASK 0x3FFu
