/**
 * Internal: SLIP-framed request/response commands of the ROM loader and flasher stub. Not exported from the
 * module and not API; use {@link org.jesptool.loader.Device} and {@link org.jesptool.loader.Loader}.
 */
package org.jesptool.command.internal;
