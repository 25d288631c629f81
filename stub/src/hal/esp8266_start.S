/* ESP8266 entry (call0 ABI): return address = the ROM's user-code boot path, then C. A return from
 * esp8266_main (RUN_USER_CODE) therefore boots the firmware, as the ROM would have. */
    .section .text.entry, "ax"
    .literal_position
    .literal .Lrom_boot, 0x400010A8
    .literal .Lmain, esp8266_main
    .align 4
    .global stub_entry
stub_entry:
    l32r a0, .Lrom_boot
    l32r a2, .Lmain
    jx a2
