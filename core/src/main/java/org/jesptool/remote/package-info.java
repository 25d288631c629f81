/**
 * Serving a local board to other machines: {@link org.jesptool.remote.Rfc2217Server} carries a serial port
 * (or a {@code virtual://} board) over RFC 2217 to one client at a time, with baud rate, DTR and RTS, and plays
 * the client's reset sequences on the local lines with the timing the chip needs, which a network cannot keep.
 */
package org.jesptool.remote;
