/** Firmware image formats: ESP images (elf2image, image-info, merge-bin), ELF, Intel HEX and UF2. */
module org.jesptool.image {
    exports org.jesptool.image;
    exports org.jesptool.image.elf;
    exports org.jesptool.image.hex;
    exports org.jesptool.image.uf2;
}
