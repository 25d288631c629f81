/** Firmware image formats: ELF reading, ESP8266 and ESP32-family images, Intel HEX, UF2, merging. */
package org.jesptool.image;
