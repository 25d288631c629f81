/** Command-line front ends: esptool, espsecure and espefuse drop-ins. */
package org.jesptool.cli;
