/** The esptool monitor and doctor commands, and write-flash's {@code --monitor}: picocli front ends of the monitor module. */
package org.jesptool.cli.monitor;
