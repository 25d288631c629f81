/** The serial-link seam between a loader-protocol device (such as the virtual device) and the host library. */
package org.jesptool.protocol.link;
