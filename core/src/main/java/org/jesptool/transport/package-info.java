/** Byte transports: local serial ports, TCP sockets, RFC 2217, and the in-process virtual device. */
package org.jesptool.transport;
