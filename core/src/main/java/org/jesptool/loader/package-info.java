/**
 * Connecting to a chip's serial loader and talking to it: reset and sync, chip detection, stub upload,
 * and the {@link org.jesptool.loader.Loader} primitives the flash operations are built on.
 *
 * <p>Embedding JEsptool starts with {@link org.jesptool.loader.Device}:
 *
 * <pre>{@code
 * ConnectOptions o = ConnectOptions.of("/dev/ttyUSB0")      // or socket://, rfc2217://, virtual://esp32c3
 *         .baud(460800)                                      // raised with CHANGE_BAUDRATE after sync
 *         .messages(System.out::println);                    // "Connecting...", notes
 * try (Device d = Device.connect(o)) {
 *     Chip chip = d.chip();                                  // detected (or verified with o.chip(...))
 *     String mac = Device.formatMac(d.mac());
 *     d.attachFlash(null);
 *     int jedec = d.flashId();
 *     byte[] md5 = d.loader().flashMd5(0x10000, 0x2000);
 *     d.reset(AfterReset.HARD_RESET);
 * }
 * }</pre>
 *
 * Failures are {@link java.io.IOException}s with messages meant for users:
 * {@link org.jesptool.loader.ConnectException} (with a reason), {@link org.jesptool.command.LoaderException}
 * (status codes), {@link org.jesptool.transport.PortException}, and the command layer's no-reply and
 * unsupported-command exceptions.
 */
package org.jesptool.loader;

import org.jesptool.command.LoaderException;
