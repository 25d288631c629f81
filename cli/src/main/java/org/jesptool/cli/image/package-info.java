/**
 * The esptool image commands elf2image, image-info, merge-bin and make-image (see
 * {@link org.jesptool.cli.image.ImageCommands} for how they are registered and get the chip).
 */
package org.jesptool.cli.image;
