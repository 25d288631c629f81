/**
 * Flashing operations on a connected {@link org.jesptool.loader.Loader}: write, read, verify and erase, with
 * checks before anything is sent, MD5 verification, retries, one reconnect-and-resume, and progress events.
 *
 * <p>Entry point: {@link org.jesptool.flash.Flasher}. A write is planned first (4-byte padding, header patch at
 * the bootloader offset, address/overlap/bounds/chip checks; nothing is sent when a check fails), then sent in
 * 64 KiB units aligned to absolute 64 KiB boundaries. To the stub, each run of consecutive compressible units
 * (up to 4 MiB) is one FLASH_DEFL_BEGIN stream, deflated on a background thread while it goes out and cut into
 * blocks of up to 16 KiB by a model of the stub's erase-ahead ({@code StubBlockPlanner}); a broken stream
 * resumes at the first unit not yet programmed. To the ROM, each compressed unit is its own stream, deflated
 * ahead of the one on the wire, in 1 KiB blocks. Plain units are merged into streams of up to 1 MiB. Each
 * file is verified by SPI_FLASH_MD5;
 * mismatching units are located and rewritten once. Units are also the grain of {@code --skip-flashed} and
 * of the flash state reported by {@link org.jesptool.flash.FlashException#state()} when a write gives up.
 */
package org.jesptool.flash;
