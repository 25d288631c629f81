/**
 * Firmware image formats: ELF reading, ESP8266 and ESP32-family images, Intel HEX, UF2, merging.
 *
 * <p>Entry points: {@link org.jesptool.image.ImageFormats#forChip} (per-chip image facts as
 * {@link org.jesptool.image.ImageChip}), {@link org.jesptool.image.Elf2Image} (ELF to image),
 * {@link org.jesptool.image.FirmwareImage#parse} (read an image: chip id, revisions, segments, checksum, digest),
 * {@link org.jesptool.image.ImageInfo} (image-info text; {@link org.jesptool.image.ImageInfoJson} for JSON),
 * {@link org.jesptool.image.FlashHeaderPatcher} (flash mode/freq/size patching at the bootloader offset),
 * {@link org.jesptool.image.MergeBin} (raw, Intel HEX and UF2 merging), {@link org.jesptool.image.MakeImage}
 * (ESP8266 image from raw segments) and {@link org.jesptool.image.OutputFiles} (write via temporary name and
 * rename). Every refusal is an {@link org.jesptool.image.ImageException} whose message is meant for the user.
 */
package org.jesptool.image;
