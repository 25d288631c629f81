/** A small, strict reader of 32-bit little-endian Xtensa and RISC-V ELF files. */
package org.jesptool.image.elf;
